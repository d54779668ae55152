// Decides how `npm run dist` signs and notarizes, from the environment
// variables electron-builder reads itself. The values are secrets, so only
// the variables' names are ever printed.

const appleIdVariables = [
  'APPLE_ID',
  'APPLE_APP_SPECIFIC_PASSWORD',
  'APPLE_TEAM_ID',
];

function isSet(env, name) {
  return typeof env[name] === 'string' && env[name].trim() !== '';
}

function macSigning(env) {
  const notes = [];
  const mac = {};
  const signs = isSet(env, 'CSC_LINK') || isSet(env, 'CSC_NAME');
  if (signs) {
    notes.push(
      `macOS: signing with the certificate in ${isSet(env, 'CSC_LINK') ? 'CSC_LINK' : 'CSC_NAME'}.`,
    );
    if (isSet(env, 'CSC_LINK') && !isSet(env, 'CSC_KEY_PASSWORD')) {
      notes.push(
        'macOS: CSC_KEY_PASSWORD is not set; a password-protected .p12 certificate cannot be imported without it.',
      );
    }
  } else {
    // Without `identity: null`, electron-builder searches the login keychain
    // and signs with whatever certificate it finds there.
    mac.identity = null;
    notes.push(
      'macOS: code signing skipped, because CSC_LINK is not set. Set CSC_LINK (the Developer ID .p12 file, as a path or base64) and CSC_KEY_PASSWORD to sign.',
    );
  }

  const missing = appleIdVariables.filter((name) => !isSet(env, name));
  if (signs && missing.length === 0) {
    mac.notarize = true;
    notes.push(
      'macOS: notarizing with the Apple ID in APPLE_ID for the team in APPLE_TEAM_ID.',
    );
  } else {
    mac.notarize = false;
    const reason = !signs
      ? 'an unsigned app cannot be notarized'
      : `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not set`;
    notes.push(
      `macOS: notarization skipped, because ${reason}. Set CSC_LINK and ${appleIdVariables.join(', ')} to notarize.`,
    );
  }
  return { config: { mac }, notes };
}

function windowsSigning(env) {
  const variable = ['WIN_CSC_LINK', 'CSC_LINK'].find((name) =>
    isSet(env, name),
  );
  const notes = variable
    ? [`Windows: signing the installers with the certificate in ${variable}.`]
    : [
        'Windows: code signing skipped, because CSC_LINK is not set; SmartScreen warns about unsigned installers. Set CSC_LINK (the .pfx file) and CSC_KEY_PASSWORD to sign.',
      ];
  return { config: {}, notes };
}

/**
 * Returns the configuration changes and the lines to print for signing on
 * `platform`: signing only with a certificate in the environment, and
 * notarization only for a signed macOS app with all Apple ID variables.
 */
export function signingOptions(platform, env) {
  switch (platform) {
    case 'darwin':
      return macSigning(env);
    case 'win32':
      return windowsSigning(env);
    default:
      return {
        config: {},
        notes: ['Linux: AppImage, deb and rpm are built unsigned.'],
      };
  }
}
