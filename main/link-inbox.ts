import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { fail, ok, type Result } from '../contract/errors';
import type { LinkNotice } from '../contract/ipc';
import { parseSetupLink, type LinkKind } from './setup-link';

/** A setup or reset link waiting for the person; the token never leaves main. */
export interface PendingLink {
  linkId: string;
  kind: LinkKind;
  serviceOrigin: string;
  token: string;
  /** True once the person confirmed a service other than the configured one. */
  confirmed: boolean;
}

/**
 * What the organisation decides about a link's service: `notAllowed` is
 * rejected without contacting it, `listed` is used without the person's
 * confirmation, and `unlisted` needs it unless it is the configured one.
 */
export type ServiceCheck = 'notAllowed' | 'listed' | 'unlisted';

export interface LinkInboxOptions {
  logger: Logger;
  /** Origin of the configured service, or null before the first one. */
  configuredOrigin(): string | null;
  /** Checks a link's service against the policy; every service is `unlisted` when absent. */
  checkService?(origin: string): ServiceCheck;
  /** Sends a notice to the renderer once it has taken the pending ones. */
  emit(notice: LinkNotice): void;
  /** Maximum number of links kept; the oldest is dropped first. */
  maxLinks?: number;
  /** Called when a link becomes usable: its service is configured or confirmed. */
  onUsable?(link: PendingLink): void;
}

type LinkFields = Pick<PendingLink, 'kind' | 'serviceOrigin' | 'token'>;

/**
 * Links from the OS and from the person, by random id. Notices queue until the
 * renderer calls `takePending`, and are pushed as events after that.
 */
export class LinkInbox {
  readonly #links = new Map<string, PendingLink>();
  readonly #queue: LinkNotice[] = [];
  #rendererListening = false;

  constructor(private readonly options: LinkInboxOptions) {}

  /** Takes a link from the OS: first or second instance, or macOS open-url. */
  receive(text: string): LinkNotice {
    const notice = this.submit(text);
    this.options.logger.info(
      {
        kind: notice.kind,
        code: notice.kind === 'invalid' ? notice.code : undefined,
      },
      'link received',
    );

    if (this.#rendererListening) {
      this.options.emit(notice);
    } else {
      this.#queue.push(notice);
    }
    return notice;
  }

  /** Parses a link the person pasted and returns its notice without queueing it. */
  submit(text: string): LinkNotice {
    const parsed = parseSetupLink(text, {
      configuredOrigin: this.options.configuredOrigin(),
    });
    if (!parsed.ok) {
      return parsed.code === 'LINK_EXTRA_TEXT'
        ? { kind: 'invalid', code: parsed.code, extraText: parsed.extraText }
        : { kind: 'invalid', code: parsed.code };
    }

    // A service the organisation does not allow is never stored, so no
    // later call can contact it.
    const check = this.#check(parsed.serviceOrigin);
    const serviceHost = new URL(parsed.serviceOrigin).host;
    if (check === 'notAllowed') {
      this.options.logger.warn(
        { kind: parsed.kind, serviceHost },
        'link for a service the organisation does not allow rejected',
      );
      return { kind: 'invalid', code: 'LINK_SERVICE_NOT_ALLOWED', serviceHost };
    }

    const link = this.#findSame(parsed) ?? this.#add(parsed);
    const trusted = parsed.trusted || check === 'listed';
    if (trusted || link.confirmed) {
      this.options.onUsable?.(link);
    }
    return this.#noticeFor(link, trusted);
  }

  /** Returns the queued notices, oldest first, and pushes later ones as events. */
  takePending(): LinkNotice[] {
    this.#rendererListening = true;
    const queued = this.#queue.splice(0);

    // A renderer that reloads (F5 in the browser preview) takes again the
    // links it had not finished, so that the registration it showed is back.
    const queuedIds = new Set(
      queued.flatMap((notice) =>
        notice.kind === 'invalid' ? [] : [notice.linkId],
      ),
    );
    const held = [...this.#links.values()]
      .filter((link) => !queuedIds.has(link.linkId))
      .map((link) => this.#noticeFor(link, this.isTrusted(link)));
    return [...held, ...queued];
  }

  get(linkId: string): PendingLink | undefined {
    return this.#links.get(linkId);
  }

  /** Tells whether the link may be used: its service is configured, listed by the policy or confirmed. */
  isTrusted(link: PendingLink): boolean {
    return (
      link.confirmed ||
      link.serviceOrigin === this.options.configuredOrigin() ||
      this.#check(link.serviceOrigin) === 'listed'
    );
  }

  /**
   * Finds a pending link of `kind` that may be used: LINK_UNKNOWN when there
   * is none, LINK_UNTRUSTED while its service awaits confirmation.
   */
  usable(linkId: string, kind: LinkKind): Result<PendingLink> {
    const link = this.#links.get(linkId);
    if (!link || link.kind !== kind) {
      return fail('LINK_UNKNOWN');
    }
    if (!this.isTrusted(link)) {
      return fail('LINK_UNTRUSTED');
    }
    return ok(link);
  }

  confirm(linkId: string): boolean {
    const link = this.#links.get(linkId);
    if (link) {
      link.confirmed = true;
      this.options.onUsable?.(link);
    }
    return link !== undefined;
  }

  remove(linkId: string): boolean {
    return this.#links.delete(linkId);
  }

  #check(origin: string): ServiceCheck {
    return this.options.checkService?.(origin) ?? 'unlisted';
  }

  #findSame(parsed: LinkFields): PendingLink | undefined {
    for (const link of this.#links.values()) {
      if (
        link.kind === parsed.kind &&
        link.serviceOrigin === parsed.serviceOrigin &&
        link.token === parsed.token
      ) {
        return link;
      }
    }
    return undefined;
  }

  #add(parsed: LinkFields): PendingLink {
    const maxLinks = this.options.maxLinks ?? 20;
    while (this.#links.size >= maxLinks) {
      const oldest = this.#links.keys().next().value as string;
      this.#links.delete(oldest);
    }

    const link: PendingLink = {
      linkId: randomBytes(16).toString('base64url'),
      kind: parsed.kind,
      serviceOrigin: parsed.serviceOrigin,
      token: parsed.token,
      confirmed: false,
    };
    this.#links.set(link.linkId, link);
    return link;
  }

  #noticeFor(link: PendingLink, trusted: boolean): LinkNotice {
    return {
      kind: link.kind,
      linkId: link.linkId,
      serviceOrigin: link.serviceOrigin,
      serviceHost: new URL(link.serviceOrigin).host,
      trusted: trusted || link.confirmed,
    };
  }
}
