import axios, {
  isAxiosError,
  type AxiosInstance,
  type AxiosRequestConfig,
  type AxiosResponse,
} from 'axios';
import type { TypeCheck } from '@sinclair/typebox/compiler';
import type { Static, TSchema } from '@sinclair/typebox';
import type { Logger } from 'pino';
import {
  MAX_PHOTO_BYTES,
  type DirectoryPage,
  type DirectoryQuery,
  type DiscoveryRequest,
  type InvitationInfo,
  type PasswordResetCompletion,
  type PasswordResetInfo,
  type PasswordResetProof,
  type PasswordResetRequest,
  type PasswordResetStarted,
  type ProfileUpdate,
  type RegistrationRequest,
  type ServiceInfo,
  type SessionGrant,
  type SignInDiscovery,
  type SignInRequest,
  type SsoSignInRequest,
  type UserProfile,
} from '../contract/api';
import { fail, ok, type AppError, type Result } from '../contract/errors';
import type { UploadProgress } from '../contract/ipc';
import type { Fetch } from './fetch';
import { responseChecks } from './service-responses';

/** Source of the access token for authenticated calls. */
export interface AccessTokenSource {
  /** Returns a valid access token, refreshed first when it is about to expire. */
  accessToken(origin: string): Promise<Result<string>>;
  /** Returns a new access token after the service rejected `rejected`. */
  refreshAfterRejection(
    origin: string,
    rejected: string,
  ): Promise<Result<string>>;
  /** Ends the session after the service rejected a freshly refreshed token. */
  rejectedAfterRefresh(origin: string): Promise<void>;
}

export interface ServiceClientOptions {
  origin: string;
  logger: Logger;
  tokens: AccessTokenSource;
  /** Maximum time in ms for one request; uploads get four times as long. */
  timeoutMs?: number;
  /**
   * Sends the requests through this fetch, such as Electron's `net.fetch`,
   * which follows the system proxy and trust store. Node's HTTP client when
   * absent.
   */
  fetch?: Fetch;
}

export interface Photo {
  contentType: string;
  data: Buffer;
}

/** Largest response body accepted; a photo is far smaller. */
const MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

const photoTypes = new Set(['image/jpeg', 'image/png', 'image/webp']);

/**
 * The service's HTTP API, for one service origin. Every method resolves to a
 * `Result`: network failures become SERVICE_UNREACHABLE, error bodies their
 * own code, and anything else SERVICE_INCOMPATIBLE. Nothing here logs a
 * token, a password or a request body.
 */
export class ServiceClient {
  readonly origin: string;
  readonly #http: AxiosInstance;
  readonly #logger: Logger;
  readonly #tokens: AccessTokenSource;
  readonly #timeoutMs: number;
  readonly #reportsUploadProgress: boolean;

