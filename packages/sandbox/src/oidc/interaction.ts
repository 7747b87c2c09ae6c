import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import { renderAuthorizePage, renderErrorPage } from './authorize-page';
import type { OidcUser } from './oidc-types';

const MAX_FORM_BYTES = 64 * 1024;

const HTML_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'x-frame-options': 'DENY',
  // form-action governs the whole redirect chain after the form is sent, which ends at the client's
  // redirect URI (registered, so checked by oidc-provider): 'self' alone would stop the browser there.
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action *",
};

function sendHtml(response: ServerResponse, status: number, html: string): void {
  response.writeHead(status, HTML_HEADERS);
  response.end(html);
}

/** Reads a form body; undefined when it is too large or not form-encoded. */
async function readForm(request: IncomingMessage): Promise<URLSearchParams | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_FORM_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  if (!(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded'))
    return undefined;
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/**
 * The sandbox's part of the sign-in, oidc-provider's interaction: the login prompt shows "sign in as one of
 * these users" (or cancel, `access_denied`); the consent prompt is granted at once for every scope and claim
 * asked for (the sandbox's clients are its own). Everything else (sessions, `prompt`, `max_age`, codes)
 * is oidc-provider's.
 */
export async function handleInteraction(
  provider: Provider,
  request: IncomingMessage,
  response: ServerResponse,
  uid: string,
  users: () => readonly OidcUser[],
): Promise<void> {
  let details: Awaited<ReturnType<Provider['interactionDetails']>>;
  try {
    details = await provider.interactionDetails(request, response);
  } catch {
    request.resume();
    return sendHtml(
      response,
      400,
      renderErrorPage('This sign-in has expired or was started in another browser.'),
    );
  }
  if (details.uid !== uid) {
    request.resume();
    return sendHtml(response, 400, renderErrorPage('This sign-in does not belong to this page.'));
  }
  const { prompt, params } = details;

  if (request.method === 'POST') {
    const form = await readForm(request);
    if (form === undefined) return sendHtml(response, 400, renderErrorPage('Malformed sign-in form.'));
    if (form.has('deny')) {
      return provider.interactionFinished(
        request,
        response,
        { error: 'access_denied', error_description: 'The user cancelled the sign-in' },
        { mergeWithLastSubmission: false },
      );
    }
    const sub = form.get('sub');
    if (prompt.name !== 'login' || sub === null || !users().some((u) => u.sub === sub)) {
      return sendHtml(response, 400, renderErrorPage('Unknown user.'));
    }
    return provider.interactionFinished(
      request,
      response,
      { login: { accountId: sub } },
      { mergeWithLastSubmission: false },
    );
  }

  request.resume();
  if (prompt.name === 'login') {
    return sendHtml(
      response,
      200,
      renderAuthorizePage({
        action: request.url ?? '',
        clientId: String(params.client_id),
        users: users(),
      }),
    );
  }
  if (prompt.name === 'consent' && details.session !== undefined) {
    const grant =
      details.grantId === undefined
        ? new provider.Grant({ accountId: details.session.accountId, clientId: String(params.client_id) })
        : await provider.Grant.find(details.grantId);
    if (grant === undefined) return sendHtml(response, 400, renderErrorPage('This sign-in has expired.'));
    const missing = prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    const grantId = await grant.save();
    return provider.interactionFinished(
      request,
      response,
      { consent: details.grantId === undefined ? { grantId } : {} },
      { mergeWithLastSubmission: true },
    );
  }
  return sendHtml(response, 400, renderErrorPage(`Unsupported sign-in step: ${prompt.name}`));
}
