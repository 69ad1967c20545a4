import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { reportSpecSchema } from '../../src/domain/report-spec';
import { renderReport } from '../../src/presentation';
import { sampleCostData } from '../../src/presentation/cost/sample';
import { csvField } from '../../src/presentation/csv/csv';
import { sampleUsageData } from '../../src/presentation/usage/sample';
import { parseCsvText } from '../helpers/csv-text';

const noPdf = { render: () => Promise.reject(new Error('no PDF in this test')), close: () => Promise.resolve() };

async function csvOf(data: ReturnType<typeof sampleCostData>, csvDialect?: 'standard' | 'pt-BR'): Promise<string> {
  const spec = reportSpecSchema.parse({ type: data.type, formats: ['csv'], ...(csvDialect ? { csvDialect } : {}), locale: data.locale });
  const [csv] = await renderReport(data, spec, { pdf: noPdf });
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(csv.body);
}

function records(text: string, separator: string): Record<string, string>[] {
  const [header, ...rows] = parseCsvText(text, separator);
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

describe('cost CSV totals', () => {
  it('ends with a discount and a tax line per project, so the amounts sum to the total, per project too', async () => {
    const data = sampleCostData({ servers: 30, projects: 4 });
    const rows = records(await csvOf(data), ',');
    const sum = (rs: Record<string, string>[]) => rs.reduce((d, r) => d.plus(r.amount), new Decimal(0)).toFixed(2);
    expect(sum(rows)).toBe(data.cost!.totals.total);
    for (const p of data.cost!.byProject) {
      const mine = rows.filter((r) => r.project_id === p.projectId);
      expect(sum(mine)).toBe(p.total);
      expect(mine.find((r) => r.kind === 'discount')).toMatchObject({ amount: `-${p.discount}`, detail: '10%', currency: 'USD', resource_id: '' });
      expect(mine.find((r) => r.kind === 'tax')).toMatchObject({ amount: p.tax, detail: '8.5%' });
    }
    expect(rows.filter((r) => r.kind !== 'discount' && r.kind !== 'tax')).toHaveLength(data.cost!.lines.length);
  });

  it('has no discount or tax line where the price list has none', async () => {
    const data = sampleCostData({ servers: 10, projects: 2 });
    data.cost!.byProject = data.cost!.byProject.map((p) => ({ ...p, discount: '0.00', tax: '0.00', total: p.subtotal }));
    const rows = records(await csvOf(data), ',');
    expect(rows.map((r) => r.kind).filter((k) => k === 'discount' || k === 'tax')).toEqual([]);
  });
});

describe('csvDialect', () => {
  it('pt-BR: semicolons and decimal commas, and the amounts still sum to the total', async () => {
    const data = sampleCostData({ servers: 30, projects: 4, locale: 'pt-BR' });
    const text = await csvOf(data, 'pt-BR');
    expect(text.split('\r\n')[0]).toMatch(
      /^\ufeffproject_id;project_name;kind;resource_id;resource_name;detail;basis;vcpus;ram_mb;disk_gb;size_gb;hours;hourly_rate;amount;currency;tags/,
    );
    const rows = records(text, ';');
    for (const r of rows) {
      expect(r.amount).toMatch(/^-?\d+,\d\d$/);
      expect(r.amount).not.toContain('.');
    }
    const total = rows.reduce((d, r) => d.plus(r.amount.replace(',', '.')), new Decimal(0));
    expect(total.toFixed(2)).toBe(data.cost!.totals.total);
    expect(rows.find((r) => r.kind === 'server' && r.hours.includes(','))).toBeDefined();
  });

  it('pt-BR: usage hours with decimal commas; standard keeps commas and dots', async () => {
    const data = sampleUsageData({ servers: 20, projects: 2 });
    const br = records(await csvOf(data, 'pt-BR'), ';');
    const std = records(await csvOf(data, 'standard'), ',');
    expect(br.map((r) => Number(r.vcpu_hours.replace(',', '.')))).toEqual(std.map((r) => Number(r.vcpu_hours)));
    expect(br.some((r) => r.vcpu_hours.includes(','))).toBe(true);
  });

  it('a pt-BR report without csvDialect writes the standard dialect', async () => {
    const data = sampleCostData({ servers: 5, projects: 1, locale: 'pt-BR' });
    expect((await csvOf(data)).split('\r\n')[0]).toContain('project_id,project_name');
  });

  it.each([
    ['a;b', '"a;b"'],
    ['a,b', 'a,b'],
    ['=1;2', `"'=1;2"`],
  ])('pt-BR quotes text holding the separator: %j as %j', (value, written) => {
    expect(csvField(value, { separator: ';', decimal: ',' })).toBe(written);
  });

  it('is checked at the door', () => {
    const parsed = reportSpecSchema.safeParse({ type: 'cost', csvDialect: 'excel' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toEqual(['csvDialect']);
  });
});