  constructor(options: ServiceClientOptions) {
    this.origin = options.origin;
    this.#logger = options.logger.child({ origin: options.origin });
    this.#tokens = options.tokens;
    this.#timeoutMs = options.timeoutMs ?? 15_000;
    // axios reports upload progress through fetch only by streaming the
    // request body, which not every fetch supports. So with a fetch the
    // photo goes up in one piece and without progress events.
    this.#reportsUploadProgress = options.fetch === undefined;
    this.#http = axios.create({
      ...(options.fetch
        ? { adapter: 'fetch', env: { fetch: options.fetch } }
        : {}),
      baseURL: options.origin,
      timeout: this.#timeoutMs,
      // Every status is a response to map. Redirects are not followed, so
      // that no token is ever sent to another origin.
      validateStatus: () => true,
      maxRedirects: 0,
      maxContentLength: MAX_RESPONSE_BYTES,
      maxBodyLength: MAX_PHOTO_BYTES + 1024,
      headers: { Accept: 'application/json' },
    });
  }

  getInfo(): Promise<Result<ServiceInfo>> {
    return this.#call(
      'GET /v1/info',
      { method: 'GET', url: '/v1/info' },
      responseChecks.serviceInfo,
    );
  }

  getInvitation(token: string): Promise<Result<InvitationInfo>> {
    return this.#call(
      'GET /v1/invitations/:token',
      { method: 'GET', url: `/v1/invitations/${encodeURIComponent(token)}` },
      responseChecks.invitationInfo,
    );
  }

  register(request: RegistrationRequest): Promise<Result<SessionGrant>> {
    return this.#call(
      'POST /v1/registrations',
      { method: 'POST', url: '/v1/registrations', data: request },
      responseChecks.sessionGrant,
    );
  }

  signIn(request: SignInRequest): Promise<Result<SessionGrant>> {
    return this.#call(
      'POST /v1/sessions',
      { method: 'POST', url: '/v1/sessions', data: request },
      responseChecks.sessionGrant,
    );
  }

  /** Asks how an email signs in: with a password, or with single sign-on. */
  discover(request: DiscoveryRequest): Promise<Result<SignInDiscovery>> {
    return this.#call(
      'POST /v1/sign-in/discover',
      { method: 'POST', url: '/v1/sign-in/discover', data: request },
      responseChecks.signInDiscovery,
    );
  }

  /** Exchanges an identity provider's access token for a session. */
  signInSso(request: SsoSignInRequest): Promise<Result<SessionGrant>> {
    return this.#call(
      'POST /v1/sessions/sso',
      { method: 'POST', url: '/v1/sessions/sso', data: request },
      responseChecks.sessionGrant,
    );
  }

  requestPasswordReset(
    request: PasswordResetRequest,
  ): Promise<Result<PasswordResetStarted>> {
    return this.#call(
      'POST /v1/password-resets',
      { method: 'POST', url: '/v1/password-resets', data: request },
      responseChecks.passwordResetStarted,
    );
  }

  checkPasswordReset(
    proof: PasswordResetProof,
  ): Promise<Result<PasswordResetInfo>> {
    return this.#call(
      'POST /v1/password-resets/check',
      { method: 'POST', url: '/v1/password-resets/check', data: proof },
      responseChecks.passwordResetInfo,
    );
  }

  /** Sets the new password; the service ends the other sessions and starts one. */
  completePasswordReset(
    completion: PasswordResetCompletion,
  ): Promise<Result<SessionGrant>> {
    return this.#call(
      'POST /v1/password-resets/complete',
      {
        method: 'POST',
        url: '/v1/password-resets/complete',
        data: completion,
      },
      responseChecks.sessionGrant,
    );
  }

  refresh(refreshToken: string): Promise<Result<SessionGrant>> {
    return this.#call(
      'POST /v1/sessions/refresh',
      { method: 'POST', url: '/v1/sessions/refresh', data: { refreshToken } },
      responseChecks.sessionGrant,
    );
  }

  /**
   * Revokes the session of `accessToken` at the service. It takes the token
   * directly because sign-out clears the session before this call returns.
   */
  async revokeSession(accessToken: string): Promise<Result<null>> {
    const result = await this.#request('DELETE /v1/sessions/current', {
      method: 'DELETE',
      url: '/v1/sessions/current',
      headers: bearer(accessToken),
    });
    return result.ok ? ok(null) : result;
  }

  async getMe(): Promise<Result<UserProfile>> {
    const route = 'GET /v1/me';
    const result = await this.#authorized(route, {
      method: 'GET',
      url: '/v1/me',
    });
    return this.#body(route, result, responseChecks.userProfile);
  }

  async updateMe(update: ProfileUpdate): Promise<Result<UserProfile>> {
    const route = 'PATCH /v1/me';
    const config = { method: 'PATCH', url: '/v1/me', data: update };
    const result = await this.#authorized(route, config);
    return this.#body(route, result, responseChecks.userProfile);
  }

  /**
   * Uploads a photo as the raw request body and reports upload progress,
   * unless the client sends through a fetch.
   */
  async uploadPhoto(
    data: Uint8Array,
    onProgress: (progress: UploadProgress) => void,
  ): Promise<Result<UserProfile>> {
    const route = 'PUT /v1/me/photo';
    const body = Buffer.from(data.buffer, data.byteOffset, data.byteLength);

    const result = await this.#authorized(route, {
      method: 'PUT',
      url: '/v1/me/photo',
      data: body,
      timeout: this.#timeoutMs * 4,
      headers: { 'Content-Type': sniffImageType(body) },
      ...(this.#reportsUploadProgress
        ? {
            onUploadProgress: (event) =>
              onProgress({
                loaded: event.loaded,
                total: event.total ?? body.byteLength,
              }),
          }
        : {}),
    });
    return this.#body(route, result, responseChecks.userProfile);
  }

  /** Removes the photo. After a 204 without a body, the profile is fetched. */
  async removePhoto(): Promise<Result<UserProfile>> {
    const route = 'DELETE /v1/me/photo';
    const result = await this.#authorized(route, {
      method: 'DELETE',
      url: '/v1/me/photo',
    });
    if (result.ok && result.value.status === 204) {
      return this.getMe();
    }
    return this.#body(route, result, responseChecks.userProfile);
  }

  /** Fetches a user's photo, or null when the user has none. */
  async getUserPhoto(userId: string): Promise<Result<Photo | null>> {
    const route = 'GET /v1/users/:userId/photo';
    const result = await this.#authorized(route, {
      method: 'GET',
      url: `/v1/users/${encodeURIComponent(userId)}/photo`,
      responseType: 'arraybuffer',
      headers: { Accept: 'image/*, application/json' },
    });
    if (!result.ok) {
      return result.error.code === 'PHOTO_NOT_FOUND' ? ok(null) : result;
    }

    const contentType = mediaType(result.value.headers['content-type']);
    if (!photoTypes.has(contentType)) {
      this.#logger.warn(
        { route, contentType },
        'photo has an unexpected content type',
      );
      return fail('SERVICE_INCOMPATIBLE');
    }
    return ok({ contentType, data: Buffer.from(result.value.data) });
  }

  async searchDirectory(query: DirectoryQuery): Promise<Result<DirectoryPage>> {
    const route = 'GET /v1/directory';
    const config = { method: 'GET', url: '/v1/directory', params: query };
    const result = await this.#authorized(route, config);
    return this.#body(route, result, responseChecks.directoryPage);
  }

  /** Sends an unauthenticated request and checks its JSON body. */
  async #call<T extends TSchema>(
    route: string,
    config: AxiosRequestConfig,
    check: TypeCheck<T>,
  ): Promise<Result<Static<T>>> {
    return this.#body(route, await this.#request(route, config), check);
  }

  /**
   * Sends a request with the session's access token. When the service
   * rejects the token, the session refreshes it once and the request is sent
   * again.
   */
  async #authorized(
    route: string,
    config: AxiosRequestConfig,
  ): Promise<Result<AxiosResponse>> {
    const token = await this.#tokens.accessToken(this.origin);
    if (!token.ok) {
      return token;
    }

    const first = await this.#request(route, withBearer(config, token.value));
    if (first.ok || first.error.code !== 'UNAUTHENTICATED') {
      return first;
    }

    this.#logger.info({ route }, 'access token rejected; refreshing it once');
    const fresh = await this.#tokens.refreshAfterRejection(
      this.origin,
      token.value,
    );
    if (!fresh.ok) {
      return fresh;
    }
    const second = await this.#request(route, withBearer(config, fresh.value));
    if (!second.ok && second.error.code === 'UNAUTHENTICATED') {
      await this.#tokens.rejectedAfterRefresh(this.origin);
      return fail('NOT_SIGNED_IN');
    }
    return second;
  }

  /** Sends a request. Only a 2xx response is a success. */
  async #request(
    route: string,
    config: AxiosRequestConfig,
  ): Promise<Result<AxiosResponse>> {
    let response: AxiosResponse;
    try {
      response = await this.#http.request(config);
    } catch (error) {
      return this.#mapRequestFailure(route, error);
    }

    if (response.status < 200 || response.status >= 300) {
      return this.#mapErrorResponse(route, response);
    }
    return ok(response);
  }

  #body<T extends TSchema>(
    route: string,
    result: Result<AxiosResponse>,
    check: TypeCheck<T>,
  ): Result<Static<T>> {
    if (!result.ok) {
      return result;
    }
    if (!check.Check(result.value.data)) {
      this.#logger.warn(
        { route, status: result.value.status },
        'response body does not match its schema',
      );
      return fail('SERVICE_INCOMPATIBLE');
    }
    return ok(result.value.data);
  }

  #mapRequestFailure(route: string, error: unknown): Result<never> {
    if (!isAxiosError(error)) {
      throw error;
    }
    // axios reports a body over maxContentLength as ERR_BAD_RESPONSE.
    if (error.code === 'ERR_BAD_RESPONSE') {
      this.#logger.warn({ route, code: error.code }, 'response too large');
      return fail('SERVICE_INCOMPATIBLE');
    }
    this.#logger.warn({ route, code: error.code }, 'service unreachable');
    return fail('SERVICE_UNREACHABLE');
  }

  #mapErrorResponse(route: string, response: AxiosResponse): Result<never> {
    const body = parseErrorBody(response.data);
    if (!body) {
      this.#logger.warn(
        {
          route,
          status: response.status,
          contentType: response.headers['content-type'],
        },
        'error response without an error body',
      );
      return fail('SERVICE_INCOMPATIBLE');
    }

    const { code, field, failedRules, requestId } = body;
    const retryAfterSeconds =
      body.retryAfterSeconds ??
      parseRetryAfter(response.headers['retry-after']);
    this.#logger.info(
      { route, status: response.status, code, requestId },
      'service returned an error',
    );
    return fail(
      code,
      withoutUndefined({ field, failedRules, retryAfterSeconds }),
    );
  }
}

