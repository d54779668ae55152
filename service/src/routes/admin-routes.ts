import { timingSafeEqual } from 'node:crypto';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import {
  Account,
  AccountNumber,
  AdminUser,
  CreateAccountRequest,
  InvitationSent,
  InvitationTarget,
  LicenceRequest,
  SsoConfig,
} from '../../../contract/api';
import type { ServiceContext } from '../context';
import { ServiceError, unwrap } from '../errors';
import { sha256Hex } from '../secure-random';
import { withErrors, type ServiceApp } from './responses';

/**
 * Compares the presented token with the admin token in constant time. Both
 * are hashed first, so that the comparison does not depend on their lengths.
 */
export function isAdminToken(presented: string, expected: string): boolean {
  const a = Buffer.from(sha256Hex(presented), 'hex');
  const b = Buffer.from(sha256Hex(expected), 'hex');

  return timingSafeEqual(a, b);
}

const AccountParams = Type.Object({ number: AccountNumber });

/** Registers the admin API under /admin/v1: the accounts console over HTTP. */
export function registerAdminRoutes(app: ServiceApp, context: ServiceContext) {
  const accounts = context.accountsConsole;

  async function requireAdmin(request: FastifyRequest) {
    const match = request.headers.authorization?.match(/^Bearer (\S+)$/);
    if (!match || !isAdminToken(match[1]!, context.config.adminToken)) {
      throw ServiceError.of(
        'ADMIN_UNAUTHORIZED',
        'The admin API needs "Authorization: Bearer <admin token>"; the token is in the admin-token file of the data folder.',
      );
    }
  }

  app.register(async (scope) => {
    const admin = scope.withTypeProvider<TypeBoxTypeProvider>();
    admin.addHook('onRequest', requireAdmin);

    admin.post(
      '/admin/v1/accounts',
      {
        schema: {
          body: CreateAccountRequest,
          response: withErrors({ 201: Account }),
        },
      },
      async (request, reply) => {
        const account = unwrap(await accounts.createAccount(request.body));

        return reply.code(201).send(account);
      },
    );

    admin.get(
      '/admin/v1/accounts',
      { schema: { response: withErrors({ 200: Type.Array(Account) }) } },
      async () => accounts.listAccounts(),
    );

    admin.put(
      '/admin/v1/accounts/:number/sso',
      {
        schema: {
          params: AccountParams,
          body: SsoConfig,
          response: withErrors({ 200: Account }),
        },
      },
      async (request) =>
        unwrap(await accounts.setSso(request.params.number, request.body)),
    );

    admin.delete(
      '/admin/v1/accounts/:number/sso',
      {
        schema: {
          params: AccountParams,
          response: withErrors({ 200: Account }),
        },
      },
      async (request) => unwrap(await accounts.clearSso(request.params.number)),
    );

    admin.get(
      '/admin/v1/accounts/:number/users',
      {
        schema: {
          params: AccountParams,
          response: withErrors({ 200: Type.Array(AdminUser) }),
        },
      },
      async (request) =>
        unwrap(await accounts.listUsers(request.params.number)),
    );

    admin.post(
      '/admin/v1/accounts/:number/licences',
      {
        schema: {
          params: AccountParams,
          body: LicenceRequest,
          response: withErrors({ 201: InvitationSent }),
        },
      },
      async (request, reply) => {
        const sent = unwrap(
          await accounts.assignLicence({
            accountNumber: request.params.number,
            ...request.body,
          }),
        );

        return reply.code(201).send(sent);
      },
    );

    admin.post(
      '/admin/v1/accounts/:number/invitations/resend',
      {
        schema: {
          params: AccountParams,
          body: InvitationTarget,
          response: withErrors({ 201: InvitationSent }),
        },
      },
      async (request, reply) => {
        const sent = unwrap(
          await accounts.resendInvitation({
            accountNumber: request.params.number,
            email: request.body.email,
          }),
        );

        return reply.code(201).send(sent);
      },
    );

    admin.post(
      '/admin/v1/accounts/:number/invitations/revoke',
      {
        schema: {
          params: AccountParams,
          body: InvitationTarget,
          response: withErrors({ 200: AdminUser }),
        },
      },
      async (request) =>
        unwrap(
          await accounts.revokeInvitation({
            accountNumber: request.params.number,
            email: request.body.email,
          }),
        ),
    );
  });
}
