import type { TSchema } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import type { Logger } from 'pino';
import { fail, type Result } from '../../contract/errors';
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

/** Names the first field that fails the schema, such as `password`. */
function failedField(check: TypeCheck<TSchema>, args: unknown): string {
  const first = check.Errors(args).First();
  const path = first?.path.replace(/^\//, '') ?? '';
  return path === '' ? 'args' : path;
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
      const field = failedField(check, args);
      logger.warn({ channel, field }, 'IPC argument failed its schema');
      return fail('VALIDATION_FAILED', { field });
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
