/**
 * Sample chargeback sections (grouping, daily series, comparison, forecast, budgets) for the usage
 * and cost samples, read from the same sample cloud: servers grouped by their `team` property (and,
 * in the cost sample, by project first), deleted servers in "(none)". The previous period is made up
 * (each group's figure scaled by a fixed factor, one group gone, the smallest new), and the budgets
 * are set so one group is over, one near and the rest within. For previews and template tests; the
 * engine's own output is checked against the same views in the tests.
 */
import type { GroupRow, ReportData, SeriesPoint } from '../../report-engine/report-data';
import { money, round2, type SampleContext } from '../sample-report';

const noneKey = '(none)' as const;
const day = 86_400_000;
const keyOf = (keys: readonly string[]) => JSON.stringify(keys);

/** Splits `total` hundredths among `weights` by the largest-remainder method (earlier first on ties). */
function split(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const w = sum > 0 ? weights : weights.map(() => 1);
  const all = sum > 0 ? sum : weights.length;
  const exact = w.map((x) => (total * x) / all);
  const parts = exact.map((x) => Math.floor(x));
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    parts[i]++;
    left--;
  }
  return parts;
}

const cents = (n: number | string) => Math.round(Number(n) * 100);

/** Adds the chargeback sections to a usage or cost sample over `period`; `monthToDate` adds the forecast. */
export function addSampleChargeback(data: ReportData, c: SampleContext, period: { start: Date; end: Date }, toDate: boolean): void {
  const usage = data.usage;
  const cost = data.cost;
  const dimensions = cost ? ['project', 'metadata:team'] : ['metadata:team'];
  const team = new Map(c.cloud.servers.map((s) => [s.id, s.metadata.team]));
  const projectName = (id: string) => c.names.get(id) ?? id;
  const keysOf = (serverId: string | undefined, projectId: string): { keys: string[]; labels: string[] } => {
    const t = (serverId && team.get(serverId)) || noneKey;
    return cost ? { keys: [projectId, t], labels: [projectName(projectId), t] } : { keys: [t], labels: [t] };
  };

  // Each group's figures: its servers' usage lines (and, in cost reports, its cost lines).
  const groups = new Map<string, GroupRow>();
  const groupOf = (k: { keys: string[]; labels: string[] }) => {
    const id = keyOf(k.keys);
    let g = groups.get(id);
    if (!g) {
      g = { ...k, label: k.labels.join(' / '), servers: 0, vcpuHours: 0, ramGbHours: 0, diskGbHours: 0 };
      if (cost) g.cost = { compute: '0.00', volumes: '0.00', floatingIps: '0.00', subtotal: '0.00', discount: '0.00', tax: '0.00', total: '0.00' };
      groups.set(id, g);
    }
    return g;
  };
  const usageRows: { id: string; projectId: string; vcpus: number; hours: number; start: number; end: number }[] =
    usage?.servers.map((s) => ({
      id: s.id,
      projectId: s.projectId,
      vcpus: s.vcpus,
      hours: s.hours,
      start: Date.parse(s.startedAt),
      end: s.endedAt ? Date.parse(s.endedAt) : Number.POSITIVE_INFINITY,
    })) ??
    cost!.lines
      .filter((l) => l.kind === 'server')
      .map((l) => ({
        id: l.resourceId,
        projectId: l.projectId,
        vcpus: l.vcpus ?? 0,
        hours: Number(l.hours),
        start: period.end.getTime() - Number(l.hours) * 3_600_000,
        end: period.end.getTime(),
      }));
  for (const s of usage?.servers ?? []) {
    const g = groupOf(keysOf(s.id, s.projectId));
    g.servers++;
    g.vcpuHours = round2(g.vcpuHours + s.vcpuHours);
    g.ramGbHours = round2(g.ramGbHours + s.ramGbHours);
    g.diskGbHours = round2(g.diskGbHours + s.diskGbHours);
  }
  if (cost) {
    const volumeServer = new Map(c.cloud.volumes.map((v) => [v.id, v.attachments[0]?.serverId]));
    const portDevice = new Map(c.cloud.ports.map((p) => [p.id, p.deviceId]));
    const ipServer = new Map(c.cloud.floatingIps.map((f) => [f.id, f.portId ? portDevice.get(f.portId) : undefined]));
    const rate = (l: (typeof cost.lines)[number]) => Number(l.hours) * (l.vcpus ?? 0);
    for (const l of cost.lines) {
      const serverId = l.kind === 'server' ? l.resourceId : l.kind === 'volume' ? volumeServer.get(l.resourceId) : ipServer.get(l.resourceId);
      const g = groupOf(keysOf(serverId, l.projectId));
      const kind = l.kind === 'server' ? 'compute' : l.kind === 'volume' ? 'volumes' : 'floatingIps';
      g.cost![kind] = money((cents(g.cost![kind]) + cents(l.amount)) / 100);
      if (l.kind === 'server') {
        g.servers++;
        g.vcpuHours = round2(g.vcpuHours + round2(rate(l)));
        g.ramGbHours = round2(g.ramGbHours + round2((Number(l.hours) * (l.ramMb ?? 0)) / 1024));
        g.diskGbHours = round2(g.diskGbHours + round2(Number(l.hours) * (l.diskGb ?? 0)));
      }
    }
    // Discount and tax: each project's shared among its groups by subtotal.
    for (const p of cost.byProject) {
      const mine = [...groups.values()].filter((g) => g.keys[0] === p.projectId);
      for (const g of mine) g.cost!.subtotal = money((cents(g.cost!.compute) + cents(g.cost!.volumes) + cents(g.cost!.floatingIps)) / 100);
      const weights = mine.map((g) => cents(g.cost!.subtotal));
      const discounts = split(cents(p.discount), weights);
      const taxes = split(cents(p.tax), weights);
      mine.forEach((g, i) => {
        g.cost!.discount = money(discounts[i] / 100);
        g.cost!.tax = money(taxes[i] / 100);
        g.cost!.total = money((cents(g.cost!.subtotal) - discounts[i] + taxes[i]) / 100);
      });
    }
  }
  const measure = (g: GroupRow) => (cost ? Number(g.cost!.total) : g.vcpuHours);
  const ordered = [...groups.values()].sort((a, b) => measure(b) - measure(a) || a.label.localeCompare(b.label));
  const sumRows = (rows: GroupRow[]): Omit<GroupRow, 'keys' | 'labels' | 'label'> => {
    const total = (k: 'vcpuHours' | 'ramGbHours' | 'diskGbHours') => rows.reduce((n, r) => n + cents(r[k]), 0) / 100;
    const money2 = (k: keyof NonNullable<GroupRow['cost']>) => money(rows.reduce((n, r) => n + cents(r.cost![k]), 0) / 100);
    return {
      servers: rows.reduce((n, r) => n + r.servers, 0),
      vcpuHours: total('vcpuHours'),
      ramGbHours: total('ramGbHours'),
      diskGbHours: total('diskGbHours'),
      ...(cost
        ? {
            cost: {
              compute: money2('compute'),
              volumes: money2('volumes'),
              floatingIps: money2('floatingIps'),
              subtotal: money2('subtotal'),
              discount: money2('discount'),
              tax: money2('tax'),
              total: money2('total'),
            },
          }
        : {}),
    };
  };
  let parents: GroupRow[] | undefined;
  if (dimensions.length === 2) {
    const firsts = [...new Set(ordered.map((g) => g.keys[0]))];
    parents = firsts
      .map((k) => {
        const mine = ordered.filter((g) => g.keys[0] === k);
        return { keys: [k], labels: [mine[0].labels[0]], label: mine[0].labels[0], ...sumRows(mine) };
      })
      .sort((a, b) => measure(b) - measure(a) || a.label.localeCompare(b.label));
    const rank = new Map(parents.map((p, i) => [p.keys[0], i]));
    ordered.sort((a, b) => rank.get(a.keys[0])! - rank.get(b.keys[0])! || measure(b) - measure(a) || a.label.localeCompare(b.label));
  }
  data.grouping = {
    dimensions,
    noneKey,
    attribution:
      'Volumes and floating IPs follow the group of the server they are attached to, and their project’s group otherwise ' +
      '(for server-only dimensions such as flavor, metadata and tags, "(none)"; a volume’s own zone for availabilityZone). ' +
      'Servers deleted before the report was made are known only from Nova’s usage (project and flavor): their metadata, tags and zone fall in "(none)".',
    attributionRule: 'attached-server-else-project',
    ...(cost ? { allocation: 'Discount and tax are computed per project and shared among its groups by subtotal.' } : {}),
    groups: ordered,
    ...(parents ? { parents } : {}),
    totals: sumRows(ordered),
  };

  // Daily series: each group's figures split among the days by its servers' vCPU-hours in each.
  const steps: NonNullable<ReportData['series']>['steps'] = [];
  for (let t = period.start.getTime(); t < period.end.getTime(); t += day) {
    const end = Math.min(t + day, period.end.getTime());
    steps.push({
      label: new Date(t).toISOString().slice(0, 10),
      start: new Date(t).toISOString(),
      end: new Date(end).toISOString(),
      hours: String((end - t) / 3_600_000),
      complete: end - t === day,
    });
  }
  const now = c.now.getTime();
  const weightsOf = (g: GroupRow) =>
    steps.map((s) =>
      usageRows
        .filter((r) => keyOf(keysOf(r.id, r.projectId).keys) === keyOf(g.keys))
        .reduce((n, r) => n + r.vcpus * Math.max(0, Math.min(r.end, Date.parse(s.end), now) - Math.max(r.start, Date.parse(s.start))), 0),
    );
  const pointsOf = (g: GroupRow): SeriesPoint[] => {
    const w = weightsOf(g);
    const parts = (x: number | string) => split(cents(x), w);
    const [v, r, d] = [parts(g.vcpuHours), parts(g.ramGbHours), parts(g.diskGbHours)];
    const sub = cost ? parts(g.cost!.subtotal) : [];
    const tot = cost ? parts(g.cost!.total) : [];
    return steps.map((_, i) => ({
      vcpuHours: v[i] / 100,
      ramGbHours: r[i] / 100,
      diskGbHours: d[i] / 100,
      ...(cost ? { subtotal: money(sub[i] / 100), total: money(tot[i] / 100) } : {}),
    }));
  };
  const topGroups = 8;
  const all = ordered.map((g) => ({ keys: g.keys, label: g.label, others: false, points: pointsOf(g) }));
  const sumPoints = (list: SeriesPoint[][]): SeriesPoint[] =>
    steps.map((_, i) => ({
      vcpuHours: list.reduce((n, p) => n + cents(p[i].vcpuHours), 0) / 100,
      ramGbHours: list.reduce((n, p) => n + cents(p[i].ramGbHours), 0) / 100,
      diskGbHours: list.reduce((n, p) => n + cents(p[i].diskGbHours), 0) / 100,
      ...(cost
        ? { subtotal: money(list.reduce((n, p) => n + cents(p[i].subtotal!), 0) / 100), total: money(list.reduce((n, p) => n + cents(p[i].total!), 0) / 100) }
        : {}),
    }));
  const rest = all.slice(topGroups);
  data.series = {
    step: 'day',
    rounding: 'Each group’s printed figure is split among the steps in proportion to its exact amount in each step, by the largest-remainder method.',
    topGroups,
    steps,
    groups: [
      ...all.slice(0, topGroups),
      ...(rest.length > 0 ? [{ keys: [], label: 'others', others: true, points: sumPoints(rest.map((g) => g.points)) }] : []),
    ],
    totals: sumPoints(all.map((g) => g.points)),
  };

  // The previous period: a fixed factor per group, the smallest group new, one group gone.
  const figure = (g: GroupRow) => (cost ? cents(g.cost!.total) : cents(g.vcpuHours));
  const factors = [0.82, 1.12, 0.95, 1.4, 0.7, 1.03, 0.88, 1.21];
  const newGroup = ordered.at(-1);
  const goneKeys = cost ? [ordered[0].keys[0], 'legacy'] : ['legacy'];
  const goneLabel = cost ? `${ordered[0].labels[0]} / legacy` : 'legacy';
  const compared = [
    ...ordered.map((g, i) => {
      const now2 = figure(g);
      const before = g === newGroup ? 0 : Math.round(now2 * factors[i % factors.length]);
      return { keys: g.keys, label: g.label, status: g === newGroup ? ('new' as const) : ('continuing' as const), now: now2, before };
    }),
    { keys: goneKeys, label: goneLabel, status: 'gone' as const, now: 0, before: Math.round(figure(ordered[0]) * 0.15) },
  ];
  const fig = (now2: number, before: number) => ({
    current: money(now2 / 100),
    previous: money(before / 100),
    delta: money((now2 - before) / 100),
    deltaPercent: before === 0 ? null : Math.round(((now2 - before) / before) * 1000) / 10,
  });
  const length = period.end.getTime() - period.start.getTime();
  const totalNow = compared.reduce((n, g) => n + g.now, 0);
  const totalBefore = compared.reduce((n, g) => n + g.before, 0);
  data.comparison = {
    previousPeriod: { start: new Date(period.start.getTime() - length).toISOString(), end: period.start.toISOString() },
    rule: toDate ? `The same length of time (${length / 3_600_000} hours) just before the period.` : 'The calendar month just before the period, in UTC.',
    measure: cost ? 'cost' : 'vcpuHours',
    unit: cost ? cost.currency : 'vCPU-hours',
    totals: fig(totalNow, totalBefore),
    groups: compared.map((g) => ({ keys: g.keys, label: g.label, status: g.status, ...fig(g.now, g.before) })),
    largestMovers: [...compared]
      .sort((a, b) => Math.abs(b.now - b.before) - Math.abs(a.now - a.before))
      .slice(0, 5)
      .map((g) => g.keys),
    newGroups: compared.filter((g) => g.status === 'new').map((g) => g.keys),
    goneGroups: compared.filter((g) => g.status === 'gone').map((g) => g.keys),
  };

  // Month to date: the complete days' average × the days of the month.
  const completeDays = steps.filter((s) => s.complete).length;
  const daysInMonth = new Date(Date.UTC(period.start.getUTCFullYear(), period.start.getUTCMonth() + 1, 0)).getUTCDate();
  const forecastOf = (completeAmount: number) => (completeDays === 0 ? null : money(Math.round((completeAmount * daysInMonth) / completeDays) / 100));
  const value = (p: SeriesPoint) => (cost ? cents(p.total!) : cents(p.vcpuHours));
  const forecasts = all.map((g) => {
    const done = g.points.filter((_, i) => steps[i].complete).reduce((n, p) => n + value(p), 0);
    const source = ordered.find((o) => keyOf(o.keys) === keyOf(g.keys))!;
    return { keys: g.keys, label: g.label, actual: money(figure(source) / 100), completeDaysAmount: money(done / 100), forecast: forecastOf(done) };
  });
  if (toDate) {
    const done = forecasts.reduce((n, g) => n + cents(g.completeDaysAmount), 0);
    data.forecast = {
      method: 'Average of the complete days so far × days in the month.',
      measure: cost ? 'cost' : 'vcpuHours',
      unit: cost ? cost.currency : 'vCPU-hours',
      month: period.start.toISOString().slice(0, 7),
      daysInMonth,
      completeDays,
      totals: { actual: money(totalNow / 100), completeDaysAmount: money(done / 100), forecast: forecastOf(done) },
      groups: forecasts,
    };
  }

  // Budgets per first-level group (cost): one over, one near the limit, the rest within.
  if (cost) {
    const firsts = parents ?? ordered;
    const share = [0.9, 1.15, 1.6, 2.2];
    data.budgets = firsts.slice(0, 6).map((p, i) => {
      const actual = cents(p.cost!.total);
      const done = forecasts.filter((g) => g.keys[0] === p.keys[0]).reduce((n, g) => n + cents(g.completeDaysAmount), 0);
      const forecast = toDate && completeDays > 0 ? Math.round((done * daysInMonth) / completeDays) : undefined;
      const basis = forecast ?? actual;
      const amount = Math.max(100, Math.round((basis * share[i % share.length]) / 10000) * 10000);
      return {
        keys: p.keys,
        label: p.label,
        amount: money(amount / 100),
        currency: cost.currency,
        actual: money(actual / 100),
        usedPercent: Math.round((actual / amount) * 1000) / 10,
        ...(forecast !== undefined ? { forecast: money(forecast / 100), forecastPercent: Math.round((forecast / amount) * 1000) / 10 } : {}),
      };
    });
  }
}

/** The period of a month-to-date sample: from the start of the month to `now` (UTC). */
export function monthToDate(now: Date): { start: Date; end: Date } {
  return { start: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)), end: now };
}
