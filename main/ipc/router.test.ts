import { describe, expect, it } from 'vitest';
import { fail, ok } from '../../contract/errors';
import { ipcChannels } from '../../contract/ipc';
import { captureLogs } from '../test-support/log-capture';
import type { IpcHandlers } from './handlers';
import { createIpcRouter } from './router';

const appOrigin = 'app://renderer';
const context = { origin: appOrigin };

/** Handlers that record their calls; `session:signIn` throws. */
function recordingHandlers(calls: string[]): IpcHandlers {
  const handlers = Object.fromEntries(
    ipcChannels.map((channel) => [
      channel,
      async () => {
        calls.push(channel);
        return ok(channel);
      },
    ]),
  );
  handlers['session:signIn'] = async () => {
    calls.push('session:signIn');
    throw new Error('database exploded');
  };
  handlers['setup:inspect'] = async () => fail('LINK_UNKNOWN');
  return handlers as unknown as IpcHandlers;
}

function setup() {
  const calls: string[] = [];
  const logs = captureLogs();
  const route = createIpcRouter({
    handlers: recordingHandlers(calls),
    isTrustedOrigin: (origin) => origin === appOrigin,
    logger: logs.logger,
  });
  return { calls, logs, route };
}

describe('IPC router', () => {
  it('runs the handler of a valid call', async () => {
    const { calls, route } = setup();

    expect(await route('app:getInfo', {}, context)).toEqual(ok('app:getInfo'));
    expect(calls).toEqual(['app:getInfo']);
  });

  it('passes a handler failure through', async () => {
    const { route } = setup();
    const linkId = 'abcdefghijklmnopqrstuv';

    expect(await route('setup:inspect', { linkId }, context)).toEqual(
      fail('LINK_UNKNOWN'),
    );
  });

  it('rejects an unknown channel', async () => {
    const { calls, route } = setup();

    expect(await route('app:format-disk', {}, context)).toEqual(
      fail('VALIDATION_FAILED', { field: 'channel' }),
    );
    expect(await route('__proto__', {}, context)).toEqual(
      fail('VALIDATION_FAILED', { field: 'channel' }),
    );
    expect(calls).toEqual([]);
  });

  const schemaCases: [string, string, unknown, string][] = [
    ['missing argument', 'app:openInBrowser', undefined, 'args'],
    ['wrong type', 'app:openInBrowser', { url: 42 }, 'url'],
    ['extra property', 'app:getInfo', { admin: true }, 'admin'],
    [
      'unknown language',
      'settings:setLanguage',
      { language: 'fr' },
      'language',
    ],
    ['malformed link id', 'setup:inspect', { linkId: '../../etc' }, 'linkId'],
    [
      'photo that is not bytes',
      'profile:uploadPhoto',
      { data: [1, 2, 3] },
      'data',
    ],
    ['null argument', 'session:get', null, 'args'],
  ];

  it.each(schemaCases)('rejects %s', async (_name, channel, args, field) => {
    const { calls, route } = setup();

    expect(await route(channel, args, context)).toEqual(
      fail('VALIDATION_FAILED', { field }),
    );
    expect(calls).toEqual([]);
  });

  const tooLongCases: [string, string, unknown, string, number][] = [
    [
      'overlong password',
      'session:signIn',
      { email: 'a@b.c', password: 'x'.repeat(5000) },
      'password',
      4096,
    ],
    [
      'overlong search',
      'directory:search',
      { query: 'x'.repeat(201) },
      'query',
      200,
    ],
  ];

  it.each(tooLongCases)(
    'rejects an %s with its limit',
    async (_name, channel, args, field, maxLength) => {
      const { calls, route } = setup();

      expect(await route(channel, args, context)).toEqual(
        fail('INPUT_TOO_LONG', { field, maxLength }),
      );
      expect(calls).toEqual([]);
    },
  );

  it('accepts bytes for a photo', async () => {
    const { route } = setup();

    const result = await route(
      'profile:uploadPhoto',
      { data: new Uint8Array([1, 2]) },
      context,
    );
    expect(result).toEqual(ok('profile:uploadPhoto'));
  });

  it('rejects calls from an untrusted origin', async () => {
    const { calls, route } = setup();

    for (const origin of [
      'https://evil.example',
      'null',
      '',
      'app://renderer.evil',
    ]) {
      expect(await route('app:getInfo', {}, { origin })).toEqual(
        fail('IPC_FORBIDDEN'),
      );
    }
    expect(calls).toEqual([]);
  });

  it('checks the origin before the channel', async () => {
    const { route } = setup();

    expect(
      await route('no:such', {}, { origin: 'https://evil.example' }),
    ).toEqual(fail('IPC_FORBIDDEN'));
  });

  it('turns a handler exception into INTERNAL without logging arguments', async () => {
    const { logs, route } = setup();
    const password = 'correct-horse-battery-staple';

    const result = await route(
      'session:signIn',
      { email: 'ann@example.com', password },
      context,
    );

    expect(result).toEqual(fail('INTERNAL'));
    const entry = logs
      .entries()
      .find((line) => line.msg === 'IPC handler failed');
    expect(entry).toMatchObject({
      channel: 'session:signIn',
      err: { message: 'database exploded' },
    });
    expect(logs.text()).not.toContain(password);
    expect(logs.text()).not.toContain('ann@example.com');
  });

  it('logs no argument of a rejected call', async () => {
    const { logs, route } = setup();
    const password = 'rejected-password-value';

    await route(
      'session:signIn',
      { email: 'ann@example.com', password, extra: 1 },
      context,
    );

    expect(logs.entries().some((line) => line.field === 'extra')).toBe(true);
    expect(logs.text()).not.toContain(password);
  });
});