function bearer(accessToken: string): Record<string, string> {
  return { Authorization: `Bearer ${accessToken}` };
}

function withBearer(
  config: AxiosRequestConfig,
  accessToken: string,
): AxiosRequestConfig {
  const headers = { ...(config.headers as Record<string, string>) };
  return { ...config, headers: { ...headers, ...bearer(accessToken) } };
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, item]) => item !== undefined),
  ) as Partial<T>;
}

function mediaType(header: unknown): string {
  const [type = ''] = String(header ?? '').split(';');
  return type.trim().toLowerCase();
}

/** Parses an error body, also from the binary body of a photo request. */
function parseErrorBody(
  data: unknown,
): (AppError & { requestId?: string }) | null {
  let value = data;
  if (data instanceof ArrayBuffer || Buffer.isBuffer(data)) {
    try {
      value = JSON.parse(Buffer.from(data as ArrayBuffer).toString('utf8'));
    } catch {
      return null;
    }
  }
  return responseChecks.errorBody.Check(value) ? value.error : null;
}

function parseRetryAfter(header: unknown): number | undefined {
  const seconds = Number(header);
  return typeof header === 'string' && Number.isInteger(seconds) && seconds >= 0
    ? seconds
    : undefined;
}

/**
 * Names the image type from its first bytes so that the upload has an honest
 * Content-Type. The service judges the content itself either way.
 */
export function sniffImageType(data: Uint8Array): string {
  const startsWith = (bytes: number[], offset = 0) =>
    bytes.every((byte, index) => data[offset + index] === byte);

  if (startsWith([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return 'image/png';
  if (
    startsWith([0x52, 0x49, 0x46, 0x46]) &&
    startsWith([0x57, 0x45, 0x42, 0x50], 8)
  ) {
    return 'image/webp';
  }
  return 'application/octet-stream';
}
