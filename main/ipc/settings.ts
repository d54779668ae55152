import { ok } from '../../contract/errors';
import { resolveLanguage } from '../settings';
import type { AreaHandlers, HandlerContext } from './handlers';

export interface SettingsHandlerOptions {
  systemLocale: string;
}

export function createSettingsHandlers(
  context: HandlerContext,
  options: SettingsHandlerOptions,
): AreaHandlers<'settings'> {
  const logger = context.logger.child({ area: 'settings' });

  /**
   * Sends the new language to the service, so that its emails use it. A
   * failure is logged and changes nothing else.
   */
  function updateProfileLocale(): void {
    const origin = context.session.origin;
    if (!origin) {
      return;
    }
    const locale = resolveLanguage(
      context.settings.current.language,
      options.systemLocale,
    );
    void context
      .clientFor(origin)
      .updateMe({ locale })
      .then((result) => {
        if (result.ok) {
          context.session.updateUser(result.value);
        } else {
          logger.warn(
            { code: result.error.code },
            'updating the profile language failed',
          );
        }
      });
  }

  return {
    'settings:setLanguage': async ({ language }) => {
      // The change applies to this run even when the file cannot be written,
      // and the store logs that failure.
      await context.settings.update({ language }).catch(() => undefined);

      const info = context.appInfo();
      context.emit('app:infoChanged', info);
      updateProfileLocale();
      return ok(info);
    },
  };
}
