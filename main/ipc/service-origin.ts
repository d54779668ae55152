import { fail, ok, type Result } from '../../contract/errors';
import { parseServiceUrl } from '../service-url';

/**
 * Picks the service of a sign-in, discovery or password reset. A service
 * address from the person is accepted only while none is configured, or when
 * it names the configured one.
 */
export function chooseOrigin(
  args: { serviceUrl?: string },
  configured: string | null,
): Result<string> {
  if (args.serviceUrl === undefined) {
    return configured
      ? ok(configured)
      : fail('SERVICE_NOT_CONFIGURED', { field: 'serviceUrl' });
  }

  const typed = parseServiceUrl(args.serviceUrl);
  if (!typed.ok || configured === null || typed.value === configured) {
    return typed;
  }
  return fail('VALIDATION_FAILED', { field: 'serviceUrl' });
}
