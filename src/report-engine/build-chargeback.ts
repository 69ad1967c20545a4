import type { FloatingIp, Project, ProjectScope, Server, ServerUsage, Volume } from '../domain/cloud';
import type { InventorySource } from '../domain/ports';
import type { PriceList } from '../domain/price-list';
import type { ReportSpec } from '../domain/report-spec';
import { roundingSentence } from './allocate';
import { buildCost, existedInterval } from './build-cost';
import { buildGrouping, buildSeries, splitGroups, type GroupedItem, type Measure, type StepSplits } from './build-grouping';
import { buildBudgets, buildComparison, buildForecast, previousPeriod } from './build-trends';
import { keptUsageLines, serverUsageRow } from './build-usage';
import type { FilterableServer } from './filter-servers';
import { GroupKeys } from './group-keys';
import { Dec } from './money';
import type { ProjectNames } from './project-names';
import type { CostSection, ReportData } from './report-data';
import { timeSteps, type StepKind } from './time-steps';

/** What the chargeback sections need from the report being built. */
export interface ChargebackInputs {
  source: InventorySource;
  fetchScope: ProjectScope;
  period: { start: Date; end: Date; preset?: string };
  timezone: string;
  visibleProjects: Project[];
  names: ProjectNames;
  projectIds: string[];
  servers: Server[];
  volumes: Volume[];
  floatingIps: FloatingIp[];
  /** The period's usage lines the filters keep. */
  lines: ServerUsage[];
  keep: (s: FilterableServer) => boolean;
  priceList?: PriceList;
}

/** True when the spec asks for a chargeback section, or a month-to-date period gets its forecast. */
export function wantsChargeback(spec: ReportSpec, priceList: PriceList | undefined, preset: string | undefined): boolean {
  if (spec.type === 'inventory') return false;
  return (
    spec.groupBy !== undefined ||
    spec.step !== undefined ||
    spec.compare === true ||
    spec.topGroups !== undefined ||
    spec.budgets !== undefined ||
    (spec.type === 'cost' && (priceList?.budgets?.length ?? 0) > 0) ||
    preset === 'month-to-date'
  );
}

/** [from, to) of a usage line inside the period; the whole period when Nova's times are missing. */
function serverInterval(line: ServerUsage, period: { start: Date; end: Date }): [number, number] {
  const started = Date.parse(line.startedAt);
  const ended = line.endedAt ? Date.parse(line.endedAt) : Number.NaN;
  const from = Math.max(period.start.getTime(), Number.isNaN(started) ? period.start.getTime() : started);
  const to = Math.min(period.end.getTime(), Number.isNaN(ended) ? period.end.getTime() : ended);
  return to > from ? [from, to] : [period.start.getTime(), period.end.getTime()];
}

type Item = GroupedItem & { kind: 'server' | 'volume' | 'floatingIp' };

/** The usage (and cost) items of one period, with their group keys. */
function itemsOf(
  type: 'usage' | 'cost',
  period: { start: Date; end: Date },
  lines: ServerUsage[],
  input: ChargebackInputs,
  keyer: GroupKeys,
  /** The report's own cost section, when this is its period. */
  known?: CostSection,
): { items: Item[]; cost?: CostSection; lineKeys: Map<string, string[]> } {
  const lineKeys = new Map<string, string[]>();
  const serverItem = (u: ServerUsage): Item => {
    const projectId = input.names.ref(u.projectId).projectId;
    const keys = keyer.forUsage(u, projectId);
    lineKeys.set(`server:${u.instanceId}`, keys);
    const row = serverUsageRow(u, input.names.ref(projectId));
    const [from, to] = serverInterval(u, period);
    return {
      kind: 'server',
      keys,
      projectId,
      usage: { vcpuHours: row.vcpuHours, ramGbHours: row.ramGbHours, diskGbHours: row.diskGbHours },
      from,
      to,
      vcpus: u.vcpus,
      ramMb: u.memoryMb,
      diskGb: u.localGb,
    };
  };
  if (type === 'usage') return { items: lines.map(serverItem), lineKeys };
  const priceList = input.priceList!;
  const extra = [...new Set(lines.map((l) => input.names.ref(l.projectId).projectId))].filter((id) => !input.projectIds.includes(id));
  const cost =
    known ??
    buildCost({
      usage: lines,
      volumes: input.volumes,
      floatingIps: input.floatingIps,
      period,
      priceList,
      projectIds: [...input.projectIds, ...extra],
      names: input.names,
    });
  const byLine = new Map(lines.map((l) => [l.instanceId, l]));
  const volumes = new Map(input.volumes.map((v) => [v.id, v]));
  const ips = new Map(input.floatingIps.map((f) => [f.id, f]));
  const items: Item[] = cost.lines.map((l) => {
    let item: Item;
    if (l.kind === 'server') {
      item = { ...serverItem(byLine.get(l.resourceId)!), amount: l.amount, rate: new Dec(l.hourlyRate) };
    } else if (l.kind === 'volume') {
      const v = volumes.get(l.resourceId)!;
      const [from, to] = existedInterval(period, v.createdAt);
      const keys = keyer.forVolume(v);
      lineKeys.set(`volume:${v.id}`, keys);
      item = { kind: 'volume', keys, projectId: l.projectId, amount: l.amount, rate: new Dec(l.hourlyRate), from, to, vcpus: 0, ramMb: 0, diskGb: 0 };
    } else {
      const f = ips.get(l.resourceId)!;
      const [from, to] = existedInterval(period, f.createdAt);
      const keys = keyer.forFloatingIp(f);
      lineKeys.set(`floatingIp:${f.id}`, keys);
      item = { kind: 'floatingIp', keys, projectId: l.projectId, amount: l.amount, rate: new Dec(l.hourlyRate), from, to, vcpus: 0, ramMb: 0, diskGb: 0 };
    }
    return item;
  });
  return { items, cost, lineKeys };
}

