/**
 * A local e-mail outbox: aws-ses-v2-local, an SES v2 compatible server, started in this process.
 * Point an `SESv2Client` at `endpoint` (any credentials) and open `url` in a browser to read what was
 * sent, attachments included; `messages()` returns the same list for tests.
 *
 * aws-ses-v2-local keeps its mails in one module-level list, so every outbox started in one process
 * shows the same messages; tests tell theirs apart by recipient or subject.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as sesLocal from 'aws-ses-v2-local';

/** One message as the outbox parsed it from the raw MIME. */
export interface OutboxMessage {
  messageId: string;
  from: string;
  to: string[];
  replyTo: string[];
  subject: string;
  text?: string;
  html?: string;
  attachments: { filename?: string; contentType: string; size: number; content: Uint8Array }[];
  at: Date;
}

export interface SesOutbox {
  /** SES API endpoint for `new SESv2Client({ endpoint })`. */
  endpoint: string;
  /** Web page listing the messages. */
  url: string;
  messages(): Promise<OutboxMessage[]>;
  close(): Promise<void>;
}

type StartServer = (config?: Partial<{ host: string; port: number }>) => Promise<Server>;

interface StoredEmail {
  messageId: string;
  from: string;
  replyTo: string[];
  destination: { to: string[] };
  subject: string;
  body: { html?: string; text?: string };
  attachments: { content: string; contentType: string; filename?: string; size: number }[];
  at: number;
}

// The package is CommonJS with `exports.default`; depending on the loader its default export
// arrives once or twice wrapped.
function startFunction(): StartServer {
  const mod = sesLocal as unknown as { default: StartServer | { default: StartServer } };
  return typeof mod.default === 'function' ? mod.default : mod.default.default;
}

/** Starts the outbox on `host` (default 127.0.0.1) and `port` (default 0: any free port). */
export async function startSesOutbox(options: { port?: number; host?: string } = {}): Promise<SesOutbox> {
  const host = options.host ?? '127.0.0.1';
  const server = await startFunction()({ host, port: options.port ?? 0 });
  const { port } = server.address() as AddressInfo;
  const base = `http://${host}:${port}`;
  return {
    endpoint: base,
    url: `${base}/`,
    async messages() {
      const res = await fetch(`${base}/store`);
      if (!res.ok) throw new Error(`The SES outbox answered ${res.status} for GET /store`);
      const store = (await res.json()) as { emails: StoredEmail[] };
      return store.emails.map((e) => ({
        messageId: e.messageId,
        from: e.from,
        // For raw MIME the outbox keeps the To header as one comma-separated string.
        to: e.destination.to
          .flatMap((t) => t.split(','))
          .map((t) => t.trim())
          .filter(Boolean),
        replyTo: e.replyTo,
        subject: e.subject,
        ...(e.body.text !== undefined ? { text: e.body.text } : {}),
        ...(e.body.html !== undefined ? { html: e.body.html } : {}),
        attachments: e.attachments.map((a) => ({
          ...(a.filename ? { filename: a.filename } : {}),
          contentType: a.contentType,
          size: a.size,
          content: new Uint8Array(Buffer.from(a.content, 'base64')),
        })),
        at: new Date(e.at * 1000),
      }));
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections?.();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
