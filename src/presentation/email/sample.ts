import type { ReportEmailData } from '../../domain/delivery/ports';

/** Sample e-mail data for previews and tests, including text that must be escaped. */
export const sampleReportEmail: ReportEmailData = {
  locale: 'en',
  status: 'succeeded',
  title: 'Monthly cost <ACME & Co>',
  runId: 'run_01HZX3S8Q4',
  finishedAt: '2025-11-01T06:02:13Z',
  summary: { servers: 42, vcpus: 168, totalCost: 12345.678, currency: 'EUR', topProject: '<script>alert(1)</script>' },
  links: [
    { label: 'CSV', url: 'https://example.com/reports/run_01HZX3S8Q4.csv?X-Amz-Signature=abc&x=1' },
    { label: 'Report', url: 'https://reports.example.com/v1/reports/run_01HZX3S8Q4' },
  ],
  attachment: 'monthly-cost-2025-11-01.pdf',
};
