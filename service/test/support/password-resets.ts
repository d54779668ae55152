import type { TestService } from '../../../tests/support/test-service';

export function requestReset(
  service: TestService,
  body: object,
  ip = '127.0.0.1',
) {
  return service.app.inject({
    method: 'POST',
    url: '/v1/password-resets',
    payload: body,
    remoteAddress: ip,
  });
}

export function checkReset(service: TestService, body: object) {
  return service.app.inject({
    method: 'POST',
    url: '/v1/password-resets/check',
    payload: body,
  });
}

export function completeReset(service: TestService, body: object) {
  return service.app.inject({
    method: 'POST',
    url: '/v1/password-resets/complete',
    payload: body,
  });
}

/** Returns a code of the same length that differs from `code`. */
export function wrongCodeFor(code: string): string {
  return String((Number(code) + 1) % 1_000_000).padStart(6, '0');
}
