import { mkdir } from 'node:fs/promises';
import { fail, ok } from '../../contract/errors';
import type { Updates } from '../updates/updates';
import type { HandlerContext, IpcHandlers } from './handlers';

export interface AppSupportHandlerOptions {
  updates: Updates;
  /** Folder of the app's log files. */
  logDir: string;
  /** Opens a folder in the file manager; absent where none can be opened. */
  openPath?(path: string): Promise<void>;
}

export type AppSupportChannel =
  'app:openLogFolder' | 'updates:check' | 'updates:restart';

/** Handlers of the updates and of the log folder, for the about view and the update banner. */
export function createAppSupportHandlers(
  context: HandlerContext,
  options: AppSupportHandlerOptions,
): Pick<IpcHandlers, AppSupportChannel> {
  const logger = context.logger.child({ area: 'support' });
  const { updates } = options;

  return {
    'app:openLogFolder': async () => {
      if (!options.openPath) {
        return fail('LOG_FOLDER_UNAVAILABLE');
      }
      try {
        // The logger creates the folder with its first line; this covers a
        // folder removed since then.
        await mkdir(options.logDir, { recursive: true });
        await options.openPath(options.logDir);
        return ok(null);
      } catch (error) {
        logger.warn(
          { err: error, folder: options.logDir },
          'opening the log folder failed',
        );
        return fail('LOG_FOLDER_UNAVAILABLE');
      }
    },

    'updates:check': async () => updates.check(),

    'updates:restart': async () => updates.restart(),
  };
}
