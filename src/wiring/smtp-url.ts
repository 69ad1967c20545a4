/**
 * The SMTP server setting, one URL: `smtp://host:port` (STARTTLS required), `smtps://host:port`
 * (TLS from the first byte), `smtp://host:port?tls=off` (in the clear: a relay on a trusted
 * network only). Credentials may ride in it locally (`smtp://user:pass@host:587`, URL-encoded);
 * on AWS they live in a Secrets Manager secret instead. Shared by the configuration (config.ts)
 * and the CDK settings (infra/settings.ts), so both accept and refuse the same URLs.
 *
 * No message here ever repeats the URL: it may hold a password.
 */
import type { SmtpSecurity } from '../adapters/smtp/smtp-mailer';

export interface SmtpUrl {
  host: string;
  port: number;
  security: SmtpSecurity;
  username?: string;
  password?: string;
}

/** Ports when the URL names none: submission with STARTTLS, or implicit TLS. */
const defaultPorts = { 'smtp:': 587, 'smtps:': 465 } as const;

/** The URL parsed, or why it is refused (never echoing it). */
export function parseSmtpUrl(text: string, options: { allowCredentials: boolean }): SmtpUrl | { problem: string } {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return { problem: 'must be a URL such as smtp://mail.example.com:587 or smtps://mail.example.com:465' };
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    return { problem: `must start with smtp:// or smtps://, not ${url.protocol}//` };
  }
  if (!url.hostname) return { problem: 'names no host' };
  if (url.pathname && url.pathname !== '/') return { problem: 'must have no path: smtp://host:port' };
  if (url.hash) return { problem: 'must have no #fragment' };
  const params = [...url.searchParams.keys()];
  const unknown = params.find((p) => p !== 'tls');
  if (unknown !== undefined) return { problem: `has an unknown parameter "${unknown}": only tls=off is understood` };
  const tls = url.searchParams.get('tls');
  if (tls !== null && tls !== 'off') return { problem: 'tls may only be "off" (STARTTLS is required otherwise)' };
  if (tls === 'off' && url.protocol === 'smtps:') return { problem: 'has tls=off, but smtps:// is TLS from the first byte: use smtp://host:port?tls=off' };
  if ((url.username || url.password) && !options.allowCredentials) {
    return { problem: 'must not hold credentials here: put them in the Secrets Manager secret (smtpSecretName / SMTP_SECRET_ID)' };
  }
  if (url.username && !url.password) return { problem: 'has a user name but no password (smtp://user:password@host:port, URL-encoded)' };
  let username: string | undefined;
  let password: string | undefined;
  try {
    username = url.username ? decodeURIComponent(url.username) : undefined;
    password = url.password ? decodeURIComponent(url.password) : undefined;
  } catch {
    return { problem: 'has credentials that are not properly URL-encoded' };
  }
  const protocol = url.protocol as keyof typeof defaultPorts;
  if (url.port === '0') return { problem: 'must name a port from 1 to 65535' };
  return {
    // URL keeps IPv6 literals in brackets; sockets want them bare.
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port ? Number(url.port) : defaultPorts[protocol],
    security: protocol === 'smtps:' ? 'tls' : tls === 'off' ? 'none' : 'starttls',
    ...(username !== undefined ? { username } : {}),
    ...(password !== undefined ? { password } : {}),
  };
}

/** `smtp://host:port` for logs and messages: never the credentials. */
export function describeSmtpServer(url: Pick<SmtpUrl, 'host' | 'port' | 'security'>): string {
  const host = url.host.includes(':') ? `[${url.host}]` : url.host;
  return `${url.security === 'tls' ? 'smtps' : 'smtp'}://${host}:${url.port}${url.security === 'none' ? '?tls=off' : ''}`;
}

const mailbox = /^[^\s@<>",;]+@[^\s@<>",;]+$/;

/** Why a sender or reply-to setting is refused: `reports@example.com` or `Reports <reports@example.com>`. */
export function mailboxProblem(text: string): string | undefined {
  const value = text.trim();
  if (/[\r\n]/.test(value)) return 'must be on one line';
  const named = /^([^<>]*)<([^<>]+)>$/.exec(value);
  const address = named ? named[2]!.trim() : value;
  if (!mailbox.test(address)) return 'must be an address (reports@example.com) or a name and address (Reports <reports@example.com>)';
  return undefined;
}
