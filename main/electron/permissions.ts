import type { Session } from 'electron';
import type { Logger } from 'pino';
import { originOf } from '../app-protocol';

/**
 * Denies every permission by default. Only the app's own page may use the
 * camera and microphone, which calls need.
 */
export function restrictPermissions(
  session: Session,
  appOrigin: string,
  logger: Logger,
): void {
  session.setPermissionRequestHandler(
    (_contents, permission, callback, details) => {
      const allowed =
        permission === 'media' && originOf(details.requestingUrl) === appOrigin;
      if (!allowed) {
        logger.warn({ permission }, 'permission request denied');
      }
      callback(allowed);
    },
  );

  session.setPermissionCheckHandler(
    (_contents, permission, requestingOrigin) =>
      permission === 'media' && originOf(requestingOrigin) === appOrigin,
  );

  session.setDevicePermissionHandler(() => false);
}
