import { CsvNumber, csvDialects, csvFile, type CsvCell, type CsvDialect } from './csv';
import { ownValue } from '../../domain/free-record';
import { inventoryColumns, type ReportSpec } from '../../domain/report-spec';
import type { ReportData, ServerRow } from '../../report-engine/report-data';

/**
 * The CSV artifact: one row per server (inventory, usage) or per cost line (cost), and for cost the
 * discount and tax of each project, so the `amount` column sums to the report's total. Headers are
 * stable snake_case names, not translated, because scripts read them; numbers are plain (RAM in MB
 * as Nova gives it, money as exact decimals) in the dialect's separator and decimal mark.
 */
export function reportCsv(data: ReportData, dialectName: ReportSpec['csvDialect']): Uint8Array {
  const dialect = csvDialects[dialectName ?? 'standard'];
  switch (data.type) {
    case 'inventory':
      return inventoryCsv(data, dialect);
    case 'usage':
      return usageCsv(data, dialect);
    case 'cost':
      return costCsv(data, dialect);
  }
}

function inventoryCsv(data: ReportData, dialect: CsvDialect): Uint8Array {
  // Without columns in the spec the CSV has every field (the PDF may leave some out for size).
  const chosen = new Set<string>(
    data.presentation.columnsFromSpec
      ? data.presentation.columns
      : [...inventoryColumns.filter((c) => c !== 'project' && (c !== 'cost' || data.inventory?.totals.monthlyCost !== undefined))],
  );
  // Every property of every server, whatever the PDF shows: the spec's keys first, then the rest by name.
  const metaKeys = metadataColumns(data.inventory?.servers ?? [], data.presentation.metadataKeys);
  type Col = [string, (s: ServerRow) => CsvCell];
  const groups: [string, Col[]][] = [
    ['id', [['server_id', (s) => s.id]]],
    ['name', [['name', (s) => s.name]]],
    ['status', [['status', (s) => s.status]]],
    ['powerState', [['power_state', (s) => s.powerState]]],
    ['flavor', [['flavor', (s) => s.flavor]]],
    ['vcpus', [['vcpus', (s) => s.vcpus]]],
    ['ram', [['ram_mb', (s) => s.ramMb]]],
    ['disk', [['disk_gb', (s) => s.diskGb]]],
    ['fixedIps', [['fixed_ips', (s) => s.fixedIps.join(' ')]]],
    ['floatingIps', [['floating_ips', (s) => s.floatingIps.join(' ')]]],
    [
      'image',
      [
        ['image_id', (s) => s.imageId],
        ['image_name', (s) => s.imageName],
      ],
    ],
    [
      'volumes',
      [
        ['volume_count', (s) => s.volumes.length],
        ['volume_gb', (s) => s.volumes.reduce((n, v) => n + v.sizeGb, 0)],
      ],
    ],
    ['availabilityZone', [['availability_zone', (s) => s.availabilityZone]]],
    ['host', [['host', (s) => s.host]]],
    ['created', [['created', (s) => s.created]]],
    ['cost', [['monthly_cost', (s) => (s.monthlyCost === undefined ? null : new CsvNumber(s.monthlyCost))]]],
  ];
  // Project and partial flag always: without them rows cannot be grouped or trusted.
  const cols: Col[] = [
    ['project_id', (s) => s.projectId],
    ['project_name', (s) => s.projectName],
    ...groups.filter(([key]) => chosen.has(key)).flatMap(([, c]) => c),
    ['partial', (s) => s.partial],
    ['tags', (s) => s.tags.join(',')],
    ...metaKeys.map((k): Col => [`metadata.${k}`, (s) => ownValue(s.metadata, k)]),
  ];
  if (!chosen.has('id')) cols.splice(2, 0, ['server_id', (s) => s.id]);
  return csvFile(
    cols.map(([h]) => h),
    (data.inventory?.servers ?? []).map((s) => cols.map(([, get]) => get(s))),
    dialect,
  );
}

/** The metadata keys of `rows`: `first` (the spec's, in order), then the others by name. */
function metadataColumns(rows: readonly { metadata?: Record<string, string> }[], first: readonly string[]): string[] {
  const all = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r.metadata ?? {})) all.add(k);
  const rest = [...all].filter((k) => !first.includes(k)).sort();
  return [...first.filter((k) => all.has(k)), ...rest];
}

type Extra = { metadata?: Record<string, string>; tags?: string[]; groupKeys?: string[] };

