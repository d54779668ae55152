import { describe, expect, it } from 'vitest';
import { findLinkInArgv } from './argv';

const token = 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCdE';
const link = `mitelone://setup?service=https%3A%2F%2Fuc.example.com&token=${token}`;
const webLink = `https://uc.example.com/setup/${token}`;
const resetWebLink = `https://uc.example.com/reset/${token}`;
const exe = 'C:\\Program Files\\Mitel One\\Mitel One.exe';

describe('findLinkInArgv', () => {
  const cases: [name: string, argv: string[], expected: string | null][] = [
    ['link last', [exe, link], link],
    ['link first', [link, exe], link],
    [
      'link after Chromium switches',
      [
        exe,
        '--allow-file-access-from-files',
        '--original-process-start-time=1337',
        link,
        '--enable-features=X',
      ],
      link,
    ],
    [
      'dev mode with app path',
      ['/usr/bin/electron', '/home/me/app', link],
      link,
    ],
    ['quoted link', [exe, `"${link}"`], link],
    ['link in angle brackets', [exe, `<${link}>`], link],
    [
      'upper-case scheme',
      [exe, link.replace('mitelone:', 'MITELONE:')],
      link.replace('mitelone:', 'MITELONE:'),
    ],
    ['https setup link', [exe, webLink], webLink],
    ['https reset link', [exe, resetWebLink], resetWebLink],
    ['no link', [exe, '--flag', '/tmp/file.txt'], null],
    ['empty argv', [], null],
    ['switch carrying a link', [exe, `--url=${link}`], null],
    ['https link to another page', [exe, 'https://example.com/help'], null],
    ['other scheme', [exe, 'mitelonex://setup'], null],
  ];

  it.each(cases)('%s', (_name, argv, expected) => {
    expect(findLinkInArgv(argv)).toBe(expected);
  });

  it('returns a broken link for the parser to report', () => {
    expect(findLinkInArgv([exe, 'mitelone://setup?token=short'])).toBe(
      'mitelone://setup?token=short',
    );
  });
});
