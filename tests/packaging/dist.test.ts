import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import electronPackage from 'electron/package.json';
import { explainBuildFailure } from '../../scripts/packaging/build-failure.mjs';
import { root } from '../../scripts/packaging/config.mjs';
import {
  FEED_URL_VARIABLE,
  feedUrlFromEnv,
  PackagingConfigError,
} from '../../scripts/packaging/dist-config.mjs';

const target = {
  electronVersion: electronPackage.version,
  platform: process.platform,
  arch: process.arch,
};
const archive = `electron-v${target.electronVersion}-${target.platform}-${target.arch}.zip`;

/** Returns an error shaped like got's, which @electron/get throws. */
function requestError(code: string, url: string): Error {
  return Object.assign(new Error(`getaddrinfo ${code} github.com`), {
    name: 'RequestError',
    code,
    options: { url: new URL(url) },
  });
}

describe('explainBuildFailure', () => {
  it('explains a failed Electron download', () => {
    const url = `https://github.com/electron/electron/releases/download/v${target.electronVersion}/${archive}`;
    const message = explainBuildFailure(requestError('ENOTFOUND', url), target);

    expect(message).toContain(
      `Electron's release archive (${archive}) could not be downloaded from ${url}`,
    );
    expect(message).toContain(
      'could not be resolved (no DNS or no network) (ENOTFOUND)',
    );
    expect(message).toContain('on a machine that reaches github.com');
    expect(message).toContain('npm run dist -- --electron-dist <folder>');
  });

  it('explains an HTTP error', () => {
    const error = Object.assign(new Error('Response code 404 (Not Found)'), {
      name: 'HTTPError',
      response: { statusCode: 404 },
      options: { url: new URL(`http://127.0.0.1:1/${archive}`) },
    });

    expect(explainBuildFailure(error, target)).toContain(
      'the server answered HTTP 404',
    );
  });

  it('explains a failed tool download', () => {
    const url =
      'https://github.com/electron-userland/electron-builder-binaries/releases/download/fpm@2.1.4/fpm.7z';
    const message = explainBuildFailure(
      requestError('ECONNRESET', url),
      target,
    );

    expect(message).toContain('a build tool could not be downloaded');
    expect(message).toContain('ELECTRON_BUILDER_BINARIES_MIRROR');
  });

  it('finds the cause of a wrapped error', () => {
    const error = new Error('packaging failed', {
      cause: requestError('ECONNREFUSED', `http://127.0.0.1:1/${archive}`),
    });

    expect(explainBuildFailure(error, target)).toContain(
      'the connection was refused (ECONNREFUSED)',
    );
  });

  it('leaves other failures alone', () => {
    expect(
      explainBuildFailure(new Error('Cannot find module "x"'), target),
    ).toBeNull();
  });
});

describe('feedUrlFromEnv', () => {
  it('returns null when unset', () => {
    expect(feedUrlFromEnv({})).toBeNull();
  });

  it('ends the feed with a slash', () => {
    expect(
      feedUrlFromEnv({
        [FEED_URL_VARIABLE]: 'https://updates.example.com/app',
      }),
    ).toBe('https://updates.example.com/app/');
  });

  it('rejects plain http to another host', () => {
    expect(() =>
      feedUrlFromEnv({ [FEED_URL_VARIABLE]: 'http://updates.example.com/' }),
    ).toThrow(PackagingConfigError);
  });
});

describe('npm run dist without Electron archive', () => {
  let server: Server;
  let mirror: string;
  let scratch: string;
  const requested: string[] = [];

  beforeAll(async () => {
    scratch = await mkdtemp(path.join(tmpdir(), 'dist-test-'));
    // A mirror on loopback that has no archive, as a machine that cannot
    // reach Electron's release host would see it.
    server = createServer((request, response) => {
      requested.push(request.url ?? '');
      response.writeHead(404).end('not found');
    });
    await new Promise<void>((resolve) =>
      server.listen(0, '127.0.0.1', resolve),
    );
    mirror = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await rm(scratch, { recursive: true, force: true });
  });

  it('fails with the clear message', async () => {
    expect(
      existsSync(path.join(root, 'out', 'main', 'index.js')),
      'out/ has no build; run `npm run build` first',
    ).toBe(true);
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: scratch,
      ELECTRON_MIRROR: mirror,
      // Empty caches, so that an archive cached by an earlier build is not used.
      electron_config_cache: path.join(scratch, 'electron-cache'),
      ELECTRON_BUILDER_CACHE: path.join(scratch, 'builder-cache'),
      XDG_CACHE_HOME: path.join(scratch, 'cache'),
    };

    const failure = await promisify(execFile)(
      process.execPath,
      [
        'scripts/dist.mjs',
        '--skip-build',
        '--output',
        path.join(scratch, 'dist'),
      ],
      { cwd: root, env },
    ).then(
      () => null,
      (error: { code: number; stdout: string; stderr: string }) => error,
    );

    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain(
      `error: the installers could not be built, because Electron's release archive (${archive}) could not be downloaded from ${mirror}`,
    );
    expect(failure?.stderr).toContain('the server answered HTTP 404');
    expect(failure?.stderr).toContain('--electron-dist <folder>');
    expect(requested.some((url) => url.endsWith(`/${archive}`))).toBe(true);
  }, 120_000);
});
