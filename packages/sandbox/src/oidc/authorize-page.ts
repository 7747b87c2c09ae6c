function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export interface AuthorizePageUser {
  readonly sub: string;
  readonly email: string;
  readonly name?: string | null | undefined;
}

/**
 * The sandbox's sign-in page (oidc-provider's login interaction): pick one of the dataset's users, or cancel.
 * The form posts back to the interaction, which oidc-provider binds to this browser with its own cookie.
 */
export function renderAuthorizePage(input: {
  readonly action: string;
  readonly clientId: string;
  readonly users: readonly AuthorizePageUser[];
}): string {
  const rows = input.users
    .map(
      (u) =>
        `<li><button type="submit" name="sub" value="${escapeHtml(u.sub)}">Sign in as ${escapeHtml(
          u.name ?? u.email,
        )}</button> <small>${escapeHtml(u.email)}</small></li>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Listo sandbox - sign in</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}
li{margin:.4rem 0;list-style:none}button{font:inherit;padding:.3rem .8rem;cursor:pointer}</style></head>
<body><h1>Listo sandbox</h1>
<p><strong>${escapeHtml(input.clientId)}</strong> asks you to sign in with Listo. Choose a user of the sandbox dataset:</p>
<form method="post" action="${escapeHtml(input.action)}">
<ul>${rows || '<li>The dataset has no users.</li>'}</ul>
<p><button type="submit" name="deny" value="1">Cancel</button></p>
</form></body></html>`;
}

export function renderErrorPage(message: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Listo sandbox - error</title></head>
<body><h1>Sign-in error</h1><p>${escapeHtml(message)}</p></body></html>`;
}
