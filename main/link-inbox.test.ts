import { describe, expect, it } from 'vitest';
import type { LinkNotice } from '../contract/ipc';
import { LinkInbox, type ServiceCheck } from './link-inbox';
import { captureLogs } from './test-support/log-capture';

const tokenA = 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCdE';
const tokenB = 'ZyXwVuTsRqPoNmLkJiHgFeDcBa9876543210_-ZyXwV';
const configured = 'https://uc.example.com';

function createInbox(
  maxLinks?: number,
  checkService?: (origin: string) => ServiceCheck,
) {
  const emitted: LinkNotice[] = [];
  const usable: string[] = [];
  const logs = captureLogs();
  const inbox = new LinkInbox({
    logger: logs.logger,
    configuredOrigin: () => configured,
    checkService,
    emit: (notice) => emitted.push(notice),
    onUsable: (link) => usable.push(link.serviceOrigin),
    maxLinks,
  });
  return { inbox, emitted, usable, logs };
}

describe('LinkInbox', () => {
  it('rejects a service the policy does not allow and keeps nothing', () => {
    const { inbox, usable, logs } = createInbox(undefined, (origin) =>
      origin === configured ? 'listed' : 'notAllowed',
    );

    const notice = inbox.receive(
      `mitelone://reset?service=${encodeURIComponent('https://evil.example:8443')}&token=${tokenA}`,
    );

    expect(notice).toEqual({
      kind: 'invalid',
      code: 'LINK_SERVICE_NOT_ALLOWED',
      serviceHost: 'evil.example:8443',
    });
    expect(inbox.takePending()).toEqual([notice]);
    expect(inbox.takePending()).toEqual([]);
    expect(usable).toEqual([]);
    expect(logs.text()).toContain(
      'link for a service the organisation does not allow rejected',
    );
  });

  it('trusts a service the policy lists without confirmation', () => {
    const { inbox, usable } = createInbox(undefined, (origin) =>
      origin === 'https://second.example' ? 'listed' : 'unlisted',
    );

    const listed = inbox.submit(`https://second.example/setup/${tokenA}`);
    const unlisted = inbox.submit(`https://third.example/setup/${tokenB}`);

    expect(listed).toMatchObject({ kind: 'setup', trusted: true });
    expect(unlisted).toMatchObject({ kind: 'setup', trusted: false });
    expect(usable).toEqual(['https://second.example']);
    const linkId = listed.kind === 'setup' ? listed.linkId : '';
    expect(inbox.usable(linkId, 'setup').ok).toBe(true);
  });

  it('queues links until the renderer takes them, oldest first', () => {
    const { inbox, emitted } = createInbox();
    const first = inbox.receive(`${configured}/setup/${tokenA}`);
    const second = inbox.receive('not a link');

    expect(emitted).toEqual([]);
    expect(inbox.takePending()).toEqual([first, second]);
  });

  it('hands unfinished links out again after a reload', () => {
    const { inbox } = createInbox();
    const setup = inbox.receive(`${configured}/setup/${tokenA}`);
    inbox.receive('not a link');
    inbox.takePending();

    expect(inbox.takePending()).toEqual([setup]);

    inbox.remove(setup.kind === 'setup' ? setup.linkId : '');
    expect(inbox.takePending()).toEqual([]);
  });

  it('pushes links as events after the first take', () => {
    const { inbox, emitted } = createInbox();
    inbox.takePending();

    const notice = inbox.receive(`https://other.example/setup/${tokenA}`);

    expect(emitted).toEqual([notice]);
    expect(inbox.takePending()).toEqual([notice]);
  });

  it('gives a random link id and keeps the token inside', () => {
    const { inbox } = createInbox();
    const notice = inbox.submit(`${configured}/setup/${tokenA}`);

    expect(notice).toEqual({
      kind: 'setup',
      linkId: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
      serviceOrigin: configured,
      serviceHost: 'uc.example.com',
      trusted: true,
    });
    expect(JSON.stringify(notice)).not.toContain(tokenA);
    const linkId = notice.kind === 'setup' ? notice.linkId : '';
    expect(inbox.get(linkId)?.token).toBe(tokenA);
  });

  it('keeps a reset link apart from a setup link with the same token', () => {
    const { inbox } = createInbox();
    const setup = inbox.submit(`${configured}/setup/${tokenA}`);
    const reset = inbox.submit(`${configured}/reset/${tokenA}`);

    expect(reset).toEqual({
      kind: 'reset',
      linkId: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
      serviceOrigin: configured,
      serviceHost: 'uc.example.com',
      trusted: true,
    });
    const setupId = setup.kind === 'setup' ? setup.linkId : '';
    const resetId = reset.kind === 'reset' ? reset.linkId : '';
    expect(resetId).not.toBe(setupId);
    expect(inbox.get(resetId)).toMatchObject({ kind: 'reset', token: tokenA });
    expect(inbox.get(setupId)).toMatchObject({ kind: 'setup', token: tokenA });
  });

  it('reuses the id of the same link', () => {
    const { inbox } = createInbox();
    const first = inbox.submit(`${configured}/setup/${tokenA}`);
    const again = inbox.submit(`<${configured}/setup/${tokenA}/>`);
    const other = inbox.submit(`${configured}/setup/${tokenB}`);

    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
  });

  it('trusts another service only after confirmation', () => {
    const { inbox } = createInbox();
    const notice = inbox.submit(`https://other.example/setup/${tokenA}`);
    const linkId = notice.kind === 'setup' ? notice.linkId : '';

    expect(notice).toMatchObject({
      trusted: false,
      serviceHost: 'other.example',
    });
    expect(inbox.isTrusted(inbox.get(linkId)!)).toBe(false);
    expect(inbox.confirm(linkId)).toBe(true);
    expect(inbox.isTrusted(inbox.get(linkId)!)).toBe(true);
    expect(inbox.submit(`https://other.example/setup/${tokenA}`)).toMatchObject(
      { trusted: true },
    );
  });

  it('reports invalid links by code', () => {
    const { inbox } = createInbox();

    expect(inbox.submit('x'.repeat(3000))).toEqual({
      kind: 'invalid',
      code: 'LINK_TOO_LONG',
    });
    expect(inbox.submit(`http://uc.example.com/setup/${tokenA}`)).toEqual({
      kind: 'invalid',
      code: 'LINK_INSECURE',
    });
  });

  it('drops the oldest link beyond the limit', () => {
    const { inbox } = createInbox(2);
    const ids = ['a', 'b', 'c'].map((host) => {
      const notice = inbox.submit(`https://${host}.example/setup/${tokenA}`);
      return notice.kind === 'setup' ? notice.linkId : '';
    });

    expect(inbox.get(ids[0]!)).toBeUndefined();
    expect(inbox.get(ids[1]!)).toBeDefined();
    expect(inbox.get(ids[2]!)).toBeDefined();
  });

  it('removes links and confirms no unknown id', () => {
    const { inbox } = createInbox();
    const notice = inbox.submit(`${configured}/setup/${tokenA}`);
    const linkId = notice.kind === 'setup' ? notice.linkId : '';

    expect(inbox.remove(linkId)).toBe(true);
    expect(inbox.get(linkId)).toBeUndefined();
    expect(inbox.confirm(linkId)).toBe(false);
  });

  it('logs no token', () => {
    const { inbox, logs } = createInbox();
    inbox.receive(`${configured}/setup/${tokenA}`);

    expect(logs.text()).toContain('link received');
    expect(logs.text()).not.toContain(tokenA);
  });
});
