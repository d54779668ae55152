import { Type } from '@sinclair/typebox';
import { sql } from 'kysely';
import { Language, ServiceInfo } from '../../../contract/api';
import type { ServiceContext } from '../context';
import { pickLanguage } from '../pages/accept-language';
import { sendPage } from '../pages/page';
import { termsPage } from '../pages/terms-page';
import { withErrors, type ServiceApp } from './responses';

export function termsUrl(context: ServiceContext): string {
  return `${context.publicUrl()}/terms`;
}

/** Registers the health check, the service info and the terms page. */
export function registerPublicRoutes(app: ServiceApp, context: ServiceContext) {
  app.get(
    '/health',
    {
      schema: {
        response: withErrors({
          200: Type.Object({ status: Type.Literal('ok') }),
        }),
      },
    },
    async () => {
      await sql`select 1`.execute(context.db);
      return { status: 'ok' as const };
    },
  );

  app.get(
    '/v1/info',
    { schema: { response: withErrors({ 200: ServiceInfo }) } },
    async () => ({
      brand: context.config.brand,
      terms: { version: context.config.termsVersion, url: termsUrl(context) },
    }),
  );

  app.get(
    '/terms',
    {
      schema: {
        querystring: Type.Object(
          { lang: Type.Optional(Language) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const lang =
        request.query.lang ??
        pickLanguage(request.headers['accept-language'], 'de');
      const { brand, termsVersion } = context.config;

      return sendPage(reply, 200, termsPage(brand, termsVersion, lang));
    },
  );
}
