import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startSmtpSink, type SmtpSink } from '../../../tests/support/smtp-sink';
import { createMailer, type Mailer } from '../../src/mail/mailer';

describe('mailer over SMTP', () => {
  let sink: SmtpSink;
  let mailer: Mailer;

  beforeAll(async () => {
    sink = await startSmtpSink();
    mailer = createMailer({
      smtpUrl: sink.url,
      from: 'Mitel One <no-reply@mitel-one.invalid>',
      outboxDir: '/nonexistent',
      now: () => new Date(),
    });
  });

  afterAll(async () => {
    mailer.close();
    await sink.close();
  });

  // The service rejects these addresses before it sends. Given one anyway,
  // the mailer must not read it as an address list, group or comment.
  test.each([
    ['comma', 'anna,eve@example.org', '"anna,eve"@example.org'],
    ['semicolon', 'anna;eve@example.org', '"anna;eve"@example.org'],
    ['comment', 'carl(x)@example.com', '"carl(x)"@example.com'],
    ['group', 'dora:eve@example.org', '"dora:eve"@example.org'],
  ])('%s stays one quoted recipient', async (_case, to, quoted) => {
    const sentBefore = sink.messages.length;

    await mailer.send({
      to,
      subject: 'Test',
      text: 'Test',
      html: '<p>Test</p>',
    });

    expect(sink.envelopes.slice(sentBefore)).toEqual([
      { from: 'no-reply@mitel-one.invalid', to: [quoted] },
    ]);
    const header = sink.messages[sentBefore]!.to;
    const addresses = (Array.isArray(header) ? header : [header]).flatMap(
      (address) => address!.value,
    );
    expect(addresses.map((address) => address.address)).toEqual([quoted]);
  });
});
