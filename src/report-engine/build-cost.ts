import type { FloatingIp, ServerUsage, Volume } from '../domain/cloud';
import type { PriceList } from '../domain/price-list';
import { Dec, moneyString, sumMoney, toCents } from './money';
import { computeRate, floatingIpRate, volumeRate } from './pricing';
import type { ProjectNames } from './project-names';
import type { CostLine, CostSection, ProjectCost } from './report-data';

export interface CostInputs {
  /** Usage lines of the servers the report covers (filters applied). */
  usage: ServerUsage[];
  volumes: Volume[];
  floatingIps: FloatingIp[];
  period: { start: Date; end: Date };
  priceList: PriceList;
  projectIds: string[];
  names: ProjectNames;
}

const msPerHour = 3_600_000;

/** [from, to) in epoch ms of the period a resource created at `createdAt` existed (it still exists now); empty when from ≥ to. */
export function existedInterval(period: { start: Date; end: Date }, createdAt: string | undefined | null): [number, number] {
  const created = createdAt ? Date.parse(createdAt) : Number.NaN;
  return [Number.isNaN(created) ? period.start.getTime() : Math.max(period.start.getTime(), created), period.end.getTime()];
}

/** Hours of the period a resource created at `createdAt` existed. */
function hoursExisted(period: { start: Date; end: Date }, createdAt: string | undefined | null): Dec {
  const [from, to] = existedInterval(period, createdAt);
  return new Dec(Math.max(0, to - from)).div(msPerHour);
}

function line(base: Omit<CostLine, 'exactAmount' | 'amount' | 'hours' | 'hourlyRate'>, hours: Dec, rate: Dec): CostLine {
  const exact = rate.times(hours);
  // toFixed(): plain notation, never exponents (a tiny hourly rate would print as 1e-8).
  return { ...base, hours: hours.toFixed(), hourlyRate: rate.toFixed(), exactAmount: exact.toFixed(), amount: moneyString(exact) };
}

/**
 * Applies a price list. Servers: Nova's hours in the period × the hourly rate of the server's flavor
 * (a flavor price, or unit prices). Volumes: GB × the GB-month price × hours existed / 730. Floating
 * IPs: the hourly price × hours existed. Each line is rounded half-up to cents; every total is the sum
 * of printed lines, so a reader adding the lines gets the printed total. Discount and tax apply per
 * project, each rounded to cents, and the grand totals sum the projects.
 */
export function buildCost(input: CostInputs): CostSection {
  const { priceList, names } = input;
  const unpriced = new Set<string>();
  const lines: CostLine[] = [];
  for (const u of input.usage) {
    const rate = computeRate(priceList, { name: u.flavor, vcpus: u.vcpus, ramMb: u.memoryMb, diskGb: u.localGb });
    if (rate.basis === 'none') unpriced.add(u.flavor);
    lines.push(
      line(
        {
          ...names.ref(u.projectId),
          kind: 'server',
          resourceId: u.instanceId,
          resourceName: u.name,
          basis: rate.basis,
          detail: u.flavor,
          vcpus: u.vcpus,
          ramMb: u.memoryMb,
          diskGb: u.localGb,
        },
        new Dec(u.hours),
        rate.perHour,
      ),
    );
  }
  const volumePriced = priceList.units?.volumeGbMonth !== undefined;
  for (const v of input.volumes) {
    const hours = hoursExisted(input.period, v.createdAt);
    if (hours.isZero()) continue;
    lines.push(
      line(
        {
          ...names.ref(v.projectId),
          kind: 'volume',
          resourceId: v.id,
          resourceName: v.name || v.id,
          basis: volumePriced ? 'units' : 'none',
          detail: v.volumeType ?? null,
          sizeGb: v.sizeGb,
        },
        hours,
        volumeRate(priceList, v.sizeGb),
      ),
    );
  }
  const ipPriced = priceList.units?.floatingIpHour !== undefined;
  for (const f of input.floatingIps) {
    const hours = hoursExisted(input.period, f.createdAt);
    if (hours.isZero()) continue;
    lines.push(
      line(
        { ...names.ref(f.projectId), kind: 'floatingIp', resourceId: f.id, resourceName: f.address, basis: ipPriced ? 'units' : 'none', detail: f.address },
        hours,
        floatingIpRate(priceList),
      ),
    );
  }

  const discountRate = new Dec(priceList.discountPercent ?? 0).div(100);
  const taxRate = new Dec(priceList.taxPercent ?? 0).div(100);
  const linesOf = new Map<string, CostLine[]>();
  for (const l of lines) {
    const list = linesOf.get(l.projectId);
    if (list) list.push(l);
    else linesOf.set(l.projectId, [l]);
  }
  const byProject: ProjectCost[] = input.projectIds.map((projectId) => {
    const mine = linesOf.get(projectId) ?? [];
    const sumKind = (kind: CostLine['kind']) => sumMoney(mine.filter((l) => l.kind === kind).map((l) => l.amount));
    const compute = sumKind('server');
    const volumes = sumKind('volume');
    const floatingIps = sumKind('floatingIp');
    const subtotal = compute.plus(volumes).plus(floatingIps);
    const discount = toCents(subtotal.times(discountRate));
    const tax = toCents(subtotal.minus(discount).times(taxRate));
    return {
      ...names.ref(projectId),
      compute: compute.toFixed(2),
      volumes: volumes.toFixed(2),
      floatingIps: floatingIps.toFixed(2),
      subtotal: subtotal.toFixed(2),
      discount: discount.toFixed(2),
      tax: tax.toFixed(2),
      total: subtotal.minus(discount).plus(tax).toFixed(2),
    };
  });
  const total = (key: Exclude<keyof ProjectCost, 'projectId' | 'projectName'>) => sumMoney(byProject.map((p) => p[key])).toFixed(2);
  return {
    currency: priceList.currency,
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
    unpricedFlavors: [...unpriced].sort(),
  };
}
