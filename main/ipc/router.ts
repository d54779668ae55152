import type { TSchema } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import { ValueErrorType } from '@sinclair/typebox/errors';
import type { Logger } from 'pino';
import { fail, type AppError, type Result } from '../../contract/errors';
import { ipcChannels, type IpcChannel } from '../../contract/ipc';
import { ipcRequests } from '../../contract/ipc-schemas';
import type { IpcHandlers } from './handlers';

export interface IpcRouterOptions {
  handlers: IpcHandlers;
  /** True for the renderer's own origin only. */
  isTrustedOrigin(origin: string): boolean;
  logger: Logger;
}

export type IpcRouter = (
  channel: string,
  args: unknown,
  context: { origin: string },
) => Promise<Result<unknown>>;

const knownChannels = new Set<string>(ipcChannels);

/** The argument checks of every channel, compiled once when first needed. */
let compiledChecks: Map<IpcChannel, TypeCheck<TSchema>> | undefined;

function argumentCheck(channel: IpcChannel): TypeCheck<TSchema> {
  compiledChecks ??= new Map(
    ipcChannels.map((name) => [name, TypeCompiler.Compile(ipcRequests[name])]),
  );
  return compiledChecks.get(channel)!;
}

/**
 * Describes the first field that fails the schema, such as `password`: a
 * text longer than its limit gets INPUT_TOO_LONG with the limit, so that
 * the person learns how much to shorten it.
 */
function schemaFailure(check: TypeCheck<TSchema>, args: unknown): AppError {
  const first = check.Errors(args).First();
  const path = first?.path.replace(/^\//, '') ?? '';
  const field = path === '' ? 'args' : path;
  const maxLength = (first?.schema as { maxLength?: unknown } | undefined)
    ?.maxLength;
  if (
    first?.type === ValueErrorType.StringMaxLength &&
    typeof maxLength === 'number'
  ) {
    return { code: 'INPUT_TOO_LONG', field, maxLength };
  }
  return { code: 'VALIDATION_FAILED', field };
}

/**
 * Creates the one entry point of every IPC call: it checks the sender's
 * origin, then the argument against the channel's schema, then runs the
 * handler. It never throws, and it never logs arguments, which may contain
 * passwords.
 */
export function createIpcRouter(options: IpcRouterOptions): IpcRouter {
  const logger = options.logger.child({ area: 'ipc' });

  return async (channel, args, context) => {
    if (!options.isTrustedOrigin(context.origin)) {
      logger.warn(
        { channel, origin: context.origin },
        'IPC call from an untrusted origin rejected',
      );
      return fail('IPC_FORBIDDEN');
    }
    if (!knownChannels.has(channel)) {
      logger.warn({ channel }, 'IPC call on an unknown channel rejected');
      return fail('VALIDATION_FAILED', { field: 'channel' });
    }

    const known = channel as IpcChannel;
    const check = argumentCheck(known);
    if (!check.Check(args)) {
      const { code, ...details } = schemaFailure(check, args);
      logger.warn(
        { channel, field: details.field, code },
        'IPC argument failed its schema',
      );
      return fail(code, details);
    }

    try {
      const handler = options.handlers[known] as (
        args: unknown,
      ) => Promise<Result<unknown>>;
      return await handler(args);
    } catch (error) {
      logger.error({ channel, err: error }, 'IPC handler failed');
      return fail('INTERNAL');
    }
  };
}
