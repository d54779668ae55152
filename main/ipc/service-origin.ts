import { fail, ok, type Result } from '../../contract/errors';
import { parseServiceUrl } from '../service-url';
import type { HandlerContext } from './handlers';

/**
 * Picks the service of a sign-in, discovery or password reset. A service
 * address from the person is accepted only while none is configured, or when
 * it names the configured one. SETTING_MANAGED when the organisation
 * enforces another service or does not allow this one.
 */
export function chooseOrigin(
  args: { serviceUrl?: string },
  context: Pick<HandlerContext, 'configuredOrigin' | 'policy'>,
): Result<string> {
  const { policy } = context;
  const configured = context.configuredOrigin();
  if (args.serviceUrl === undefined) {
    return configured
      ? ok(configured)
      : fail('SERVICE_NOT_CONFIGURED', { field: 'serviceUrl' });
  }

  const typed = parseServiceUrl(args.serviceUrl);
  if (!typed.ok) {
    return typed;
  }
  const enforced = policy.enforcedValue('ServiceUrl');
  if (enforced !== undefined && typed.value !== enforced) {
    return fail('SETTING_MANAGED', { field: 'serviceUrl' });
  }
  if (!policy.isAllowed(typed.value)) {
    return fail('SETTING_MANAGED', { field: 'serviceUrl' });
  }
  if (configured === null || typed.value === configured) {
    return typed;
  }
  return fail('VALIDATION_FAILED', { field: 'serviceUrl' });
}
