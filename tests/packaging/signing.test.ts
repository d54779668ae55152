import { describe, expect, it } from 'vitest';
import { signingOptions } from '../../scripts/packaging/signing.mjs';

const certificate = {
  CSC_LINK: '/secure/developer-id.p12',
  CSC_KEY_PASSWORD: 'p12-password-value',
};
const appleId = {
  APPLE_ID: 'build@example.com',
  APPLE_APP_SPECIFIC_PASSWORD: 'abcd-efgh-ijkl-mnop',
  APPLE_TEAM_ID: 'TEAM123456',
};

describe('signingOptions', () => {
  it('skips macOS signing without a certificate', () => {
    const { config, notes } = signingOptions('darwin', {});

    expect(config).toEqual({ mac: { identity: null, notarize: false } });
    expect(notes[0]).toMatch(
      /^macOS: code signing skipped, because CSC_LINK is not set/,
    );
    expect(notes[1]).toMatch(
      /^macOS: notarization skipped, because an unsigned app/,
    );
  });

  it('signs and notarizes with every variable', () => {
    const { config, notes } = signingOptions('darwin', {
      ...certificate,
      ...appleId,
    });

    expect(config).toEqual({ mac: { notarize: true } });
    expect(notes).toEqual([
      'macOS: signing with the certificate in CSC_LINK.',
      'macOS: notarizing with the Apple ID in APPLE_ID for the team in APPLE_TEAM_ID.',
    ]);
  });

  it('names the missing Apple variables', () => {
    const { config, notes } = signingOptions('darwin', {
      ...certificate,
      APPLE_ID: appleId.APPLE_ID,
    });

    expect(config.mac.notarize).toBe(false);
    expect(config.mac).not.toHaveProperty('identity');
    expect(notes[1]).toContain(
      'APPLE_APP_SPECIFIC_PASSWORD, APPLE_TEAM_ID are not set',
    );
  });

  it('warns about a missing certificate password', () => {
    const { notes } = signingOptions('darwin', {
      CSC_LINK: certificate.CSC_LINK,
    });

    expect(notes).toContain(
      'macOS: CSC_KEY_PASSWORD is not set; a password-protected .p12 certificate cannot be imported without it.',
    );
  });

  it('signs Windows installers with a certificate', () => {
    expect(signingOptions('win32', certificate)).toEqual({
      config: {},
      notes: [
        'Windows: signing the installers with the certificate in CSC_LINK.',
      ],
    });
  });

  it('skips Windows signing without one', () => {
    const { notes } = signingOptions('win32', {});

    expect(notes[0]).toMatch(/^Windows: code signing skipped/);
  });

  it('never prints a secret', () => {
    const secrets = [...Object.values(certificate), ...Object.values(appleId)];
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const { notes } = signingOptions(platform, {
        ...certificate,
        ...appleId,
      });
      for (const secret of secrets) {
        expect(notes.join('\n')).not.toContain(secret);
      }
    }
  });
});
