/**
 * A small RFC 5322 / MIME writer for what reports send: a text and an HTML alternative plus
 * attachments. SES sends raw messages as given, which is the only way to attach a PDF.
 * Every body part is base64, so no tenant text can end a part or inject a header.
 */
import { randomBytes } from 'node:crypto';
import type { EmailAttachment } from '../../domain/delivery/ports';

export interface MimeMessageInput {
  /** `reports@example.com` or `Reports <reports@example.com>` (ASCII, from configuration). */
  from: string;
  to: string[];
  replyTo?: string[];
  subject: string;
  text: string;
  html: string;
  attachments: EmailAttachment[];
  date: Date;
}

const CRLF = '\r\n';

/** The message as bytes, ready for SES `Content.Raw.Data`. */
export function buildMimeMessage(input: MimeMessageInput): Uint8Array {
  for (const address of [input.from, ...input.to, ...(input.replyTo ?? [])]) {
    if (/[\r\n]/.test(address)) throw new Error('an e-mail address contains a line break');
  }
  const mixed = boundary();
  const alternative = boundary();
  const headers = [
    `From: ${input.from}`,
    foldAddressList('To', input.to),
    ...(input.replyTo?.length ? [foldAddressList('Reply-To', input.replyTo)] : []),
    `Subject: ${encodeHeaderText(input.subject)}`,
    `Date: ${input.date.toUTCString()}`,
    'MIME-Version: 1.0',
  ];
  const alternativePart = [
    `Content-Type: multipart/alternative; boundary="${alternative}"`,
    '',
    `--${alternative}`,
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(Buffer.from(input.text, 'utf8')),
    `--${alternative}`,
    'Content-Type: text/html; charset=UTF-8',
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(Buffer.from(input.html, 'utf8')),
    `--${alternative}--`,
  ];
  const lines =
    input.attachments.length === 0
      ? [...headers, ...alternativePart]
      : [
          ...headers,
          `Content-Type: multipart/mixed; boundary="${mixed}"`,
          '',
          `--${mixed}`,
          ...alternativePart,
          ...input.attachments.flatMap((a) => [
            `--${mixed}`,
            `Content-Type: ${a.contentType}; ${filenameParam('name', a.filename)}`,
            `Content-Disposition: attachment; ${filenameParam('filename', a.filename)}`,
            'Content-Transfer-Encoding: base64',
            '',
            base64Lines(Buffer.from(a.content)),
          ]),
          `--${mixed}--`,
        ];
  return new Uint8Array(Buffer.from(lines.join(CRLF) + CRLF, 'utf8'));
}

function boundary(): string {
  return `=_osr_${randomBytes(12).toString('hex')}`;
}

function base64Lines(bytes: Buffer): string {
  const b64 = bytes.toString('base64');
  const out: string[] = [];
  for (let i = 0; i < b64.length; i += 76) out.push(b64.slice(i, i + 76));
  return out.join(CRLF);
}

function foldAddressList(name: string, addresses: string[]): string {
  return `${name}: ${addresses.join(`,${CRLF} `)}`;
}

/** Header text as is when it is short printable ASCII, else RFC 2047 encoded words. */
export function encodeHeaderText(text: string): string {
  const flat = text.replace(/[\r\n]+/g, ' ');
  if (/^[\x20-\x7e]*$/.test(flat) && flat.length <= 900 && !flat.includes('=?')) return flat;
  // Encoded words are at most 75 characters: 45 bytes of UTF-8 per word, never splitting a character.
  const words: string[] = [];
  let chunk = '';
  for (const ch of flat) {
    if (Buffer.byteLength(chunk + ch, 'utf8') > 45) {
      words.push(chunk);
      chunk = '';
    }
    chunk += ch;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w, 'utf8').toString('base64')}?=`).join(`${CRLF} `);
}

function filenameParam(param: string, filename: string): string {
  if (/^[\x20-\x7e]*$/.test(filename) && !/["\\]/.test(filename)) return `${param}="${filename}"`;
  // RFC 2231 for anything else.
  return `${param}*=UTF-8''${encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}
