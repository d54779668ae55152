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

const extraText = (text: string) => ({
  ok: false,
  code: 'LINK_EXTRA_TEXT',
  extraText: text,
});

/** Wraps a link the way Outlook Safe Links rewrite every link in an email. */
function safeLink(
  link: string,
  host = 'eur01.safelinks.protection.outlook.com',
) {
  return `https://${host}/?url=${encodeURIComponent(link)}&data=05%7C02%7Cdana%40example.com%7C1f2e&sdata=abc%3D&reserved=0`;
}

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
    ['query in web form', `${webLink}?utm=1`, extraText('?utm=1')],
    [
      'tracking query in web form',
      `${webLink}?utm_source=mail`,
      extraText('?utm_source=mail'),
    ],
    [
      'tracking query in a sentence',
      `Bitte öffnen: ${webLink}?utm_source=mail.`,
      extraText('?utm_source=mail'),
    ],
    [
      'long query shortened',
      `${webLink}?${'a'.repeat(100)}`,
      extraText(`?${'a'.repeat(38)}\u2026`),
    ],
    ['fragment in web form', `${webLink}#top`, extraText('#top')],
    ['fragment x in web form', `${webLink}#x`, extraText('#x')],
    ['empty fragment', `${webLink}#`, extraText('#')],
    ['fragment in scheme form', `${schemeLink}#x`, extraText('#x')],
    [
      'query after an invalid token',
      `${service}/setup/abc?utm=1`,
      rejected('LINK_MALFORMED'),
    ],
    [
      'query after an insecure link',
      `http://uc.example.com/setup/${token}?utm=1`,
      rejected('LINK_INSECURE'),
    ],
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
    [
      'sentence around a link over 2048 characters',
      `Mitel One einrichten: ${webLink}. ${'Text '.repeat(410)}`,
      rejected('LINK_TOO_LONG'),
    ],
    ['input of about 1 MB', 'x'.repeat(1024 * 1024), rejected('LINK_TOO_LONG')],
    [
      'padding beyond 2048 characters',
      `${' '.repeat(2048)}${webLink}`,
      rejected('LINK_TOO_LONG'),
    ],
  ];

  const pastedCases: [name: string, text: string, expected: unknown][] = [
    ['full stop', `${webLink}.`, accepted(service)],
    ['comma', `${webLink},`, accepted(service)],
    ['exclamation mark', `${webLink}!`, accepted(service)],
    ['semicolon', `${webLink};`, accepted(service)],
    ['colon', `${webLink}:`, accepted(service)],
    ['question mark', `${webLink}?`, accepted(service)],
    ['ellipsis', `${webLink}\u2026`, accepted(service)],
    ['several marks', `${webLink}?!`, accepted(service)],
    ['full stop after slash', `${webLink}/.`, accepted(service)],
    ['full stop after scheme form', `${schemeLink}.`, accepted(service)],
    ['round brackets', `(${webLink})`, accepted(service)],
    ['square brackets', `[${webLink}]`, accepted(service)],
    ['curly brackets', `{${webLink}}`, accepted(service)],
    ['angle brackets and full stop', `<${webLink}>.`, accepted(service)],
    ['round brackets and full stop', `(${webLink}).`, accepted(service)],
    ['quotes and full stop', `"${webLink}".`, accepted(service)],
    [
      'typographic quotes and comma',
      `\u201e${webLink}\u201c,`,
      accepted(service),
    ],
    ['no-break spaces around', `\u00a0${webLink}\u00a0`, accepted(service)],
    ['zero-width space after', `${webLink}\u200b`, accepted(service)],
    ['byte order mark before', `\ufeff${webLink}`, accepted(service)],
    [
      'zero-width spaces inside',
      `${webLink.slice(0, 30)}\u200b${webLink.slice(30)}\u2060`,
      accepted(service),
    ],
    ['text before', `Mitel One einrichten: ${webLink}`, accepted(service)],
    [
      'text before and after',
      `Mitel One einrichten: ${webLink} (4 Tage gültig)`,
      accepted(service),
    ],
    ['text without a space before', `Link:${webLink}`, accepted(service)],
    [
      'product name and colon before',
      `Mitel One: ${webLink}`,
      accepted(service),
    ],
    [
      'scheme name and colon before',
      `mitelone: ${schemeLink}`,
      accepted(service),
    ],
    [
      'sentence with full stop',
      `Öffnen Sie ${webLink}. Danach melden Sie sich an.`,
      accepted(service),
    ],
    [
      'text on lines before and after',
      `Hallo Dana,\n\nMitel One einrichten:\n${webLink}\n\nViele Grüße\nIhre IT`,
      accepted(service),
    ],
    [
      'text on the next line',
      `Mitel One einrichten: ${webLink}\nViele Grüße`,
      accepted(service),
    ],
    [
      'scheme form inside text',
      `Oder in der App: ${schemeLink}.`,
      accepted(service),
    ],
    [
      'wrapped inside text',
      `Mitel One einrichten: ${webLink.slice(0, 40)}\n${webLink.slice(40)}.\nViele Grüße`,
      accepted(service),
    ],
    [
      'wrapped with indent inside text',
      `Einrichten:\n    ${webLink.slice(0, 40)}\n    ${webLink.slice(40)}\nDanke`,
      accepted(service),
    ],
    [
      'wrapped in angle brackets inside text',
      `Einrichten: <${webLink.slice(0, 40)}\n ${webLink.slice(40)}>.`,
      accepted(service),
    ],
    [
      'angle bracket closed on the next line',
      `<${webLink}\n>\nViele Grüße`,
      accepted(service),
    ],
    [
      'reply quote on both halves',
      `> ${webLink.slice(0, 40)}\n> ${webLink.slice(40)}`,
      accepted(service),
    ],
    [
      'nested reply quote on both halves',
      `>> Mitel One einrichten: ${webLink.slice(0, 40)}\r\n>> ${webLink.slice(40)}.`,
      accepted(service),
    ],
    [
      'reply quote on one line',
      `> Mitel One einrichten: ${webLink}`,
      accepted(service),
    ],
    ['same link twice', `${webLink}\n<${webLink}>`, accepted(service)],
    [
      'web and scheme form of one link',
      `${webLink} oder ${schemeLink}`,
      accepted(service),
    ],
    [
      'another web page beside the link',
      `Hilfe: https://help.example.com/start. Einrichten: ${webLink}`,
      accepted(service),
    ],
    [
      'two different links',
      `${webLink}\n${service}/setup/${'Q'.repeat(43)}`,
      rejected('LINK_MULTIPLE'),
    ],
    [
      'links of two services',
      `${webLink} oder https://other.example.org/setup/${token}`,
      rejected('LINK_MULTIPLE'),
    ],
    [
      'setup and reset link',
      `${webLink} ${resetWebLink}`,
      rejected('LINK_MULTIPLE'),
    ],
    [
      'a link and a damaged one',
      `${webLink}\n\n${service}/setup/abc`,
      rejected('LINK_MULTIPLE'),
    ],
    [
      'damaged link inside text',
      `Mitel One einrichten: ${webLink.slice(0, -5)}.\n\nViele Grüße`,
      rejected('LINK_MALFORMED'),
    ],
    [
      'text with no link',
      'Mitel One einrichten: siehe E-Mail.',
      rejected('LINK_MALFORMED'),
    ],
    [
      'text with another web page only',
      'Hilfe: https://help.example.com/start.',
      rejected('LINK_MALFORMED'),
    ],
    [
      'insecure link inside text',
      `Einrichten: http://uc.example.com/setup/${token}.`,
      rejected('LINK_INSECURE'),
    ],
    [
      'closing bracket inside the token',
      `${service}/setup/${token.slice(0, 20)})${token.slice(20)}`,
      rejected('LINK_MALFORMED'),
    ],
  ];

  it.each(pastedCases)('pasted text: %s', (_name, text, expected) => {
    expect(parseSetupLink(text, trusted)).toEqual(expected);
  });

  const safeLinkCases: [name: string, text: string, expected: unknown][] = [
    ['web form', safeLink(webLink), accepted(service)],
    ['scheme form', safeLink(schemeLink), accepted(service)],
    [
      'another region',
      safeLink(webLink, 'nam12.safelinks.protection.outlook.com'),
      accepted(service),
    ],
    [
      'link of another service',
      safeLink(`https://other.example.org/setup/${token}`),
      accepted('https://other.example.org', false),
    ],
    [
      'inside a sentence',
      `Einrichten: ${safeLink(webLink)}.`,
      accepted(service),
    ],
    ['in angle brackets', `<${safeLink(webLink)}>`, accepted(service)],
    [
      'wrapped across lines',
      `${safeLink(webLink).slice(0, 70)}\n${safeLink(webLink).slice(70)}`,
      accepted(service),
    ],
    [
      'link with a query',
      safeLink(`${webLink}?utm_source=mail`),
      extraText('?utm_source=mail'),
    ],
    [
      'insecure link',
      safeLink(`http://uc.example.com/setup/${token}`),
      rejected('LINK_INSECURE'),
    ],
    [
      'damaged link',
      safeLink(webLink.slice(0, -5)),
      rejected('LINK_MALFORMED'),
    ],
    [
      'missing url parameter',
      'https://eur01.safelinks.protection.outlook.com/?data=05%7C02&reserved=0',
      rejected('LINK_MALFORMED'),
    ],
    [
      'repeated url parameter',
      `${safeLink(webLink)}&url=${encodeURIComponent(`https://other.example.org/setup/${token}`)}`,
      rejected('LINK_MALFORMED'),
    ],
    [
      'Safe Link inside a Safe Link',
      safeLink(safeLink(webLink)),
      rejected('LINK_MALFORMED'),
    ],
    [
      'lookalike host',
      safeLink(webLink, 'safelinks.protection.outlook.com.evil.example'),
      rejected('LINK_MALFORMED'),
    ],
    [
      'host without region',
      safeLink(webLink, 'safelinks.protection.outlook.com'),
      rejected('LINK_MALFORMED'),
    ],
    [
      'plain http',
      safeLink(webLink).replace('https:', 'http:'),
      rejected('LINK_MALFORMED'),
    ],
  ];

  it.each(safeLinkCases)('Safe Link: %s', (_name, text, expected) => {
    expect(parseSetupLink(text, trusted)).toEqual(expected);
  });

  it('checks the service inside a Safe Link', () => {
    const result = parseSetupLink(safeLink(webLink), {
      configuredOrigin: 'https://eur01.safelinks.protection.outlook.com',
    });
    expect(result).toEqual(accepted(service, false));
  });

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
    ['query in web form', `${resetWebLink}?utm=1`, extraText('?utm=1')],
    ['fragment in web form', `${resetWebLink}#x`, extraText('#x')],
    ['trailing full stop', `${resetWebLink}.`, acceptedReset(service)],
    [
      'inside an email line',
      `Passwort zurücksetzen: ${resetWebLink} (30 Minuten gültig)`,
      acceptedReset(service),
    ],
    ['in a Safe Link', safeLink(resetWebLink), acceptedReset(service)],
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
