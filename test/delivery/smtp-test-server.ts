/**
 * A real SMTP server on 127.0.0.1 for the SMTP mailer's tests: smtp-server offering STARTTLS (with
 * the self-signed test certificate of test/openstack/fixtures/tls, which the client is told to
 * trust), AUTH only once the connection is encrypted, and hooks to answer each step with a reply
 * code of the test's choosing.
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerAddress, type SMTPServerSession } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

const tlsDir = new URL('../openstack/fixtures/tls/', import.meta.url);
/** The certificate the test server presents; trust it with `ca`. */
export const testCert = readFileSync(new URL('cert.pem', tlsDir));
const testKey = readFileSync(new URL('key.pem', tlsDir));

export const testCredentials = { username: 'reports-mailer@example.com', password: 'S3cr3t-p@ss:word/42' };

/** An SMTP reply as an error smtp-server sends back. */
export function reply(code: number, text: string): Error {
  return Object.assign(new Error(text), { responseCode: code });
}

export interface ReceivedMail {
  envelopeFrom: string;
  envelopeTo: string[];
  secure: boolean;
  user: unknown;
  raw: Buffer;
  parsed: ParsedMail;
}

export interface TestSmtpServerOptions {
  /** Offer STARTTLS (default true). */
  starttls?: boolean;
  /** No STARTTLS, and AUTH over the plain connection (a relay reached with `?tls=off`). */
  plainAuth?: boolean;
  /** Answer RCPT TO: an error to refuse the recipient, undefined to accept. */
  onRcpt?: (address: string, session: SMTPServerSession) => Error | undefined;
  /** Answer the end of DATA: an error to refuse the message, undefined to accept. */
  onData?: (index: number) => Error | undefined;
  /** Cut the connection when the message's data arrives, before any reply. */
  dropOnData?: (index: number) => boolean;
  /** Answer AUTH: an error to refuse the credentials (default: refuse all but `testCredentials`). */
  onAuth?: (username: string, password: string) => Error | undefined;
}

export interface TestSmtpServer {
  host: string;
  port: number;
  /** Messages accepted, in order. */
  mails: ReceivedMail[];
  /** User names AUTH was tried with. */
  authAttempts: string[];
  /** DATA commands seen (accepted or not). */
  dataCount(): number;
  close(): Promise<void>;
}

export async function startTestSmtpServer(options: TestSmtpServerOptions = {}): Promise<TestSmtpServer> {
  const mails: ReceivedMail[] = [];
  const authAttempts: string[] = [];
  let data = 0;
  const server = new SMTPServer({
    name: 'smtp.test',
    key: testKey,
    cert: testCert,
    ...(options.starttls === false || options.plainAuth ? { disabledCommands: ['STARTTLS'] } : {}),
    ...(options.plainAuth ? { allowInsecureAuth: true } : {}),
    // AUTH only over TLS (the default), and required.
    authOptional: false,
    logger: false,
    onAuth(auth, _session, callback) {
      const username = auth.username ?? '';
      const password = auth.password ?? '';
      authAttempts.push(username);
      const refusal =
        options.onAuth?.(username, password) ??
        (username === testCredentials.username && password === testCredentials.password ? undefined : reply(535, '5.7.8 Authentication credentials invalid'));
      if (refusal) callback(refusal);
      else callback(null, { user: username });
    },
    onRcptTo(address: SMTPServerAddress, session, callback) {
      callback(options.onRcpt?.(address.address, session) ?? undefined);
    },
    onData(stream, session, callback) {
      const index = data++;
      if (options.dropOnData?.(index)) {
        stream.resume();
        // The socket of this session: smtp-server keeps its connections in a set.
        for (const connection of (server as unknown as { connections: Set<{ id: string; _socket: { destroy(): void } }> }).connections) {
          if (connection.id === session.id) connection._socket.destroy();
        }
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const refusal = options.onData?.(index);
        if (refusal) {
          callback(refusal);
          return;
        }
        const raw = Buffer.concat(chunks);
        const envelope = session.envelope;
        simpleParser(raw)
          .then((parsed) => {
            mails.push({
              envelopeFrom: envelope.mailFrom ? envelope.mailFrom.address : '',
              envelopeTo: envelope.rcptTo.map((r) => r.address),
              secure: session.secure,
              user: session.user,
              raw,
              parsed,
            });
            callback(null);
          })
          .catch((error: unknown) => callback(error as Error));
      });
    },
  });
  // Dropped connections are part of some tests; unheard, smtp-server's 'error' would end the process.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return {
    host: '127.0.0.1',
    port,
    mails,
    authAttempts,
    dataCount: () => data,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
