import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { errorCatalog } from '../../contract/errors';
import {
  startTestService,
  type TestService,
} from '../../tests/support/test-service';

let service: TestService;

beforeAll(async () => {
  service = await startTestService();
});

afterAll(() => service.close());

describe('error responses', () => {
  test('unknown route is NOT_FOUND', async () => {
    const response = await service.app.inject({
      method: 'GET',
      url: '/v1/nothing',
    });

    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({
      error: {
        code: 'NOT_FOUND',
        message: expect.any(String),
        requestId: response.headers['x-request-id'],
      },
    });
  });

  test('JSON that does not parse is VALIDATION_FAILED', async () => {
    const response = await service.app.inject({
      method: 'POST',
      url: '/v1/sessions',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": ',
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('VALIDATION_FAILED');
  });

  test('missing property names the field', async () => {
    const response = await service.app.inject({
      method: 'POST',
      url: '/v1/sessions',
      payload: { email: 'anna@example.com' },
    });

    expect(response.json().error).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'password',
    });
  });

  test('oversized JSON body is PAYLOAD_TOO_LARGE', async () => {
    const response = await service.app.inject({
      method: 'POST',
      url: '/v1/sessions',
      payload: { email: 'a@example.com', password: 'p'.repeat(100_000) },
    });

    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  test('every status matches the catalog', async () => {
    const response = await service.app.inject({ method: 'GET', url: '/v1/me' });

    expect(response.statusCode).toBe(errorCatalog.UNAUTHENTICATED.status);
  });
});

describe('unexpected errors', () => {
  test('answer INTERNAL without a stack', async () => {
    const broken = await startTestService();
    await broken.database.close();

    const response = await broken.app.inject({ method: 'GET', url: '/health' });
    await broken.close();

    expect(response.statusCode).toBe(500);
    const error = response.json().error;
    expect(error.code).toBe('INTERNAL');
    expect(error.requestId).toEqual(expect.any(String));
    expect(JSON.stringify(error)).not.toMatch(/at .*\.ts:\d+/);
  });
});
