import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import type { ErrorOut, KoaContextWithOIDC } from 'oidc-provider';

/** Returns the account id of the person with this email and password. */
export type Authenticate = (
  email: string,
  password: string,
) => string | undefined;

type Interaction = Awaited<ReturnType<Provider['interactionDetails']>>;

/** Path under which the provider sends the browser to the login page. */
export const INTERACTION_PATH = '/interaction/';

const MAX_FORM_BYTES = 16_384;
const WRONG_CREDENTIALS_MESSAGE =
  'The email or password is incorrect. Check both and try again.';

/**
 * Returns the request handler of the login page: it checks the email and
 * password with `authenticate`, shows the page again with an error when they
 * are wrong, and grants the app's scopes without a consent page.
 */
export function serveLoginPage(provider: Provider, authenticate: Authenticate) {
  return (request: IncomingMessage, response: ServerResponse) => {
    handleInteraction(provider, authenticate, request, response).catch(
      (error: unknown) => {
        console.error('Test identity provider: login page failed', error);
        if (response.headersSent) {
          response.destroy();
          return;
        }
        sendPage(response, 500, 'Sign-in error', '<p>Server error.</p>');
      },
    );
  };
}

/** Shows oidc-provider's errors, such as an invalid authorization request. */
export function renderError(ctx: KoaContextWithOIDC, out: ErrorOut) {
  ctx.type = 'html';
  ctx.body = htmlPage(
    'Sign-in error',
    `<h1>Sign-in error</h1>
    <p role="alert">${escapeHtml(out.error)}: ${escapeHtml(out.error_description ?? '')}</p>
    <p>Start the sign-in again from the app.</p>`,
  );
}

async function handleInteraction(
  provider: Provider,
  authenticate: Authenticate,
  request: IncomingMessage,
  response: ServerResponse,
) {
  let interaction: Interaction;
  try {
    interaction = await provider.interactionDetails(request, response);
  } catch {
    sendExpiredPage(response);
    return;
  }

  const path = (request.url ?? '').split('?')[0];
  if (path !== `${INTERACTION_PATH}${interaction.uid}`) {
    sendExpiredPage(response);
    return;
  }

  if (request.method === 'GET') {
    if (interaction.prompt.name === 'consent') {
      await grantRequestedScopes(provider, interaction, request, response);
      return;
    }
    const loginHint = interaction.params.login_hint;
    sendLoginPage(response, 200, interaction.uid, {
      email: typeof loginHint === 'string' ? loginHint : '',
    });
    return;
  }

  if (request.method === 'POST') {
    await submitLogin(provider, authenticate, interaction, request, response);
    return;
  }

  response.writeHead(405, { allow: 'GET, POST' });
  response.end();
}

async function submitLogin(
  provider: Provider,
  authenticate: Authenticate,
  interaction: Interaction,
  request: IncomingMessage,
  response: ServerResponse,
) {
  const form = await readForm(request);
  if (!form) {
    response.writeHead(413, { 'content-type': 'text/plain; charset=utf-8' });
    response.end(`Login form larger than ${MAX_FORM_BYTES} bytes`);
    return;
  }

  if (form.get('action') === 'cancel') {
    await provider.interactionFinished(
      request,
      response,
      {
        error: 'access_denied',
        error_description: 'The user cancelled the sign-in.',
      },
      { mergeWithLastSubmission: false },
    );
    return;
  }

  const email = form.get('email')?.trim() ?? '';
  const accountId = authenticate(email, form.get('password') ?? '');
  if (!accountId) {
    sendLoginPage(response, 401, interaction.uid, {
      email,
      error: WRONG_CREDENTIALS_MESSAGE,
    });
    return;
  }

  await provider.interactionFinished(
    request,
    response,
    {
      login: { accountId },
      ...(interaction.prompt.name === 'select_account'
        ? { select_account: {} }
        : {}),
    },
    { mergeWithLastSubmission: false },
  );
}

/**
 * Grants the requested scopes without a consent page, as Entra ID does for
 * an organisation's own app once an administrator has consented.
 */
async function grantRequestedScopes(
  provider: Provider,
  interaction: Interaction,
  request: IncomingMessage,
  response: ServerResponse,
) {
  const { details } = interaction.prompt;
  const accountId = interaction.session?.accountId;
  const clientId = interaction.params.client_id;
  if (!accountId || typeof clientId !== 'string') {
    sendExpiredPage(response);
    return;
  }

  const grant = interaction.grantId
    ? await provider.Grant.find(interaction.grantId)
    : new provider.Grant({ accountId, clientId });
  if (!grant) {
    sendExpiredPage(response);
    return;
  }

  const missingScopes = details.missingOIDCScope as string[] | undefined;
  const missingClaims = details.missingOIDCClaims as string[] | undefined;
  const missingResourceScopes = details.missingResourceScopes as
    Record<string, string[]> | undefined;

  if (missingScopes) grant.addOIDCScope(missingScopes.join(' '));
  if (missingClaims) grant.addOIDCClaims(missingClaims);
  for (const [indicator, scopes] of Object.entries(
    missingResourceScopes ?? {},
  )) {
    grant.addResourceScope(indicator, scopes.join(' '));
  }

  const grantId = await grant.save();
  await provider.interactionFinished(
    request,
    response,
    { consent: { grantId } },
    { mergeWithLastSubmission: true },
  );
}

/** Returns the submitted form, or null when it exceeds MAX_FORM_BYTES. */
async function readForm(
  request: IncomingMessage,
): Promise<URLSearchParams | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_FORM_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function sendLoginPage(
  response: ServerResponse,
  status: number,
  uid: string,
  form: { email: string; error?: string },
) {
  const error = form.error
    ? `<p role="alert" class="error">${escapeHtml(form.error)}</p>`
    : '';

  sendPage(
    response,
    status,
    'Sign in',
    `<h1>Sign in</h1>
    <p>Test identity provider for the Mitel One tests</p>
    ${error}
    <form method="post" action="${INTERACTION_PATH}${escapeHtml(uid)}">
      <label for="email">Email</label>
      <input id="email" name="email" type="email" autocomplete="username"
        required value="${escapeHtml(form.email)}">
      <label for="password">Password</label>
      <input id="password" name="password" type="password"
        autocomplete="current-password" required>
      <button type="submit" name="action" value="sign-in">Sign in</button>
      <button type="submit" name="action" value="cancel" formnovalidate>Cancel</button>
    </form>`,
  );
}

function sendExpiredPage(response: ServerResponse) {
  sendPage(
    response,
    400,
    'Sign-in expired',
    `<h1>Sign-in expired</h1>
    <p role="alert">This sign-in has expired or was already completed.</p>
    <p>Start the sign-in again from the app.</p>`,
  );
}

function sendPage(
  response: ServerResponse,
  status: number,
  title: string,
  body: string,
) {
  response.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy':
      "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  });
  response.end(htmlPage(title, body));
}

function htmlPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(title)}</title>
  <style>
    body { font-family: sans-serif; max-width: 24rem; margin: 4rem auto; }
    form { display: grid; gap: 0.5rem; }
    .error { color: #a00; }
  </style>
</head>
<body><main>${body}</main></body>
</html>`;
}

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}
