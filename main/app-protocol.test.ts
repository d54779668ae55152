import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentTypeOf, originOf, resolveRendererFile } from './app-protocol';

const root = resolve('/opt/app/out/renderer');

describe('resolveRendererFile', () => {
  const cases: [string, string | null][] = [
    ['app://renderer/', join(root, 'index.html')],
    ['app://renderer', join(root, 'index.html')],
    ['app://renderer/index.html', join(root, 'index.html')],
    ['app://renderer/assets/main-abc.js', join(root, 'assets/main-abc.js')],
    ['app://renderer/assets/a%20b.css', join(root, 'assets/a b.css')],
    ['app://renderer/index.html?x=1#y', join(root, 'index.html')],
    ['app://RENDERER/index.html', join(root, 'index.html')],
    ['app://renderer/../secret.txt', join(root, 'secret.txt')],
    // URL parsing removes dot segments at the root, so this stays inside.
    ['app://renderer/%2e%2e/%2e%2e/etc/passwd', join(root, 'etc/passwd')],
    ['app://renderer/assets/..%2f..%2f..%2fetc/passwd', null],
    ['app://renderer/..%5c..%5cwindows', null],
    ['app://renderer/a%00.js', null],
    ['app://renderer/%E0%A4%A', null],
    ['app://other/index.html', null],
    ['file:///etc/passwd', null],
    ['not a url', null],
  ];

  it.each(cases)('%s', (url, expected) => {
    expect(resolveRendererFile(root, url)).toBe(expected);
  });
});

describe('originOf', () => {
  const cases: [string, string | null][] = [
    ['app://renderer/index.html', 'app://renderer'],
    ['APP://Renderer/x', 'app://renderer'],
    ['http://localhost:5173/src/main.tsx', 'http://localhost:5173'],
    ['https://uc.example.com/', 'https://uc.example.com'],
    ['file:///etc/passwd', null],
    ['about:blank', null],
    ['', null],
  ];

  it.each(cases)('%s', (url, expected) => {
    expect(originOf(url)).toBe(expected);
  });
});

describe('contentTypeOf', () => {
  it('names known types and rejects others', () => {
    expect(contentTypeOf('/x/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeOf('/x/app.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeOf('/x/secret.pem')).toBeNull();
    expect(contentTypeOf('/x/noextension')).toBeNull();
  });
});
