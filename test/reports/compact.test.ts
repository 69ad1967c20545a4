import { describe, expect, it } from 'vitest';
import type { PdfRenderer } from '../../src/domain/ports';
import { buildReportData, renderReport } from './helpers';
import { compactAbove } from '../../src/report-engine/build-report-data';
import { createSampleCloud } from '../../src/presentation/sample-cloud';
import { csvRecords, silentLogger, spec } from './helpers';

const noPdf: PdfRenderer = { render: async () => new Uint8Array(), close: async () => undefined };
const now = new Date('2026-03-15T12:00:00Z');

describe('large inventories', () => {
  const cloud = createSampleCloud({ servers: compactAbove + 50, projects: 12, now });

  it('leave secondary details out of the PDF table by default, say so, and keep them in the CSV', async () => {
    const s = spec({ type: 'inventory', formats: ['csv', 'html'] });
    const data = await buildReportData(cloud.source, s, { runId: 'big', now, logger: silentLogger });
    expect(data.presentation.columns).not.toContain('id');
    expect(data.notes).toContainEqual({ code: 'compactColumns', servers: compactAbove + 50 });
    const [csv, html] = await renderReport(data, s, { pdf: noPdf });
    const first = csvRecords(csv.body)[0];
    expect(Object.keys(first)).toEqual(expect.arrayContaining(['server_id', 'power_state', 'image_name', 'volume_gb', 'host']));
    expect(new TextDecoder().decode(html.body)).toContain('the CSV and JSON exports have them');
  });

  it('show every column the spec asks for, whatever the size', async () => {
    const data = await buildReportData(cloud.source, spec({ type: 'inventory', columns: ['name', 'id', 'host'] }), { runId: 'big', now, logger: silentLogger });
    expect(data.presentation.columns).toEqual(['name', 'id', 'host']);
    expect(data.notes.map((n) => n.code)).not.toContain('compactColumns');
  });
});
