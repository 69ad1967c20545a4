import { describe, expect, it } from 'vitest';
import { renderReportEmail } from '../../src/presentation/email/report-email';
import { sampleReportEmail } from '../../src/presentation/email/sample';

describe('renderReportEmail', () => {
  it('says the report is ready in the subject and escapes tenant text in the HTML', () => {
    const email = renderReportEmail(sampleReportEmail);
    expect(email.subject).toBe('Report ready: Monthly cost <ACME & Co>');
    expect(email.html).toContain('Monthly cost &lt;ACME &amp; Co&gt;');
    expect(email.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain('href="https://example.com/reports/run_01HZX3S8Q4.csv?X-Amz-Signature=abc&amp;x=1"');
  });

  it('renders Portuguese e-mails', () => {
    const email = renderReportEmail({ ...sampleReportEmail, locale: 'pt-BR', status: 'failed', error: 'Sem acesso', attachment: undefined, links: [] });
    expect(email.subject).toBe('Falha no relatório: Monthly cost <ACME & Co>');
    expect(email.text).toContain('Motivo: Sem acesso');
    expect(email.text).toContain('Total cost: 12.345,68');
  });
});
