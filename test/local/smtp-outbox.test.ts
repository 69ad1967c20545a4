import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { escapeHtml, startSmtpOutbox, type SmtpOutbox } from '../../src/adapters/local/smtp-outbox';
import { SmtpMailer } from '../../src/adapters/smtp/smtp-mailer';

const evil = '<script>alert("x")</script> & <img src=x onerror=alert(1)>';

describe('the local SMTP outbox', () => {
  let dir: string;
  let outboxes: SmtpOutbox[];

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'osr-outbox-'));
    outboxes = [];
  });
  afterEach(async () => {
    for (const o of outboxes) await o.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function start(ports: { port?: number; webPort?: number } = {}): Promise<SmtpOutbox> {
    const outbox = await startSmtpOutbox({ dir: join(dir, 'outbox'), ...ports });
    outboxes.push(outbox);
    return outbox;
  }

  const mailerTo = (outbox: SmtpOutbox) => new SmtpMailer({ host: outbox.host, port: outbox.port, security: 'none', from: 'Reports <reports@localhost>' });

  async function sendOne(outbox: SmtpOutbox, subject = 'Report ready: Monthly cost') {
    return mailerTo(outbox).send({
      to: ['ops@example.com', 'cfo@example.com'],
      subject,
      text: `Hello ${evil}`,
      html: `<p>Hello</p>${evil}`,
      attachments: [{ filename: 'report <1>.pdf', contentType: 'application/pdf', content: new Uint8Array(Buffer.from('%PDF-1.7 x')) }],
    });
  }

  it('accepts mail over SMTP on 127.0.0.1 and keeps each message as an .eml file that a restart on the same port still lists', async () => {
    const first = await start();
    const receipt = await sendOne(first);
    expect(receipt.accepted).toEqual(['ops@example.com', 'cfo@example.com']);

    const files = (await readdir(join(dir, 'outbox'))).filter((f) => f.endsWith('.eml'));
    expect(files).toHaveLength(1);
    expect(await readFile(join(dir, 'outbox', files[0]!), 'utf8')).toContain('Subject: Report ready: Monthly cost');

    const { port } = first;
    await first.close();
    outboxes = [];
    const again = await start({ port });
    expect(again.port).toBe(port);

    const [message, ...more] = await again.messages();
    expect(more).toEqual([]);
    expect(message).toMatchObject({
      from: '"Reports" <reports@localhost>',
      to: ['ops@example.com', 'cfo@example.com'],
      envelopeTo: ['ops@example.com', 'cfo@example.com'],
      subject: 'Report ready: Monthly cost',
      text: expect.stringContaining(evil),
    });
    expect(message!.attachments).toHaveLength(1);
    expect(message!.attachments[0]).toMatchObject({ filename: 'report <1>.pdf', contentType: 'application/pdf' });
    expect(Buffer.from(message!.attachments[0]!.content).toString()).toBe('%PDF-1.7 x');
  });

  it('records whom each copy was sent to, apart from its To header', async () => {
    const outbox = await start();
    await mailerTo(outbox).send({
      to: ['ops@example.com', 'cfo@example.com'],
      envelopeTo: ['cfo@example.com'],
      subject: 's',
      text: 't',
      html: '<p>t</p>',
      attachments: [],
    });

    const [message] = await outbox.messages();
    expect(message).toMatchObject({ to: ['ops@example.com', 'cfo@example.com'], envelopeTo: ['cfo@example.com'] });
  });

  it('lists the messages on a web page, escaping what they say', async () => {
    const outbox = await start();
    await sendOne(outbox, `Report ready: ${evil}`);

    const res = await fetch(outbox.url);
    const page = await res.text();

    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page).toContain(escapeHtml(`Report ready: ${evil}`));
    expect(page).not.toContain('<script>');
    expect(page).not.toContain('<img');
    expect(page).toContain('ops@example.com, cfo@example.com');
    expect(page).toContain('report &lt;1&gt;.pdf');
  });

  it('shows one message with its HTML body in a sandboxed frame and its text escaped, and serves attachments as downloads', async () => {
    const outbox = await start();
    await sendOne(outbox);
    const [message] = await outbox.messages();

    const res = await fetch(new URL(`messages/${message!.id}`, outbox.url));
    const page = await res.text();
    expect(res.status).toBe(200);
    expect(page).toContain('<iframe sandbox ');
    expect(page).toContain(`srcdoc="${escapeHtml(message!.html!)}"`);
    expect(page).toContain(`<pre>${escapeHtml(message!.text!)}</pre>`);
    expect(page).not.toContain('<script>');

    const pdf = await fetch(new URL(`messages/${message!.id}/attachments/0`, outbox.url));
    expect(pdf.headers.get('content-type')).toBe('application/octet-stream');
    expect(pdf.headers.get('content-disposition')).toBe(`attachment; filename*=UTF-8''${encodeURIComponent('report <1>.pdf')}`);
    expect(Buffer.from(await pdf.arrayBuffer()).toString()).toBe('%PDF-1.7 x');

    const eml = await fetch(new URL(`messages/${message!.id}.eml`, outbox.url));
    expect(eml.headers.get('content-type')).toBe('message/rfc822');
    expect(await eml.text()).toContain('Subject: Report ready: Monthly cost');
  });

  it('answers 404 for anything but a message it holds, paths outside the folder included', async () => {
    const outbox = await start();
    await sendOne(outbox);
    const [message] = await outbox.messages();

    for (const path of [
      'messages/nope',
      `messages/${message!.id}/attachments/7`,
      'messages/..%2F..%2Fetc%2Fpasswd',
      'messages/%2e%2e%2f%2e%2e%2fdev-jwt-secret',
      'favicon.ico',
    ]) {
      const res = await fetch(new URL(path, outbox.url));
      expect(res.status, path).toBe(404);
      await res.arrayBuffer();
    }
    expect((await fetch(outbox.url, { method: 'POST' })).status).toBe(405);
  });

  it('names the variable to change when its port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve()));
    const { port } = blocker.address() as { port: number };
    try {
      await expect(start({ port })).rejects.toThrow(`The outbox cannot listen on 127.0.0.1:${port}: the port is in use. Set OUTBOX_PORT`);
      await expect(start({ webPort: port })).rejects.toThrow('Set OUTBOX_WEB_PORT');
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });
});
