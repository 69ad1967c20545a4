/**
 * The local e-mail outbox: an SMTP server on 127.0.0.1 (smtp-server) that keeps every message it
 * accepts as an `.eml` file in a folder (the data folder's `outbox/`, so mail survives a restart),
 * and a small web page on 127.0.0.1 that lists them. The local worker sends to it with the same
 * SMTP mailer as for a real server, so the local service exercises the real adapter.
 *
 * Mail is tenant data (report titles, figures, project names): the page escapes every value, shows
 * HTML bodies only in a sandboxed frame without scripts, and serves attachments as downloads.
 */
import { randomBytes } from 'node:crypto';
import type { EventEmitter } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One message of the outbox, parsed back from its file. */
export interface OutboxMessage {
  /** The file's name without `.eml`: the message's id on the page. */
  id: string;
  messageId: string;
  from: string;
  /** The To header's addresses. */
  to: string[];
  /** The recipients the SMTP client gave (`RCPT TO`): whom this copy was sent to. */
  envelopeTo: string[];
  replyTo: string[];
  subject: string;
  text?: string;
  html?: string;
  attachments: { filename?: string; contentType: string; size: number; content: Uint8Array }[];
  at: Date;
}

export interface SmtpOutbox {
  /** Where the SMTP server listens. */
  host: string;
  port: number;
  /** The web page listing the messages. */
  url: string;
  /** The folder of `.eml` files. */
  dir: string;
  /** Every message, oldest first. */
  messages(): Promise<OutboxMessage[]>;
  close(): Promise<void>;
}

export interface SmtpOutboxOptions {
  /** Folder the messages are kept in (created if missing). */
  dir: string;
  /** SMTP port (0: any free port). */
  port?: number;
  /** Web page port (0: any free port). */
  webPort?: number;
  host?: string;
  /** Largest message accepted (default 40 MB); larger ones are refused with 552. */
  maxMessageBytes?: number;
}

/** Starts the SMTP server and the web page; fails with the port's name when one is taken. */
export async function startSmtpOutbox(options: SmtpOutboxOptions): Promise<SmtpOutbox> {
  const host = options.host ?? '127.0.0.1';
  const dir = options.dir;
  await mkdir(dir, { recursive: true });
  const smtp = new SMTPServer({
    name: 'openstack-reports-outbox',
    banner: 'openstack-reports local outbox',
    // Loopback only: no TLS to offer; any credentials are accepted (and not kept), so a client set up with some works too.
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    allowInsecureAuth: true,
    onAuth: (auth, _session, callback) => callback(null, { user: auth.username ?? 'local' }),
    size: options.maxMessageBytes ?? 40 * 1024 * 1024,
    logger: false,
    onData(stream, session, callback) {
      const envelope = session.envelope;
      const id = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}`;
      const part = join(dir, `.${id}.part`);
      const file = createWriteStream(part);
      // The envelope as the first header lines, as a mail server records it on delivery.
      const from = envelope.mailFrom ? envelope.mailFrom.address : '';
      file.write(`Return-Path: <${from}>\r\nX-Envelope-To: ${envelope.rcptTo.map((r) => r.address).join(', ')}\r\n`);
      pipeline(stream, file)
        .then(async () => {
          if (stream.sizeExceeded) {
            await rm(part, { force: true });
            callback(Object.assign(new Error('message exceeds the outbox size limit'), { responseCode: 552 }));
            return;
          }
          await rename(part, join(dir, `${id}.eml`));
          callback(null, `queued as ${id}`);
        })
        .catch(async (error: unknown) => {
          await rm(part, { force: true });
          callback(Object.assign(new Error(`outbox could not store the message: ${(error as Error).message}`), { responseCode: 451 }));
        });
    },
  });
  // A client's broken connection is its own problem; unheard, smtp-server's 'error' would end the process.
  smtp.on('error', () => undefined);
  const port = await listen(
    smtp,
    (p, h, done) => smtp.listen(p, h, done),
    () => smtp.server.address() as AddressInfo,
    { port: options.port ?? 0, host, variable: 'OUTBOX_PORT' },
  ).catch(async (error: unknown) => {
    await closeSmtp(smtp);
    throw error;
  });

  const store = outboxStore(dir);
  const web = createServer((req, res) => {
    serveOutboxPage(store, req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`outbox page failed: ${(error as Error).message}`);
    });
  });
  let webPort: number;
  try {
    webPort = await listen(
      web,
      (p, h, done) => web.listen(p, h, done),
      () => web.address() as AddressInfo,
      { port: options.webPort ?? 0, host, variable: 'OUTBOX_WEB_PORT' },
    );
  } catch (error) {
    await closeSmtp(smtp);
    throw error;
  }
  return {
    host,
    port,
    url: `http://${host}:${webPort}/`,
    dir,
    messages: () => store.all(),
    close: async () => {
      await new Promise<void>((resolve) => {
        web.closeAllConnections();
        web.close(() => resolve());
      });
      await closeSmtp(smtp);
    },
  };
}

/** Listens on `host:port` and returns the port; a port in use fails naming the variable that sets it. */
function listen(
  emitter: EventEmitter,
  start: (port: number, host: string, listening: () => void) => void,
  address: () => AddressInfo,
  where: { port: number; host: string; variable: string },
): Promise<number> {
  const { port, host, variable } = where;
  return new Promise<number>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`The outbox cannot listen on ${host}:${port}: the port is in use. Set ${variable} to a free port (0 picks one).`)
          : error,
      );
    };
    emitter.once('error', onError);
    start(port, host, () => {
      emitter.off('error', onError);
      resolve(address().port);
    });
  });
}

