import {
  MAX_LINK_LENGTH,
  RESET_PATH_PREFIX,
  SETUP_PATH_PREFIX,
  SETUP_TOKEN_PATTERN,
  URL_SCHEME,
} from '../contract/setup-link';
import { findLinks, stripTrailingPunctuation } from './link-text';
import { isLoopbackHostname } from './loopback';
import { parseBareOrigin } from './service-url';

/** A rejected link: the error code, and with LINK_EXTRA_TEXT the text after the token. */
export type SetupLinkFailure =
  | {
      ok: false;
      code:
        'LINK_MALFORMED' | 'LINK_TOO_LONG' | 'LINK_INSECURE' | 'LINK_MULTIPLE';
    }
  | { ok: false; code: 'LINK_EXTRA_TEXT'; extraText: string };

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
  | SetupLinkFailure;

export interface SetupLinkContext {
  /** Origin of the configured service, or null before the first one. */
  configuredOrigin: string | null;
}

type LinkParts =
  | { ok: true; kind: LinkKind; serviceOrigin: string; token: string }
  | SetupLinkFailure;

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

/**
 * Host suffix of Outlook Safe Links (Microsoft Defender for Office 365), which
 * rewrite each link in an email to `https://<region>.safelinks.protection.outlook.com/?url=<link>&data=…`.
 */
const safeLinksHostSuffix = '.safelinks.protection.outlook.com';

/** Maximum number of characters of the text after a token that a rejection repeats. */
const maxExtraTextShown = 40;

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
 * http on this computer, without query or fragment.
 */
function parseWebLink(url: URL): LinkParts {
  if (url.username || url.password) {
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

function shortenExtraText(text: string): string {
  return text.length > maxExtraTextShown
    ? `${text.slice(0, maxExtraTextShown - 1)}\u2026`
    : text;
}

/**
 * Parses one link in its https or app form. Text after the token (a query
 * string of the https form, or a fragment) is reported as LINK_EXTRA_TEXT
 * when the link before it is valid.
 */
function parseDirectLink(text: string): LinkParts {
  const url = parseUrl(text);
  if (!url) {
    return malformed;
  }
  const isAppLink = url.protocol === `${URL_SCHEME.toLowerCase()}:`;
  if (!isAppLink && url.protocol !== 'https:' && url.protocol !== 'http:') {
    return malformed;
  }

  // `URL` drops an empty query and fragment, so the text itself is searched.
  const extraStart = text.search(isAppLink ? /#/ : /[?#]/);
  const base = extraStart < 0 ? url : parseUrl(text.slice(0, extraStart));
  if (!base) {
    return malformed;
  }
  const parts = isAppLink ? parseSchemeLink(base) : parseWebLink(base);
  if (!parts.ok || extraStart < 0) {
    return parts;
  }
  return {
    ok: false,
    code: 'LINK_EXTRA_TEXT',
    extraText: shortenExtraText(text.slice(extraStart)),
  };
}

function isSafeLink(url: URL): boolean {
  return (
    url.protocol === 'https:' &&
    url.hostname.endsWith(safeLinksHostSuffix) &&
    !url.username &&
    !url.password &&
    !url.port &&
    url.pathname === '/'
  );
}

/**
 * Parses a link, or the link in the `url` parameter of a Safe Link. The
 * service of a Safe Link is the one of the link inside it.
 */
function parseLink(text: string): LinkParts {
  const url = parseUrl(text);
  if (!url || !isSafeLink(url)) {
    return parseDirectLink(text);
  }
  const targets = url.searchParams.getAll('url');
  if (targets.length !== 1) {
    return malformed;
  }
  return parseDirectLink(stripTrailingPunctuation(trimLinkText(targets[0]!)));
}

/** Returns whether a link found in pasted text is meant as a setup or reset link. */
function looksLikeSetupLink(link: string): boolean {
  const url = parseUrl(link);
  const target =
    url && isSafeLink(url) ? (url.searchParams.get('url') ?? '') : link;
  const lower = target.toLowerCase();
  if (lower.startsWith(`${URL_SCHEME.toLowerCase()}:`)) {
    return true;
  }
  return (
    (lower.startsWith('https://') || lower.startsWith('http://')) &&
    (lower.includes(SETUP_PATH_PREFIX) || lower.includes(RESET_PATH_PREFIX))
  );
}

/** Returns whether a link needs no more text, so a wrapped line has ended. */
function isCompleteLink(link: string): boolean {
  const parts = parseLink(link);
  return parts.ok || parts.code !== 'LINK_MALFORMED';
}

/**
 * Finds the one setup or reset link in pasted text: the whole text, or the
 * link inside a sentence, a line of an email or a reply quote. Two different
 * links are LINK_MULTIPLE, because the app cannot tell which one is meant.
 */
function findLinkParts(text: string): LinkParts {
  const whole = parseLink(trimLinkText(text));
  if (whole.ok) {
    return whole;
  }

  const links = findLinks(text, isCompleteLink).filter(looksLikeSetupLink);
  if (links.length === 0) {
    return whole;
  }
  const results = links.map(parseLink);
  const distinct = new Set(
    results.map((parts, index) =>
      parts.ok
        ? `${parts.kind} ${parts.serviceOrigin} ${parts.token}`
        : links[index],
    ),
  );
  if (distinct.size > 1) {
    return { ok: false, code: 'LINK_MULTIPLE' };
  }
  return results[0]!;
}

/**
 * Parses a setup link or a password-reset link, each in its https form or the
 * app's own form, also when it is wrapped in a Safe Link or surrounded by
 * other text. The result is trusted only when the link names the configured
 * service. The person must confirm any other service before the link is used.
 */
export function parseSetupLink(
  text: string,
  context: SetupLinkContext,
): ParsedSetupLink {
  if (text.length > MAX_LINK_LENGTH) {
    return { ok: false, code: 'LINK_TOO_LONG' };
  }

  // Zero-width spaces, byte order marks and other format characters come
  // along when text is copied from mail and chat, and no link contains one.
  const parts = findLinkParts(text.replace(/\p{Cf}/gu, ''));
  if (!parts.ok) {
    return parts;
  }
  const trusted =
    context.configuredOrigin !== null &&
    parts.serviceOrigin === context.configuredOrigin;
  return { ...parts, trusted };
}
