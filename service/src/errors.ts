import {
  errorCatalog,
  type AppError,
  type ErrorCode,
} from '../../contract/errors';

/** An expected failure with the English message for logs and developers. */
export type ServiceFailure = AppError & { message: string };

export type ServiceResult<T> =
  { ok: true; value: T } | { ok: false; error: ServiceFailure };

export function success<T>(value: T): ServiceResult<T> {
  return { ok: true, value };
}

export function failure<T = never>(
  code: ErrorCode,
  message: string,
  details: Omit<AppError, 'code'> = {},
): ServiceResult<T> {
  return { ok: false, error: { code, message, ...details } };
}

/**
 * An expected failure thrown inside a route handler. The error handler turns
 * it into an error body with the code's HTTP status.
 */
export class ServiceError extends Error {
  override name = 'ServiceError';

  constructor(readonly failure: ServiceFailure) {
    super(failure.message);
  }

  static of(
    code: ErrorCode,
    message: string,
    details: Omit<AppError, 'code'> = {},
  ): ServiceError {
    return new ServiceError({ code, message, ...details });
  }
}

/** Returns the value of a result, or throws its failure as a ServiceError. */
export function unwrap<T>(result: ServiceResult<T>): T {
  if (!result.ok) throw new ServiceError(result.error);

  return result.value;
}

/** HTTP status of a code that the service sends. */
export function statusOf(code: ErrorCode): number {
  return errorCatalog[code].status ?? 500;
}
