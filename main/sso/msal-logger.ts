import { LogLevel, type Configuration } from '@azure/msal-node';
import type { Logger } from 'pino';

type LoggerOptions = NonNullable<
  NonNullable<Configuration['system']>['loggerOptions']
>;

/**
 * Routes MSAL's log into the app's log: info and above, and everything down
 * to verbose when the app logs at debug level. Nearly every setup mistake
 * surfaces from MSAL as `endpoints_resolution_error`, and only these lines
 * show the real cause. Personal data stays out of them.
 */
export function msalLoggerOptions(logger: Logger): LoggerOptions {
  return {
    piiLoggingEnabled: false,
    logLevel: logger.isLevelEnabled('debug') ? LogLevel.Verbose : LogLevel.Info,
    loggerCallback(level, message, containsPii) {
      if (containsPii) {
        return;
      }
      switch (level) {
        case LogLevel.Error:
          logger.error(message);
          break;
        case LogLevel.Warning:
          logger.warn(message);
          break;
        case LogLevel.Info:
          logger.info(message);
          break;
        default:
          logger.debug(message);
      }
    },
  };
}
