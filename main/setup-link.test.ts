import { describe, expect, it } from 'vitest';
import { parseSetupLink, type ParsedSetupLink } from './setup-link';

const token = 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCdE';
const service = 'https://uc.example.com';
const schemeLink = `mitelone://setup?service=${encodeURIComponent(service)}&token=${token}`;
const webLink = `${service}/setup/${token}`;

const trusted = { configuredOrigin: service };

const resetSchemeLink = `mitelone://reset?service=${encodeURIComponent(service)}&token=${token}`;
const resetWebLink = `${service}/reset/${token}`;

function accepted(
  serviceOrigin: string,
  isTrusted = true,
  kind: 'setup' | 'reset' = 'setup',
): ParsedSetupLink {
  return { ok: true, kind, serviceOrigin, token, trusted: isTrusted };
}

const acceptedReset = (serviceOrigin: string, isTrusted = true) =>
  accepted(serviceOrigin, isTrusted, 'reset');

const rejected = (code: string) => ({ ok: false, code });

describe('parseSetupLink', () => {
  it('has a 43-character test token', () => {
    expect(token).toHaveLength(43);
  });

  const cases: [name: string, text: string, expected: unknown][] = [
    ['scheme form', schemeLink, accepted(service)],
    ['web form', webLink, accepted(service)],
    ['web form with trailing slash', `${webLink}/`, accepted(service)],
    [
      'upper-case scheme',
      schemeLink.replace('mitelone:', 'MITELONE:'),
      accepted(service),
    ],
    [
      'mixed-case scheme',
      schemeLink.replace('mitelone:', 'MitelOne:'),
      accepted(service),
    ],
    [
      'upper-case https',
      webLink.replace('https:', 'HTTPS:'),
      accepted(service),
    ],
    [
      'parameters in other order',
      `mitelone://setup?token=${token}&service=${encodeURIComponent(service)}`,
      accepted(service),
    ],
    [
      'unencoded service parameter',
      `mitelone://setup?service=${service}&token=${token}`,
      accepted(service),
    ],
    [
      'service with trailing slash',
      `mitelone://setup?service=${encodeURIComponent(`${service}/`)}&token=${token}`,
      accepted(service),
    ],
    [
      'service with port',
      `mitelone://setup?service=${encodeURIComponent('https://uc.example.com:8443')}&token=${token}`,
      accepted('https://uc.example.com:8443', false),
    ],
    ['surrounding whitespace', `  \n${webLink}\t `, accepted(service)],
    [
      'line break inside',
      `${webLink.slice(0, 30)}\r\n${webLink.slice(30)}`,
      accepted(service),
    ],
    [
      'spaces inside brackets',
      `<${webLink.slice(0, 40)} ${webLink.slice(40)}>`,
      accepted(service),
    ],
    ['angle brackets', `<${webLink}>`, accepted(service)],
    ['quotes', `"${schemeLink}"`, accepted(service)],
    ['typographic quotes', `\u201e${webLink}\u201c`, accepted(service)],
    [
      'another host',
      `https://other.example.org/setup/${token}`,
      accepted('https://other.example.org', false),
    ],
    [
      'http on localhost',
      `http://localhost:8080/setup/${token}`,
      accepted('http://localhost:8080', false),
    ],
    [
      'http on 127.0.0.1',
      `http://127.0.0.1:3000/setup/${token}`,
      accepted('http://127.0.0.1:3000', false),
    ],
    [
      'http on IPv6 loopback',
      `http://[::1]:3000/setup/${token}`,
      accepted('http://[::1]:3000', false),
    ],
    [
      'scheme form with IPv6 loopback',
      `mitelone://setup?service=${encodeURIComponent('http://[::1]:3000')}&token=${token}`,
      accepted('http://[::1]:3000', false),
    ],

    [
      'http on another host',
      `http://uc.example.com/setup/${token}`,
      rejected('LINK_INSECURE'),
    ],
    [
      'scheme form naming an http service',
      `mitelone://setup?service=${encodeURIComponent('http://uc.example.com')}&token=${token}`,
      rejected('LINK_INSECURE'),
    ],
    [
      'ftp scheme',
      `ftp://uc.example.com/setup/${token}`,
      rejected('LINK_MALFORMED'),
    ],
    [
      'javascript scheme',
      `javascript:alert(1)//setup/${token}`,
      rejected('LINK_MALFORMED'),
    ],
    ['file scheme', `file:///setup/${token}`, rejected('LINK_MALFORMED')],
    [
      'other custom scheme',
      schemeLink.replace('mitelone:', 'mitelonex:'),
      rejected('LINK_MALFORMED'),
    ],
    ['empty text', '', rejected('LINK_MALFORMED')],
    ['plain words', 'please set up my account', rejected('LINK_MALFORMED')],
    [
      'missing token in web form',
      `${service}/setup/`,
      rejected('LINK_MALFORMED'),
    ],
    [
      'missing token parameter',
      `mitelone://setup?service=${encodeURIComponent(service)}`,
      rejected('LINK_MALFORMED'),
    ],
    [
      'missing service parameter',
      `mitelone://setup?token=${token}`,
      rejected('LINK_MALFORMED'),
    ],
    [
      'empty token parameter',
      `mitelone://setup?service=${encodeURIComponent(service)}&token=`,
      rejected('LINK_MALFORMED'),
    ],
    ['token too short', `${service}/setup/abc123`, rejected('LINK_MALFORMED')],
    [
      'token of 42 characters',
      `${service}/setup/${token.slice(1)}`,
      rejected('LINK_MALFORMED'),
    ],
    [
      'token of 44 characters',
      `${service}/setup/${token}x`,
      rejected('LINK_MALFORMED'),
    ],
    [
      'token with bad characters',
      `${service}/setup/${token.slice(0, 42)}!`,
      rejected('LINK_MALFORMED'),
    ],
    [
      'token with percent encoding',
      `${service}/setup/${token.slice(0, 40)}%2F`,
      rejected('LINK_MALFORMED'),
    ],
    [
      'extra parameter',
      `${schemeLink}&next=https://evil.example`,
      rejected('LINK_MALFORMED'),
    ],
    ['empty extra parameter', `${schemeLink}&`, rejected('LINK_MALFORMED')],
    [
      'repeated token parameter',
      `${schemeLink}&token=${token}`,
      rejected('LINK_MALFORMED'),
    ],
    [
      'repeated service parameter',
      `${schemeLink}&service=${encodeURIComponent('https://evil.example')}`,
      rejected('LINK_MALFORMED'),
    ],
    ['query in web form', `${webLink}?utm=1`, rejected('LINK_MALFORMED')],
    ['empty query in web form', `${webLink}?`, rejected('LINK_MALFORMED')],
    ['fragment in web form', `${webLink}#top`, rejected('LINK_MALFORMED')],
    ['empty fragment', `${webLink}#`, rejected('LINK_MALFORMED')],
    ['fragment in scheme form', `${schemeLink}#x`, rejected('LINK_MALFORMED')],
    [
      'user info in web form',
      `https://user:secret@uc.example.com/setup/${token}`,
      rejected('LINK_MALFORMED'),
    ],
    [
      'user name in web form',
      `https://user@uc.example.com/setup/${token}`,
      rejected('LINK_MALFORMED'),
    ],
    [
      'user info in service parameter',
      `mitelone://setup?service=${encodeURIComponent('https://user@uc.example.com')}&token=${token}`,
      rejected('LINK_MALFORMED'),
    ],
    [
      'service with a path',
      `mitelone://setup?service=${encodeURIComponent(`${service}/api`)}&token=${token}`,
      rejected('LINK_MALFORMED'),
    ],
    [
      'service with a query',
      `mitelone://setup?service=${encodeURIComponent(`${service}?x=1`)}&token=${token}`,
      rejected('LINK_MALFORMED'),
    ],
    [
      'service with another scheme',
      `mitelone://setup?service=${encodeURIComponent('ftp://uc.example.com')}&token=${token}`,
      rejected('LINK_MALFORMED'),
    ],
    [
      'service that is no URL',
      `mitelone://setup?service=uc.example.com&token=${token}`,
      rejected('LINK_MALFORMED'),
    ],
    [
      'scheme form with another host',
      `mitelone://register?service=${encodeURIComponent(service)}&token=${token}`,
      rejected('LINK_MALFORMED'),
    ],
    [
      'scheme form with a path',
      `mitelone://setup/extra?service=${encodeURIComponent(service)}&token=${token}`,
      rejected('LINK_MALFORMED'),
    ],
    [
      'web form under another path',
      `${service}/other/setup/${token}`,
      rejected('LINK_MALFORMED'),
    ],
    [
      'web form with extra segment',
      `${webLink}/more`,
      rejected('LINK_MALFORMED'),
    ],
    [
      'input over 2048 characters',
      `${webLink}/${'a'.repeat(2048)}`,
      rejected('LINK_TOO_LONG'),
    ],
    ['input of about 1 MB', 'x'.repeat(1024 * 1024), rejected('LINK_TOO_LONG')],
    [
      'padding beyond 2048 characters',
      `${' '.repeat(2048)}${webLink}`,
      rejected('LINK_TOO_LONG'),
    ],
  ];

  it.each(cases)('%s', (_name, text, expected) => {
    expect(parseSetupLink(text, trusted)).toEqual(expected);
  });

  const resetCases: [name: string, text: string, expected: unknown][] = [
    ['scheme form', resetSchemeLink, acceptedReset(service)],
    ['web form', resetWebLink, acceptedReset(service)],
    [
      'web form with trailing slash',
      `${resetWebLink}/`,
      acceptedReset(service),
    ],
    [
      'upper-case host in scheme form',
      resetSchemeLink.replace('://reset', '://RESET'),
      acceptedReset(service),
    ],
    [
      'parameters in other order',
      `mitelone://reset?token=${token}&service=${encodeURIComponent(service)}`,
      acceptedReset(service),
    ],
    ['angle brackets', `<${resetWebLink}>`, acceptedReset(service)],
    [
      'another host',
      `https://other.example.org/reset/${token}`,
      acceptedReset('https://other.example.org', false),
    ],
    [
      'http on 127.0.0.1',
      `http://127.0.0.1:3000/reset/${token}`,
      acceptedReset('http://127.0.0.1:3000', false),
    ],

    [
      'http on another host',
      `http://uc.example.com/reset/${token}`,
      rejected('LINK_INSECURE'),
    ],
    [
      'scheme form naming an http service',
      `mitelone://reset?service=${encodeURIComponent('http://uc.example.com')}&token=${token}`,
      rejected('LINK_INSECURE'),
    ],
    [
      'missing token in web form',
      `${service}/reset/`,
      rejected('LINK_MALFORMED'),
    ],
    [
      'six-digit code in place of the token',
      `${service}/reset/123456`,
      rejected('LINK_MALFORMED'),
    ],
    [
      'token of 44 characters',
      `${service}/reset/${token}x`,
      rejected('LINK_MALFORMED'),
    ],
    [
      'missing service parameter',
      `mitelone://reset?token=${token}`,
      rejected('LINK_MALFORMED'),
    ],
    [
      'extra parameter',
      `${resetSchemeLink}&code=123456`,
      rejected('LINK_MALFORMED'),
    ],
    [
      'repeated token parameter',
      `${resetSchemeLink}&token=${token}`,
      rejected('LINK_MALFORMED'),
    ],
    ['query in web form', `${resetWebLink}?utm=1`, rejected('LINK_MALFORMED')],
    ['fragment in web form', `${resetWebLink}#x`, rejected('LINK_MALFORMED')],
    [
      'user info in web form',
      `https://user@uc.example.com/reset/${token}`,
      rejected('LINK_MALFORMED'),
    ],
    [
      'scheme form with a path',
      `mitelone://reset/now?service=${encodeURIComponent(service)}&token=${token}`,
      rejected('LINK_MALFORMED'),
    ],
    [
      'scheme form with the path in place of the host',
      `mitelone:///reset?service=${encodeURIComponent(service)}&token=${token}`,
      rejected('LINK_MALFORMED'),
    ],
    [
      'web form with extra segment',
      `${resetWebLink}/more`,
      rejected('LINK_MALFORMED'),
    ],
    [
      'web form under another path',
      `${service}/app/reset/${token}`,
      rejected('LINK_MALFORMED'),
    ],
    ['plural path', `${service}/resets/${token}`, rejected('LINK_MALFORMED')],
    [
      'input over 2048 characters',
      `${resetWebLink}/${'a'.repeat(2048)}`,
      rejected('LINK_TOO_LONG'),
    ],
  ];

  it.each(resetCases)('reset link: %s', (_name, text, expected) => {
    expect(parseSetupLink(text, trusted)).toEqual(expected);
  });

  it('trusts no link without a configured service', () => {
    expect(parseSetupLink(webLink, { configuredOrigin: null })).toEqual(
      accepted(service, false),
    );
  });

  it('compares the configured origin exactly', () => {
    const result = parseSetupLink(webLink, {
      configuredOrigin: 'https://uc.example.com:8443',
    });
    expect(result).toEqual(accepted(service, false));
  });

  it('normalizes the host of the link', () => {
    const result = parseSetupLink(
      `https://UC.Example.COM:443/setup/${token}`,
      trusted,
    );
    expect(result).toEqual(accepted(service));
  });

  it('rejects about 1 MB quickly', () => {
    const started = performance.now();
    parseSetupLink(`${webLink}${'/'.repeat(1024 * 1024)}`, trusted);
    expect(performance.now() - started).toBeLessThan(50);
  });
});
