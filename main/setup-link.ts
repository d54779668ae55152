import {
  MAX_LINK_LENGTH,
  RESET_PATH_PREFIX,
  SETUP_PATH_PREFIX,
  SETUP_TOKEN_PATTERN,
  URL_SCHEME,
} from '../contract/setup-link';
import { isLoopbackHostname } from './loopback';
import { parseBareOrigin } from './service-url';

export type SetupLinkError =
  'LINK_MALFORMED' | 'LINK_TOO_LONG' | 'LINK_INSECURE';

/** A setup link from a welcome email, or a link from a password-reset email. */
export type LinkKind = 'setup' | 'reset';

export type ParsedSetupLink =
  | {
      ok: true;
      kind: LinkKind;
      serviceOrigin: string;
      token: string;
      /** True when the link names the configured service. */
      trusted: boolean;
    }
  | { ok: false; code: SetupLinkError };

export interface SetupLinkContext {
  /** Origin of the configured service, or null before the first one. */
  configuredOrigin: string | null;
}

type LinkParts =
  | { ok: true; kind: LinkKind; serviceOrigin: string; token: string }
  | { ok: false; code: SetupLinkError };

/** The path prefix of each kind's https form; its app form uses the kind as host. */
const pathPrefixes: Record<LinkKind, string> = {
  setup: SETUP_PATH_PREFIX,
  reset: RESET_PATH_PREFIX,
};

/**
 * Whitespace, quotes and angle brackets that mail clients and chat apps put
 * around a link. None of them can end a setup or reset link, whose token is
 * base64url.
 */
const wrapperPattern =
  /^[\s"'<>\u201c\u201d\u201e\u2018\u2019\u00ab\u00bb]+|[\s"'<>\u201c\u201d\u201e\u2018\u2019\u00ab\u00bb]+$/g;

const malformed = { ok: false, code: 'LINK_MALFORMED' } as const;

function parseUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

/**
 * Reads `service` and `token` from a query string, each exactly once and
 * nothing else. `URLSearchParams` would hide empty and repeated parameters.
 */
function readSchemeParameters(
  search: string,
): { service: string; token: string } | null {
  const pairs = search.replace(/^\?/, '').split('&');
  const values = new Map<string, string>();

  for (const pair of pairs) {
    const separator = pair.indexOf('=');
    const key = pair.slice(0, separator);
    if (separator < 0 || values.has(key)) {
      return null;
    }
    try {
      values.set(key, decodeURIComponent(pair.slice(separator + 1)));
    } catch {
      return null;
    }
  }

  const service = values.get('service');
  const token = values.get('token');
  if (values.size !== 2 || service === undefined || token === undefined) {
    return null;
  }
  return { service, token };
}

function kindOfHost(host: string): LinkKind | null {
  const lower = host.toLowerCase();
  return lower === 'setup' || lower === 'reset' ? lower : null;
}

/** Parses `<scheme>://setup?service=<origin>&token=<token>`, or `reset` in place of `setup`. */
function parseSchemeLink(url: URL): LinkParts {
  const kind = kindOfHost(url.host);
  const hasBarePath = url.pathname === '' || url.pathname === '/';
  if (
    kind === null ||
    !hasBarePath ||
    url.username ||
    url.password ||
    url.port
  ) {
    return malformed;
  }

  const parameters = readSchemeParameters(url.search);
  if (!parameters || !SETUP_TOKEN_PATTERN.test(parameters.token)) {
    return malformed;
  }

  const origin = parseBareOrigin(parameters.service);
  if (!origin.ok) {
    return {
      ok: false,
      code: origin.reason === 'insecure' ? 'LINK_INSECURE' : 'LINK_MALFORMED',
    };
  }
  return {
    ok: true,
    kind,
    serviceOrigin: origin.origin,
    token: parameters.token,
  };
}

/** Splits `/setup/<token>` or `/reset/<token>` into its kind and token. */
function splitWebPath(path: string): { kind: LinkKind; token: string } | null {
  for (const kind of ['setup', 'reset'] as const) {
    const prefix = pathPrefixes[kind];
    if (path.startsWith(prefix)) {
      return { kind, token: path.slice(prefix.length) };
    }
  }
  return null;
}

/**
 * Parses `https://<host>[:port]/setup/<token>` or `.../reset/<token>`, or
 * http on this computer.
 */
function parseWebLink(url: URL, text: string): LinkParts {
  if (url.username || url.password || text.includes('?')) {
    return malformed;
  }

  const path = url.pathname.endsWith('/')
    ? url.pathname.slice(0, -1)
    : url.pathname;
  const parts = splitWebPath(path);
  if (!parts || !SETUP_TOKEN_PATTERN.test(parts.token)) {
    return malformed;
  }

  if (url.protocol === 'http:' && !isLoopbackHostname(url.hostname)) {
    return { ok: false, code: 'LINK_INSECURE' };
  }
  return { ok: true, ...parts, serviceOrigin: url.origin };
}

/**
 * Removes the wrappers that mail clients put around a link, and the line
 * breaks and spaces they put inside a long one: no part of a setup or reset
 * link contains whitespace.
 */
export function trimLinkText(text: string): string {
  return text.replace(wrapperPattern, '').replace(/\s+/g, '');
}

/**
 * Parses a setup link or a password-reset link, each in its https form or the
 * app's own form. The result is trusted only when the link names the
 * configured service. The person must confirm any other service before the
 * link is used.
 */
export function parseSetupLink(
  text: string,
  context: SetupLinkContext,
): ParsedSetupLink {
  if (text.length > MAX_LINK_LENGTH) {
    return { ok: false, code: 'LINK_TOO_LONG' };
  }

  const trimmed = trimLinkText(text);
  const url = parseUrl(trimmed);
  // `URL` drops an empty fragment, so the text itself is checked for one.
  if (!url || trimmed.includes('#')) {
    return malformed;
  }

  let parts: LinkParts;
  if (url.protocol === `${URL_SCHEME.toLowerCase()}:`) {
    parts = parseSchemeLink(url);
  } else if (url.protocol === 'https:' || url.protocol === 'http:') {
    parts = parseWebLink(url, trimmed);
  } else {
    parts = malformed;
  }

  if (!parts.ok) {
    return parts;
  }
  const trusted =
    context.configuredOrigin !== null &&
    parts.serviceOrigin === context.configuredOrigin;
  return { ...parts, trusted };
}