/**
 * Columns every usage and cost row ends with: its group keys (`group.<dimension>`, when the report is
 * grouped), its tags (Nova forbids commas in tags) and every metadata property (`metadata.<key>`).
 */
function extraColumns(data: ReportData, rows: readonly Extra[]): { header: string[]; cells: (r: Extra) => CsvCell[] } {
  const dimensions = data.grouping?.dimensions ?? [];
  const keys = metadataColumns(rows, data.presentation.metadataKeys);
  return {
    header: [...dimensions.map((d) => `group.${d}`), 'tags', ...keys.map((k) => `metadata.${k}`)],
    cells: (r) => [...dimensions.map((_, i) => r.groupKeys?.[i] ?? null), (r.tags ?? []).join(','), ...keys.map((k) => ownValue(r.metadata, k) ?? null)],
  };
}

function usageCsv(data: ReportData, dialect: CsvDialect): Uint8Array {
  const header = [
    'project_id',
    'project_name',
    'server_id',
    'name',
    'flavor',
    'vcpus',
    'ram_mb',
    'disk_gb',
    'hours',
    'vcpu_hours',
    'ram_gb_hours',
    'disk_gb_hours',
    'state',
    'started_at',
    'ended_at',
    'period_start',
    'period_end',
  ];
  const rows = data.usage?.servers ?? [];
  const extra = extraColumns(data, rows);
  return csvFile(
    [...header, ...extra.header],
    rows.map((s) => [
      s.projectId,
      s.projectName,
      s.id,
      s.name,
      s.flavor,
      s.vcpus,
      s.ramMb,
      s.diskGb,
      s.hours,
      s.vcpuHours,
      s.ramGbHours,
      s.diskGbHours,
      s.state,
      s.startedAt,
      s.endedAt,
      data.period?.start,
      data.period?.end,
      ...extra.cells(s),
    ]),
    dialect,
  );
}

/**
 * Cost lines, then per project a `discount` line (negative) and a `tax` line where the price list
 * has them: every row's `amount` added up is the report's total, each project's its total, as the
 * PDF prints them. (A `total` row would count the total twice in a column sum, so there is none.)
 */
function costCsv(data: ReportData, dialect: CsvDialect): Uint8Array {
  const header = [
    'project_id',
    'project_name',
    'kind',
    'resource_id',
    'resource_name',
    'detail',
    'basis',
    'vcpus',
    'ram_mb',
    'disk_gb',
    'size_gb',
    'hours',
    'hourly_rate',
    'amount',
    'currency',
  ];
  const cost = data.cost;
  const currency = cost?.currency;
  const resourceLines = cost?.lines ?? [];
  const extra = extraColumns(data, resourceLines);
  const lines: CsvCell[][] = resourceLines.map((l) => [
    l.projectId,
    l.projectName,
    l.kind,
    l.resourceId,
    l.resourceName,
    l.detail,
    l.basis,
    l.vcpus,
    l.ramMb,
    l.diskGb,
    l.sizeGb,
    new CsvNumber(l.hours),
    new CsvNumber(l.hourlyRate),
    new CsvNumber(l.amount),
    currency,
    ...extra.cells(l),
  ]);
  const percent = (p: number | undefined) => (p === undefined ? null : `${p}%`);
  // Discount and tax are per project: they name a group only when the report is grouped by project alone.
  const byProjectOnly = data.grouping?.dimensions.length === 1 && data.grouping.dimensions[0] === 'project';
  const adjustment = (p: { projectId: string; projectName: string }, kind: 'discount' | 'tax', amount: string, detail: string | null): CsvCell[] => [
    p.projectId,
    p.projectName,
    kind,
    null,
    null,
    detail,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    new CsvNumber(amount),
    currency,
    ...extra.cells(byProjectOnly ? { groupKeys: [p.projectId] } : {}),
  ];
  for (const p of cost?.byProject ?? []) {
    if (!isZero(p.discount)) lines.push(adjustment(p, 'discount', negate(p.discount), percent(data.priceList?.discountPercent)));
    if (!isZero(p.tax)) lines.push(adjustment(p, 'tax', p.tax, percent(data.priceList?.taxPercent)));
  }
  return csvFile([...header, ...extra.header], lines, dialect);
}

function isZero(amount: string): boolean {
  return /^-?0+(\.0+)?$/.test(amount);
}

/** `12.30` → `-12.30` and back, exactly (amounts are decimal strings). */
function negate(amount: string): string {
  return amount.startsWith('-') ? amount.slice(1) : `-${amount}`;
}
