/**
 * What the sample view models of the three report types share: the sample cloud they are read
 * from, the report's frame (title, scope, locale) and small sums. The samples are written here, not
 * built by the report engine, because the presentation may not import the engine: they let each
 * template be previewed and tested without a cloud, and a test checks they agree with the engine.
 */
import type { FloatingIp, Server, Volume } from '../domain/cloud';
import type { ReportData } from '../report-engine/report-data';
import { messagesFor } from './messages';
import { createSampleCloud, samplePriceList, type SampleCloud } from './sample-cloud';

/** Size, language and clock of a sample report. */
export interface SampleOptions {
  locale?: ReportData['locale'];
  servers?: number;
  projects?: number;
  seed?: number;
  /** When the sample report is generated (default 2026-03-15T12:00:00Z). */
  now?: Date;
  /** With grouping (by `team`; cost: by project, then `team`), a daily series, comparison and (cost) budgets. */
  chargeback?: boolean;
  /** The period runs from the start of the month to `now` (with `chargeback`: and a forecast). */
  monthToDate?: boolean;
}

/** A sample's cloud and its frame, resolved from the options. */
export interface SampleContext {
  cloud: SampleCloud;
  now: Date;
  locale: ReportData['locale'];
  /** Project names by id. */
  names: Map<string, string>;
  /** Project ids sorted by name, as reports list them. */
  projectIds: string[];
}

export const samplePriceListSnapshot: NonNullable<ReportData['priceList']> = samplePriceList;

/** The sample cloud: 240 servers in 9 projects by default, as in the README's pictures. */
export function sampleContext(options: SampleOptions): SampleContext {
  const now = options.now ?? new Date('2026-03-15T12:00:00Z');
  const locale = options.locale ?? 'en';
  const cloud = createSampleCloud({ servers: options.servers ?? 240, projects: options.projects ?? 9, seed: options.seed ?? 2026, now });
  const names = new Map(cloud.projects.map((p) => [p.id, p.name]));
  const projectIds = [...cloud.projects].sort((a, b) => a.name.localeCompare(b.name, locale)).map((p) => p.id);
  return { cloud, now, locale, names, projectIds };
}

/** The fields every report has, for a sample of `type`. */
export function sampleFrame(type: ReportData['type'], c: SampleContext): ReportData {
  return {
    schemaVersion: 2,
    type,
    runId: `sample-${type}`,
    title: messagesFor(c.locale).reportTitle[type],
    generatedAt: c.now.toISOString(),
    locale: c.locale,
    timezone: 'UTC',
    presentation: {
      theme: 'default',
      columns: [
        'name',
        'id',
        'status',
        'powerState',
        'flavor',
        'image',
        'vcpus',
        'ram',
        'disk',
        'volumes',
        'fixedIps',
        'floatingIps',
        'availabilityZone',
        'host',
        'created',
        'cost',
      ],
      columnsFromSpec: false,
      metadataKeys: [],
    },
    scope: { allProjects: true, projects: c.projectIds.map((id) => ({ id, name: c.names.get(id) ?? id })) },
    sort: { by: 'name', direction: 'asc' },
    priceList: samplePriceListSnapshot,
    notes: [],
  };
}

/** The previous calendar month in UTC: [start, end). */
export function lastMonth(now: Date): { start: Date; end: Date } {
  return { start: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)), end: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)) };
}

/** A number rounded half-up to two decimals. */
export function round2(n: number): number {
  return Math.round((n + Number.EPSILON) * 100) / 100;
}

/** An amount as the view model writes money: two decimals. */
export function money(n: number): string {
  return round2(n).toFixed(2);
}

/** The sum of amounts written as money. */
export function sumMoney(amounts: (string | undefined)[]): string {
  return (amounts.reduce((cents, a) => cents + Math.round(Number(a ?? 0) * 100), 0) / 100).toFixed(2);
}

/** Hourly compute price of a flavor: its own price, else unit prices (as the engine prices it). */
export function computeRate(flavor: { name: string; vcpus: number; ramMb: number; diskGb: number }): { basis: 'flavor' | 'units'; perHour: number } {
  const own = (samplePriceList.flavors as Record<string, string>)[flavor.name];
  if (own !== undefined) return { basis: 'flavor', perHour: Number(own) };
  const u = samplePriceList.units;
  return { basis: 'units', perHour: Number(u.vcpuHour) * flavor.vcpus + (Number(u.ramGbHour) * flavor.ramMb) / 1024 + Number(u.diskGbHour) * flavor.diskGb };
}

/** Hourly price of a volume of `sizeGb` (its GB-month price over 730 hours). */
export function volumeRate(sizeGb: number): number {
  return (Number(samplePriceList.units.volumeGbMonth) * sizeGb) / 730;
}

/** Hourly price of a floating IP. */
export const floatingIpRate = Number(samplePriceList.units.floatingIpHour);

/** Idle resources as the waste section lists them, costed by `costOf` (per month or in the period). */
export function sampleWaste(
  c: SampleContext,
  servers: Server[],
  costBasis: 'month' | 'period',
  costOf: (kind: 'server' | 'volume' | 'floatingIp', id: string) => string | undefined,
): NonNullable<ReportData['waste']> {
  const ref = (projectId: string | undefined) => ({ projectId: projectId ?? '', projectName: c.names.get(projectId ?? '') ?? projectId ?? '' });
  const day = 86_400_000;
  const shutoffServers = servers
    .filter((s) => s.status === 'SHUTOFF' && c.now.getTime() - Date.parse(s.updated ?? s.created) > 30 * day)
    .map((s) => {
      const since = s.updated ?? s.created;
      const days = Math.floor((c.now.getTime() - Date.parse(since)) / day);
      return { ...ref(s.projectId), id: s.id, name: s.name, flavor: s.flavor?.name ?? null, since, days, cost: costOf('server', s.id) ?? '0.00' };
    })
    .sort((a, b) => b.days - a.days);
  const unattachedVolumes = c.cloud.volumes
    .filter((v: Volume) => v.attachments.length === 0)
    .map((v) => ({
      ...ref(v.projectId),
      id: v.id,
      name: v.name,
      sizeGb: v.sizeGb,
      volumeType: v.volumeType ?? null,
      createdAt: v.createdAt,
      cost: costOf('volume', v.id) ?? '0.00',
    }))
    .sort((a, b) => b.sizeGb - a.sizeGb);
  const unassociatedFloatingIps = c.cloud.floatingIps
    .filter((f: FloatingIp) => f.portId === null)
    .map((f) => ({ ...ref(f.projectId), id: f.id, address: f.address, createdAt: f.createdAt ?? null, cost: costOf('floatingIp', f.id) ?? '0.00' }));
  return {
    shutoffDays: 30,
    costBasis,
    shutoffServers,
    unattachedVolumes,
    unassociatedFloatingIps,
    totalCost: sumMoney([...shutoffServers, ...unattachedVolumes, ...unassociatedFloatingIps].map((w) => w.cost)),
  };
}
