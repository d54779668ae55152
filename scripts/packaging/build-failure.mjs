// Turns electron-builder's download failures into a message that names what
// failed, why, and what to do. electron-builder 26 downloads Electron's
// release archive and, for some targets, build tools (fpm for deb and rpm,
// appimagetool for AppImage) with @electron/get, whose errors are got's.

const networkCauses = {
  ENOTFOUND: 'the host name could not be resolved (no DNS or no network)',
  EAI_AGAIN: 'the host name could not be resolved (DNS timed out)',
  ECONNREFUSED: 'the connection was refused',
  ECONNRESET: 'the connection was reset',
  ETIMEDOUT: 'the connection timed out',
  ENETUNREACH: 'the network is unreachable',
  EHOSTUNREACH: 'the host is unreachable',
  EPROTO: 'the TLS handshake failed',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    'the server certificate is not trusted (a TLS-intercepting proxy?)',
  SELF_SIGNED_CERT_IN_CHAIN:
    'the server certificate is not trusted (a TLS-intercepting proxy?)',
};

function* errorChain(error) {
  const seen = new Set();
  for (let current = error; current && !seen.has(current);) {
    seen.add(current);
    yield current;
    current = current.cause;
  }
}

/** Returns the failed download's URL and cause, or null for any other failure. */
export function findDownloadFailure(error) {
  for (const current of errorChain(error)) {
    const url = current.options?.url?.href ?? current.url ?? null;
    const status = current.response?.statusCode;
    if (current.name === 'HTTPError' && typeof status === 'number') {
      return { url, cause: `the server answered HTTP ${status}` };
    }
    const code = current.code;
    if (typeof code === 'string' && code in networkCauses) {
      return { url, cause: `${networkCauses[code]} (${code})` };
    }
    if (/getaddrinfo|socket hang up/i.test(current.message ?? '')) {
      return { url, cause: current.message };
    }
  }
  return null;
}

/**
 * Explains a failed `electron-builder` run when a download failed, or
 * returns null for any other failure, which the caller prints as it is.
 * `target` names Electron's archive for this build: version, platform and
 * architecture as in `electron-v41.7.1-linux-x64.zip`.
 */
export function explainBuildFailure(error, target) {
  const failure = findDownloadFailure(error);
  if (!failure) {
    return null;
  }

  const archive = `electron-v${target.electronVersion}-${target.platform}-${target.arch}.zip`;
  const from = failure.url ? ` from ${failure.url}` : '';
  const isElectron =
    !failure.url || failure.url.includes(`electron-v${target.electronVersion}`);

  if (isElectron) {
    return [
      `error: the installers could not be built, because Electron's release archive (${archive}) could not be downloaded${from}: ${failure.cause}.`,
      '',
      "electron-builder puts the app into Electron's release archive for the target platform. It downloads the archive from github.com (or from ELECTRON_MIRROR) unless the archive is in its cache.",
      '',
      'What to do, one of:',
      '  - run `npm run dist` on a machine that reaches github.com;',
      "  - set ELECTRON_MIRROR to a mirror of Electron's releases that this machine reaches;",
      `  - unpack ${archive} on a machine that can download it, copy the folder here and run \`npm run dist -- --electron-dist <folder>\` (the folder that contains the electron executable).`,
    ].join('\n');
  }

  return [
    `error: the installers could not be built, because a build tool could not be downloaded${from}: ${failure.cause}.`,
    '',
    'electron-builder downloads fpm (for deb and rpm) and appimagetool (for AppImage) from github.com unless they are in its cache.',
    '',
    'What to do, one of:',
    '  - run `npm run dist` on a machine that reaches github.com;',
    '  - set ELECTRON_BUILDER_BINARIES_MIRROR to a mirror of electron-builder-binaries that this machine reaches;',
    "  - copy electron-builder's cache folder (ELECTRON_BUILDER_CACHE, by default ~/.cache/electron-builder) from a machine that built these targets.",
  ].join('\n');
}
