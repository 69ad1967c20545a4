/**
 * A sample cost view model, read from the sample cloud: last month's usage priced with the sample
 * price list (servers by flavor or unit prices, volumes by GB-month, floating IPs by the hour), with
 * discount and tax per project, and the period cost of idle resources. For previews and template tests.
 */
import { addSampleChargeback, monthToDate } from '../chargeback/sample';
import type { CostLine, ProjectCost, ReportData } from '../../report-engine/report-data';
import { samplePriceList } from '../sample-cloud';
import {
  computeRate,
  floatingIpRate,
  lastMonth,
  money,
  sampleContext,
  sampleFrame,
  sampleWaste,
  sumMoney,
  volumeRate,
  type SampleOptions,
} from '../sample-report';
import { sampleUsageLines } from '../usage/sample';

/** A decimal string in plain notation (no exponent), as the view model writes exact figures. */
const plain = (n: number) => n.toFixed(10).replace(/\.?0+$/, '');

/** A typed cost `ReportData` of the sample cloud over the previous month (UTC). */
export function sampleCostData(options: SampleOptions = {}): ReportData {
  const c = sampleContext(options);
  const data = sampleFrame('cost', c);
  const period = options.monthToDate ? monthToDate(c.now) : lastMonth(c.now);
  data.period = {
    start: period.start.toISOString(),
    end: period.end.toISOString(),
    preset: options.monthToDate ? 'month-to-date' : 'last-month',
    hours: String((period.end.getTime() - period.start.getTime()) / 3_600_000),
  };
  const ref = (projectId: string | undefined) => ({ projectId: projectId ?? '', projectName: c.names.get(projectId ?? '') ?? projectId ?? '' });
  const existed = (createdAt: string | undefined) =>
    Math.max(0, period.end.getTime() - Math.max(period.start.getTime(), createdAt ? Date.parse(createdAt) : 0)) / 3_600_000;
  const line = (base: Omit<CostLine, 'hours' | 'hourlyRate' | 'exactAmount' | 'amount'>, hours: number, rate: number): CostLine => ({
    ...base,
    hours: plain(hours),
    hourlyRate: plain(rate),
    exactAmount: plain(hours * rate),
    amount: money(hours * rate),
  });
  const byName = (a: CostLine, b: CostLine) => a.resourceName.localeCompare(b.resourceName, c.locale) || a.resourceId.localeCompare(b.resourceId);

  const servers = sampleUsageLines(c, period).map((u) => {
    const rate = computeRate({ name: u.flavor, vcpus: u.vcpus, ramMb: u.memoryMb, diskGb: u.localGb });
    return line(
      {
        ...ref(u.projectId),
        kind: 'server',
        resourceId: u.instanceId,
        resourceName: u.name,
        basis: rate.basis,
        detail: u.flavor,
        vcpus: u.vcpus,
        ramMb: u.memoryMb,
        diskGb: u.localGb,
      },
      u.hours,
      rate.perHour,
    );
  });
  const volumes = c.cloud.volumes
    .filter((v) => existed(v.createdAt) > 0)
    .map((v) =>
      line(
        { ...ref(v.projectId), kind: 'volume', resourceId: v.id, resourceName: v.name || v.id, basis: 'units', detail: v.volumeType ?? null, sizeGb: v.sizeGb },
        existed(v.createdAt),
        volumeRate(v.sizeGb),
      ),
    );
  const ips = c.cloud.floatingIps
    .filter((f) => existed(f.createdAt) > 0)
    .map((f) =>
      line(
        { ...ref(f.projectId), kind: 'floatingIp', resourceId: f.id, resourceName: f.address, basis: 'units', detail: f.address },
        existed(f.createdAt),
        floatingIpRate,
      ),
    );
  const lines = [...servers.sort(byName), ...volumes.sort(byName), ...ips.sort(byName)];

  const byProject: ProjectCost[] = c.projectIds.map((projectId) => {
    const mine = lines.filter((l) => l.projectId === projectId);
    const kind = (k: CostLine['kind']) => sumMoney(mine.filter((l) => l.kind === k).map((l) => l.amount));
    const subtotal = sumMoney([kind('server'), kind('volume'), kind('floatingIp')]);
    const discount = money((Number(subtotal) * samplePriceList.discountPercent) / 100);
    const tax = money(((Number(subtotal) - Number(discount)) * samplePriceList.taxPercent) / 100);
    return {
      ...ref(projectId),
      compute: kind('server'),
      volumes: kind('volume'),
      floatingIps: kind('floatingIp'),
      subtotal,
      discount,
      tax,
      total: money(Number(subtotal) - Number(discount) + Number(tax)),
    };
  });
  const total = (key: Exclude<keyof ProjectCost, 'projectId' | 'projectName'>) => sumMoney(byProject.map((p) => p[key]));
  data.cost = {
    currency: samplePriceList.currency,
    lines,
    byProject,
    totals: {
      compute: total('compute'),
      volumes: total('volumes'),
      floatingIps: total('floatingIps'),
      subtotal: total('subtotal'),
      discount: total('discount'),
      tax: total('tax'),
      total: total('total'),
    },
    unpricedFlavors: [],
  };
  const amounts = new Map(lines.map((l) => [`${l.kind}:${l.resourceId}`, l.amount]));
  data.waste = sampleWaste(c, c.cloud.servers, 'period', (kind, id) => amounts.get(`${kind}:${id}`));
  const current = new Set(c.cloud.servers.map((s) => s.id));
  const deleted = servers.filter((l) => !current.has(l.resourceId)).length;
  if (deleted > 0) data.notes.push({ code: 'usageWithoutInventory', count: deleted });
  if (options.chargeback) addSampleChargeback(data, c, period, options.monthToDate === true);
  return data;
}