function closeSmtp(smtp: SMTPServer): Promise<void> {
  return new Promise<void>((resolve) => smtp.close(() => resolve()));
}

interface OutboxStore {
  ids(): Promise<string[]>;
  raw(id: string): Promise<Buffer | undefined>;
  get(id: string): Promise<OutboxMessage | undefined>;
  all(): Promise<OutboxMessage[]>;
}

const idPattern = /^[0-9A-Za-z-]+$/;

function outboxStore(dir: string): OutboxStore {
  const ids = async () =>
    (await readdir(dir))
      .filter((f) => f.endsWith('.eml'))
      .map((f) => f.slice(0, -'.eml'.length))
      .filter((id) => idPattern.test(id))
      .sort();
  const raw = async (id: string) => {
    // Only names the folder holds: an id from a URL never becomes a path of its own.
    if (!idPattern.test(id) || !(await ids()).includes(id)) return undefined;
    return readFile(join(dir, `${id}.eml`));
  };
  const get = async (id: string) => {
    const bytes = await raw(id);
    return bytes && parseMessage(id, bytes);
  };
  return {
    ids,
    raw,
    get,
    all: async () => (await Promise.all((await ids()).map((id) => get(id)))).filter((m): m is OutboxMessage => m !== undefined),
  };
}

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  return ([] as AddressObject[])
    .concat(field ?? [])
    .flatMap((a) => a.value)
    .map((a) => a.address ?? '')
    .filter(Boolean);
}

async function parseMessage(id: string, bytes: Buffer): Promise<OutboxMessage> {
  const mail: ParsedMail = await simpleParser(bytes);
  const envelopeTo = String(mail.headers.get('x-envelope-to') ?? '')
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  return {
    id,
    messageId: mail.messageId ?? '',
    from: mail.from?.text ?? '',
    to: addresses(mail.to),
    envelopeTo,
    replyTo: addresses(mail.replyTo),
    subject: mail.subject ?? '',
    ...(mail.text !== undefined ? { text: mail.text } : {}),
    ...(typeof mail.html === 'string' ? { html: mail.html } : {}),
    attachments: mail.attachments.map((a) => ({
      ...(a.filename ? { filename: a.filename } : {}),
      contentType: a.contentType,
      size: a.size,
      content: new Uint8Array(a.content),
    })),
    at: mail.date ?? new Date(0),
  };
}

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

// Nothing of a message may run: no scripts anywhere, frames only from this page (srcdoc).
const pageHeaders = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-src 'self'; base-uri 'none'; form-action 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

