import { checkSessionSecret } from '@listo/oauth';

/**
 * Who may use the dashboard once Listo has signed them in: anyone the identity provider knows is not enough,
 * since the dashboard shows every installation's data. E-mails and domains count only when the ID token says
 * the address is verified.
 */
export interface DashboardAllowList {
  subjects: string[];
  /** Lower-cased. */
  emails: string[];
  /** Lower-cased, without `@`. */
  emailDomains: string[];
}

/** What the dashboard needs to offer "Sign in with Listo". */
export interface DashboardOAuthConfig {
  clientId: string;
  clientSecret: string;
  /** Listo's issuer when unset; the sandbox URL for local work. */
  issuer: string | undefined;
  redirectUri: string;
  sessionSecret: string;
}

export type DashboardConfig =
  | { configured: true; oauth: DashboardOAuthConfig; allow: DashboardAllowList }
  | { configured: false; missing: string[]; problems: string[] };

const REQUIRED = [
  'LISTO_OAUTH_CLIENT_ID',
  'LISTO_OAUTH_CLIENT_SECRET',
  'LISTO_OAUTH_REDIRECT_URI',
  'SESSION_SECRET',
] as const;

/**
 * Reads LISTO_OAUTH_CLIENT_ID, LISTO_OAUTH_CLIENT_SECRET, LISTO_OAUTH_REDIRECT_URI, SESSION_SECRET and the
 * optional LISTO_OAUTH_ISSUER. Missing or unusable values leave the dashboard "not configured" (it says so)
 * rather than stopping the receiver: webhooks matter more than the dashboard. Values are never echoed.
 */
export function loadDashboardConfig(env: Record<string, string | undefined>): DashboardConfig {
  const value = (name: string) => {
    const v = env[name]?.trim();
    return v === undefined || v === '' ? undefined : v;
  };
  const missing = REQUIRED.filter((name) => value(name) === undefined);
  const problems: string[] = [];
  const sessionSecret = value('SESSION_SECRET');
  // @listo/oauth's own rule (it would refuse the secret at start otherwise), said here, without the value.
  const weak = sessionSecret === undefined ? undefined : checkSessionSecret(sessionSecret);
  if (weak !== undefined) problems.push(`SESSION_SECRET is refused: ${weak}`);
  for (const name of ['LISTO_OAUTH_REDIRECT_URI', 'LISTO_OAUTH_ISSUER']) {
    const v = value(name);
    if (v !== undefined && !URL.canParse(v)) problems.push(`${name} must be an absolute URL`);
  }
  const list = (name: string) =>
    (value(name) ?? '')
      .split(',')
      .map((entry) => entry.trim())
      .filter((entry) => entry !== '');
  const allow: DashboardAllowList = {
    subjects: list('DASHBOARD_ALLOWED_SUBJECTS'),
    emails: list('DASHBOARD_ALLOWED_EMAILS').map((e) => e.toLowerCase()),
    emailDomains: list('DASHBOARD_ALLOWED_EMAIL_DOMAINS').map((d) => d.toLowerCase().replace(/^@/, '')),
  };
  if (allow.subjects.length + allow.emails.length + allow.emailDomains.length === 0) {
    problems.push(
      'Set DASHBOARD_ALLOWED_SUBJECTS, DASHBOARD_ALLOWED_EMAILS or DASHBOARD_ALLOWED_EMAIL_DOMAINS to say who may ' +
        'use the dashboard: without an allow-list anyone Listo signs in would see every installation’s data',
    );
  }
  if (missing.length > 0 || problems.length > 0) return { configured: false, missing, problems };
  return {
    configured: true,
    oauth: {
      clientId: value('LISTO_OAUTH_CLIENT_ID')!,
      clientSecret: value('LISTO_OAUTH_CLIENT_SECRET')!,
      issuer: value('LISTO_OAUTH_ISSUER'),
      redirectUri: value('LISTO_OAUTH_REDIRECT_URI')!,
      sessionSecret: sessionSecret!,
    },
    allow,
  };
}

/** Whether a signed-in person is on the allow-list: by subject, or by a verified e-mail address or its domain. */
export function isAllowed(
  claims: { sub: string; email?: string | undefined; email_verified?: boolean | undefined },
  allow: DashboardAllowList,
): boolean {
  if (allow.subjects.includes(claims.sub)) return true;
  if (claims.email_verified !== true || typeof claims.email !== 'string') return false;
  const email = claims.email.toLowerCase();
  const at = email.lastIndexOf('@');
  return allow.emails.includes(email) || (at > 0 && allow.emailDomains.includes(email.slice(at + 1)));
}

/** Plain http is only ever allowed towards a provider on this machine (the sandbox). */
export function isLoopbackHttp(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  return (
    protocol === 'http:' && (hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]')
  );
}
