import type { InvitationInfo } from '../contract/api';
import type { Result } from '../contract/errors';
import type { PendingLink } from './link-inbox';
import type { ServiceClient } from './service-client';

/** How long a prefetched lookup may stand in for a new one. */
const PREFETCH_MAX_AGE_MS = 10_000;

interface Prefetched {
  startedAt: number;
  result: Promise<Result<InvitationInfo>>;
}

/**
 * Looks up the invitations of setup links. A link the app may use is looked
 * up as soon as it arrives, while the renderer is still starting or drawing,
 * so that the registration page does not wait for the service afterwards.
 * Lookups do not consume the invitation, so an unused prefetch costs only a
 * request.
 */
export class InvitationLookups {
  readonly #prefetched = new Map<string, Prefetched>();

  constructor(
    private readonly clientFor: (origin: string) => ServiceClient,
    private readonly now: () => number = Date.now,
  ) {}

  prefetch(link: PendingLink): void {
    const result = this.#fetch(link);
    // Awaited later by `lookup`, or never: a rejection must not go unhandled.
    result.catch(() => undefined);
    this.#prefetched.set(link.linkId, { startedAt: this.now(), result });
  }

  /** Returns the prefetched result once, when it is recent, else looks up anew. */
  lookup(link: PendingLink): Promise<Result<InvitationInfo>> {
    const prefetched = this.#prefetched.get(link.linkId);
    this.#prefetched.delete(link.linkId);

    if (
      prefetched &&
      this.now() - prefetched.startedAt <= PREFETCH_MAX_AGE_MS
    ) {
      return prefetched.result;
    }
    return this.#fetch(link);
  }

  forget(linkId: string): void {
    this.#prefetched.delete(linkId);
  }

  #fetch(link: PendingLink): Promise<Result<InvitationInfo>> {
    return this.clientFor(link.serviceOrigin).getInvitation(link.token);
  }
}
