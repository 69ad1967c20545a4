import { describe, expect, it } from 'vitest';
import { buildMimeMessage, encodeHeaderText } from '../../src/adapters/aws/mime';
import { renderReportEmail, sampleReportEmail } from '../../src/presentation/email/report-email';

/** A deliberately small MIME reader, written for this test: headers, boundaries, base64 parts. */
function parse(raw: string): { headers: Record<string, string>; parts: { headers: Record<string, string>; body: Buffer }[] } {
  const [head, ...rest] = raw.split('\r\n\r\n');
  const headers = readHeaders(head);
  const parts: { headers: Record<string, string>; body: Buffer }[] = [];
  const walk = (text: string, contentType: string) => {
    const boundary = /boundary="([^"]+)"/.exec(contentType)?.[1];
    if (!boundary) return;
    for (const chunk of text.split(`--${boundary}`).slice(1)) {
      if (chunk.startsWith('--')) break;
      const [partHead, ...partBody] = chunk.replace(/^\r\n/, '').split('\r\n\r\n');
      const h = readHeaders(partHead);
      const bodyText = partBody.join('\r\n\r\n');
      if (h['content-type'].startsWith('multipart/')) walk(bodyText, h['content-type']);
      else parts.push({ headers: h, body: Buffer.from(bodyText.replace(/\r\n/g, ''), 'base64') });
    }
  };
  walk(rest.join('\r\n\r\n'), headers['content-type']);
  return { headers, parts };
}

function readHeaders(block: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of block.replace(/\r\n[ \t]/g, ' ').split('\r\n')) {
    const i = line.indexOf(':');
    if (i > 0) out[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
  }
  return out;
}

describe('buildMimeMessage', () => {
  const pdf = new Uint8Array(Buffer.from('%PDF-1.7 fake', 'latin1'));

  it('writes text and HTML alternatives plus a base64 PDF attachment, CRLF lines of at most 78 characters', () => {
    const email = renderReportEmail(sampleReportEmail);
    const raw = Buffer.from(
      buildMimeMessage({
        from: 'Reports <reports@example.com>',
        to: ['a@example.com', 'b@example.com'],
        replyTo: ['help@example.com'],
        ...email,
        attachments: [{ filename: 'monthly.pdf', contentType: 'application/pdf', content: pdf }],
        date: new Date('2025-11-01T06:03:00Z'),
      }),
    ).toString('utf8');

    const { headers, parts } = parse(raw);

    expect(headers).toMatchObject({
      from: 'Reports <reports@example.com>',
      to: 'a@example.com, b@example.com',
      'reply-to': 'help@example.com',
      subject: 'Report ready: Monthly cost <ACME & Co>',
      date: 'Sat, 01 Nov 2025 06:03:00 GMT',
      'mime-version': '1.0',
    });
    expect(parts.map((p) => p.headers['content-type'])).toEqual([
      'text/plain; charset=UTF-8',
      'text/html; charset=UTF-8',
      'application/pdf; name="monthly.pdf"',
    ]);
    expect(parts[0].body.toString('utf8')).toBe(email.text);
    expect(parts[1].body.toString('utf8')).toBe(email.html);
    expect(parts[2].headers['content-disposition']).toBe('attachment; filename="monthly.pdf"');
    expect(parts[2].body.equals(Buffer.from(pdf))).toBe(true);
    expect(raw.split('\r\n').every((line) => line.length <= 78)).toBe(true);
    expect(raw.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('encodes non-ASCII subjects and keeps line breaks out of headers', () => {
    const encoded = encodeHeaderText('Relatório pronto: Custos de março\r\nBcc: evil@example.com');
    expect(encoded).not.toMatch(/\r\n(?! )/);
    const decoded = encoded
      .split('\r\n ')
      .map((w) => Buffer.from(/^=\?UTF-8\?B\?(.*)\?=$/.exec(w)![1], 'base64').toString('utf8'))
      .join('');
    expect(decoded).toBe('Relatório pronto: Custos de março Bcc: evil@example.com');
    expect(encodeHeaderText('Plain\nBcc: x@example.com')).toBe('Plain Bcc: x@example.com');
  });

  it('renders Portuguese e-mails', () => {
    const email = renderReportEmail({ ...sampleReportEmail, locale: 'pt-BR', status: 'failed', error: 'Sem acesso', attachment: undefined, links: [] });
    expect(email.subject).toBe('Falha no relatório: Monthly cost <ACME & Co>');
    expect(email.text).toContain('Motivo: Sem acesso');
    expect(email.text).toContain('Total cost: 12.345,68');
  });
});