const style = `body{font:14px/1.4 system-ui,sans-serif;margin:2rem;color:#222}table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:.4rem .6rem;border-bottom:1px solid #ddd;vertical-align:top}pre{white-space:pre-wrap;background:#f6f6f6;padding:1rem}
iframe{width:100%;height:32rem;border:1px solid #ddd}.muted{color:#777}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${style}</style></head><body>${body}</body></html>`;
}

async function serveOutboxPage(store: OutboxStore, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://outbox').pathname;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' }).end('method not allowed');
    return;
  }
  if (path === '/') {
    const messages = (await store.all()).reverse();
    const rows = messages
      .map(
        (m) =>
          `<tr><td class="muted">${escapeHtml(m.at.toISOString())}</td><td><a href="messages/${encodeURIComponent(m.id)}">${escapeHtml(m.subject || '(no subject)')}</a></td>` +
          `<td>${escapeHtml((m.envelopeTo.length ? m.envelopeTo : m.to).join(', '))}</td><td>${escapeHtml(m.attachments.map((a) => a.filename ?? 'attachment').join(', '))}</td></tr>`,
      )
      .join('');
    const body = `<h1>Outbox</h1><p class="muted">${messages.length} message(s), newest first.</p>
<table><thead><tr><th>Received</th><th>Subject</th><th>To</th><th>Attachments</th></tr></thead><tbody>${rows}</tbody></table>`;
    res.writeHead(200, pageHeaders).end(page('Outbox', body));
    return;
  }
  const match = /^\/messages\/([^/]+?)(\.eml|\/attachments\/(\d+))?$/.exec(path);
  const id = match ? decodeURIComponent(match[1]!) : '';
  if (match && match[2] === '.eml') {
    const raw = await store.raw(id);
    if (!raw) return notFound(res);
    res
      .writeHead(200, { 'content-type': 'message/rfc822', 'content-disposition': `attachment; filename="${id}.eml"`, 'x-content-type-options': 'nosniff' })
      .end(raw);
    return;
  }
  const message = match ? await store.get(id) : undefined;
  if (!match || !message) return notFound(res);
  if (match[3] !== undefined) {
    const attachment = message.attachments[Number(match[3])];
    if (!attachment) return notFound(res);
    // Always a download, never shown in the page's origin, whatever type the message claims.
    res
      .writeHead(200, {
        'content-type': 'application/octet-stream',
        'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(attachment.filename ?? 'attachment')}`,
        'x-content-type-options': 'nosniff',
      })
      .end(Buffer.from(attachment.content));
    return;
  }
  const base = `${encodeURIComponent(message.id)}`;
  const attachments = message.attachments
    .map(
      (a, i) =>
        `<li><a href="${base}/attachments/${i}">${escapeHtml(a.filename ?? 'attachment')}</a> <span class="muted">${escapeHtml(a.contentType)}, ${a.size} bytes</span></li>`,
    )
    .join('');
  const field = (name: string, value: string) => `<tr><th>${name}</th><td>${escapeHtml(value)}</td></tr>`;
  const body = `<p><a href="../">← Outbox</a> · <a href="${base}.eml">Download .eml</a></p><h1>${escapeHtml(message.subject || '(no subject)')}</h1>
<table>${field('From', message.from)}${field('To', message.to.join(', '))}${field('Sent to', message.envelopeTo.join(', '))}${field('Reply-To', message.replyTo.join(', '))}${field('Date', message.at.toISOString())}${field('Message-ID', message.messageId)}</table>
${attachments ? `<h2>Attachments</h2><ul>${attachments}</ul>` : ''}
${message.html !== undefined ? `<h2>HTML</h2><iframe sandbox title="HTML body" srcdoc="${escapeHtml(message.html)}"></iframe>` : ''}
${message.text !== undefined ? `<h2>Text</h2><pre>${escapeHtml(message.text)}</pre>` : ''}`;
  res.writeHead(200, pageHeaders).end(page(message.subject || 'Message', body));
}

function notFound(res: ServerResponse): void {
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('no such message');
}
