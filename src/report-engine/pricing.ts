import { AppError } from '../domain/errors';
import { ownValue } from '../domain/free-record';
import type { PriceList } from '../domain/price-list';
import type { ReportSpec } from '../domain/report-spec';
import { Dec, hoursPerMonth } from './money';

/** What a server's compute is priced by. */
export interface ComputeRate {
  basis: 'flavor' | 'units' | 'none';
  /** Price of one hour, exact. */
  perHour: Dec;
}

/** The flavor figures a compute price reads. */
export interface PricedFlavor {
  name: string | null;
  vcpus: number;
  ramMb: number;
  /** Root plus ephemeral disk, GB (what Nova's usage calls local_gb). */
  diskGb: number;
}

const zero = new Dec(0);
const unit = (v: string | undefined) => (v === undefined ? zero : new Dec(v));

/**
 * Hourly price of a server. A flavor price wins; otherwise unit prices apply: vCPU-hours, RAM
 * GB-hours (1 GB = 1024 MB) and disk GB-hours. With neither, the server is unpriced (zero).
 */
export function computeRate(priceList: PriceList, flavor: PricedFlavor): ComputeRate {
  // An own key only: a flavor named `constructor` without a price must not find Object.prototype's.
  const flavorPrice = flavor.name === null ? undefined : ownValue(priceList.flavors, flavor.name);
  if (flavorPrice !== undefined) return { basis: 'flavor', perHour: new Dec(flavorPrice) };
  const u = priceList.units;
  if (!u || (u.vcpuHour === undefined && u.ramGbHour === undefined && u.diskGbHour === undefined)) {
    return { basis: 'none', perHour: zero };
  }
  const perHour = unit(u.vcpuHour)
    .times(flavor.vcpus)
    .plus(unit(u.ramGbHour).times(new Dec(flavor.ramMb).div(1024)))
    .plus(unit(u.diskGbHour).times(flavor.diskGb));
  return { basis: 'units', perHour };
}

/** Hourly price of a volume: its GB-month price spread over 730 hours. */
export function volumeRate(priceList: PriceList, sizeGb: number): Dec {
  return unit(priceList.units?.volumeGbMonth).times(sizeGb).div(hoursPerMonth);
}

/** Hourly price of a floating IP. */
export function floatingIpRate(priceList: PriceList): Dec {
  return unit(priceList.units?.floatingIpHour);
}

/**
 * The price list a report uses: the spec's own, else the configured default. A cost report needs
 * one; a currency in the spec must be the price list's (reports do not convert currencies).
 */
export function choosePriceList(spec: ReportSpec, configured: PriceList | undefined): PriceList | undefined {
  const priceList = spec.priceList ?? configured;
  if (!priceList) {
    if (spec.type === 'cost') {
      throw new AppError('price_list_required', 'A cost report needs a price list: give "priceList" in the report spec, or configure a default price list.');
    }
    return undefined;
  }
  if (spec.currency && spec.currency !== priceList.currency) {
    throw new AppError(
      'currency_mismatch',
      `The spec asks for ${spec.currency} but the price list is in ${priceList.currency}; reports do not convert currencies. Give a price list in ${spec.currency} or drop "currency".`,
    );
  }
  return priceList;
}
