import pino from 'pino';
import { fail } from '../contract/errors';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  startReferenceService,
  type ReferenceService,
} from '../tests/support/reference-service';
import { InvitationLookups } from './invitation-lookups';
import type { PendingLink } from './link-inbox';
import { ServiceClient } from './service-client';

describe('InvitationLookups', () => {
  let service: ReferenceService;
  let lookups: InvitationLookups;
  let now: number;
  let link: PendingLink;

  const lookupCount = () =>
    service.routes().filter((route) => route.startsWith('GET /v1/invitations/'))
      .length;

  beforeEach(async () => {
    service = await startReferenceService();
    const client = new ServiceClient({
      origin: service.origin,
      logger: pino({ level: 'silent' }),
      // Invitation lookups need no session.
      tokens: {
        accessToken: async () => fail('NOT_SIGNED_IN'),
        refreshAfterRejection: async () => fail('NOT_SIGNED_IN'),
        rejectedAfterRefresh: async () => undefined,
      },
      timeoutMs: 2000,
    });
    now = 0;
    lookups = new InvitationLookups(
      () => client,
      () => now,
    );
    link = {
      linkId: 'link-one-0123456789',
      kind: 'setup',
      serviceOrigin: service.origin,
      token: await service.invite('lena@example.com'),
      confirmed: false,
    };
  });

  afterEach(async () => {
    await service.close();
  });

  it('answers from the prefetch once', async () => {
    lookups.prefetch(link);
    const first = await lookups.lookup(link);
    expect(first).toMatchObject({
      ok: true,
      value: { email: 'lena@example.com' },
    });
    expect(lookupCount()).toBe(1);

    await lookups.lookup(link);
    expect(lookupCount()).toBe(2);
  });

  it('looks up anew after 10 seconds', async () => {
    lookups.prefetch(link);
    now = 10_001;

    await lookups.lookup(link);

    expect(lookupCount()).toBe(2);
  });

  it('drops a forgotten prefetch', async () => {
    lookups.prefetch(link);
    lookups.forget(link.linkId);

    await lookups.lookup(link);

    expect(lookupCount()).toBe(2);
  });
});
