import { fail, ok } from '../../contract/errors';
import { isEnforced } from '../policy/effective-policy';
import type { AreaHandlers, HandlerContext } from './handlers';

export function createSettingsHandlers(
  context: HandlerContext,
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
    const locale = context.language();
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
      if (isEnforced(context.policy.language(null).source)) {
        return fail('SETTING_MANAGED', { field: 'language' });
      }
      // The change applies to this run even when the file cannot be written,
      // and the store logs that failure.
      await context.settings.update({ language }).catch(() => undefined);

      const info = context.appInfo();
      context.emit('app:infoChanged', info);
      updateProfileLocale();
      return ok(info);
    },

    'settings:setAutomaticUpdates': async ({ enabled }) => {
      const result = await context.setAutomaticUpdates(enabled);
      if (!result.ok) {
        return result;
      }
      const info = context.appInfo();
      context.emit('app:infoChanged', info);
      return ok(info);
    },
  };
}