/**
 * Adds grouping, series, comparison, forecast and budgets to a usage or cost report's data, and the
 * group keys to its usage rows and cost lines. The comparison is the only part that asks the cloud
 * again (the previous period's usage); series come from Nova's per-server start and end times.
 */
export async function addChargeback(data: ReportData, spec: ReportSpec, input: ChargebackInputs): Promise<void> {
  if (spec.type === 'inventory') return;
  const type = spec.type;
  const dimensions = spec.groupBy ?? ['project'];
  const keyer = new GroupKeys(dimensions, input.visibleProjects, input.names, input.servers);
  const priced = type === 'cost';
  const measure: Measure = priced ? 'cost' : 'vcpuHours';
  const unit = priced ? (input.priceList?.currency ?? '') : 'vCPU-hours';

  const now = itemsOf(type, input.period, input.lines, input, keyer, data.cost);
  // The groups sum the report's own lines: take discount and tax per project from its cost section.
  const grouping = buildGrouping(now.items, keyer, measure, priced ? data.cost?.byProject : undefined);
  data.grouping = grouping;
  for (const row of data.usage?.servers ?? []) row.groupKeys = now.lineKeys.get(`server:${row.id}`) ?? dimensions.map(() => '(none)');
  for (const l of data.cost?.lines ?? []) l.groupKeys = now.lineKeys.get(`${l.kind}:${l.resourceId}`) ?? dimensions.map(() => '(none)');

  // The groups split by step, once per kind of step: a daily series and the forecast share theirs.
  const splitsBy = new Map<StepKind, StepSplits>();
  const splitInto = (kind: StepKind): StepSplits => {
    let split = splitsBy.get(kind);
    if (!split) {
      split = splitGroups(now.items, grouping.groups, timeSteps(kind, input.period, input.timezone), priced);
      splitsBy.set(kind, split);
    }
    return split;
  };
  if (spec.step) {
    data.series = buildSeries(spec.step, splitInto(spec.step), grouping, priced, spec.topGroups, roundingSentence);
  }
  if (spec.compare) {
    const previous = previousPeriod(input.period, input.timezone);
    const usage = await input.source.getUsage(input.fetchScope, { start: previous.start, end: previous.end });
    const servers = new Map(input.servers.map((s) => [s.id, s]));
    const before = itemsOf(type, previous, keptUsageLines(usage, servers, input.keep), input, keyer);
    const previousGrouping = buildGrouping(before.items, keyer, measure, before.cost?.byProject);
    data.comparison = buildComparison(grouping, previousGrouping, previous, measure, unit);
  }
  const forecast = input.period.preset === 'month-to-date' ? buildForecast(input.period, input.timezone, splitInto('day'), grouping, measure, unit) : undefined;
  if (forecast) data.forecast = forecast.section;
  if (priced && input.priceList && (spec.budgets || input.priceList.budgets)) {
    data.budgets = buildBudgets(spec.budgets ?? [], input.priceList.budgets ?? [], grouping, input.priceList.currency, forecast);
  }
}
