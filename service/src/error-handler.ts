import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorCode, ServiceErrorBody } from '../../contract/errors';
import { ServiceError, statusOf, type ServiceFailure } from './errors';
import type { ServiceApp } from './routes/responses';

/**
 * Per-route codes for body errors that Fastify raises before the handler
 * runs, set in a route's `config`.
 */
export interface BodyErrorCodes {
  bodyTooLarge?: ErrorCode;
  unsupportedMediaType?: ErrorCode;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    bodyErrorCodes?: BodyErrorCodes;
  }
}

interface ValidationIssue {
  instancePath?: string;
  params?: { missingProperty?: string; additionalProperty?: string };
}

/** Sends a failure as the service's error body, with its HTTP status. */
export function sendFailure(
  request: FastifyRequest,
  reply: FastifyReply,
  failure: ServiceFailure,
) {
  const body: ServiceErrorBody = {
    error: { ...failure, requestId: request.id },
  };

  if (failure.retryAfterSeconds !== undefined) {
    reply.header('retry-after', String(failure.retryAfterSeconds));
  }

  return reply.code(statusOf(failure.code)).send(body);
}

/** Installs the handlers that give every error response a stable code. */
export function installErrorHandlers(app: ServiceApp) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const failure = toFailure(error, request);

    if (failure.code === 'INTERNAL') {
      request.log.error({ err: error }, 'Request failed unexpectedly');
    } else {
      request.log.info(
        { code: failure.code, field: failure.field },
        'Request rejected',
      );
    }

    return sendFailure(request, reply, failure);
  });

  app.setNotFoundHandler((request, reply) =>
    sendFailure(request, reply, {
      code: 'NOT_FOUND',
      message: `No route matches ${request.method} ${request.url.split('?')[0]}.`,
    }),
  );
}

function toFailure(
  error: FastifyError,
  request: FastifyRequest,
): ServiceFailure {
  if (error instanceof ServiceError) return error.failure;

  if (error.validation) {
    return {
      code: 'VALIDATION_FAILED',
      message: `Invalid request ${error.validationContext ?? 'data'}: ${error.message}`,
      field: fieldOf(error.validation[0] as ValidationIssue | undefined),
    };
  }

  const codes = request.routeOptions.config?.bodyErrorCodes;

  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return {
      code: codes?.bodyTooLarge ?? 'PAYLOAD_TOO_LARGE',
      message: `The request body is larger than the ${request.routeOptions.bodyLimit} bytes this route accepts.`,
    };
  }

  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return {
      code: codes?.unsupportedMediaType ?? 'VALIDATION_FAILED',
      message: `The content type ${request.headers['content-type'] ?? '(none)'} is not accepted here.`,
      field: 'content-type',
    };
  }

  // Other client errors that Fastify raises, such as JSON that does not
  // parse or an empty body.
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    return { code: 'VALIDATION_FAILED', message: error.message };
  }

  return {
    code: 'INTERNAL',
    message:
      'An unexpected error occurred. Report the request id to the service operator.',
  };
}

/** Names the field of a validation error: `displayName`, not `/displayName`. */
function fieldOf(issue: ValidationIssue | undefined): string | undefined {
  if (!issue) return undefined;

  const path = (issue.instancePath ?? '')
    .replace(/^\//, '')
    .replace(/\//g, '.');
  const child =
    issue.params?.missingProperty ?? issue.params?.additionalProperty;

  if (child) return path ? `${path}.${child}` : child;

  return path || undefined;
}
