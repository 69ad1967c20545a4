import type { CreateReportBody, RunStatus } from './api/client';
import { splitList } from './format';

type Spec = CreateReportBody;
type Delivery = NonNullable<CreateReportBody['delivery']>;

/**
 * Every member of the API's enum `T`, in the order the form shows them: the typecheck fails on a value
 * the API lacks and on one it has that the list leaves out, so a choice the API gains cannot be missed.
 */
const everyOf =
  <T extends string>() =>
  <const L extends readonly T[]>(list: L & ([Exclude<T, L[number]>] extends [never] ? unknown : { missing: Exclude<T, L[number]> })): L =>
    list;

/** The choices the form offers, each the whole of the API's own enum. */
export const reportTypes = everyOf<Spec['type']>()(['inventory', 'usage', 'cost']);
/** A run's statuses, in the order a run goes through them (the reports page filters by them). */
export const runStatuses = everyOf<RunStatus>()(['queued', 'running', 'succeeded', 'failed']);
export const reportFormats = everyOf<NonNullable<Spec['formats']>[number]>()(['pdf', 'html', 'csv', 'json', 'xlsx']);
export const reportLocales = everyOf<NonNullable<Spec['locale']>>()(['en', 'pt-BR']);
export const periodPresets = everyOf<NonNullable<NonNullable<Spec['period']>['preset']>>()([
  'last-month',
  'month-to-date',
  'last-7-days',
  'last-30-days',
  'year-to-date',
]);
export const inventoryColumns = everyOf<NonNullable<Spec['columns']>[number]>()([
  'name',
  'id',
  'project',
  'status',
  'powerState',
  'flavor',
  'vcpus',
  'ram',
  'disk',
  'fixedIps',
  'floatingIps',
  'image',
  'availabilityZone',
  'host',
  'created',
  'metadata',
  'cost',
  'volumes',
]);
export const sortKeys = everyOf<NonNullable<Spec['sort']>['by']>()(['name', 'project', 'status', 'flavor', 'vcpus', 'ram', 'disk', 'created', 'cost', 'usage']);

/** What the form holds: strings as typed, turned into a spec only on submit. */
export interface SpecDraft {
  type: Spec['type'];
  /** Project names, as `GET /v1/projects` lists them (`scope.projectNames`). */
  projectNames: string[];
  periodMode: 'preset' | 'dates';
  preset: (typeof periodPresets)[number];
  start: string;
  end: string;
  timezone: string;
  statusFilter: string;
  flavorFilter: string;
  namePattern: string;
  azFilter: string;
  columns: string[];
  sortBy: string;
  sortDirection: 'asc' | 'desc';
  locale: (typeof reportLocales)[number];
  theme: 'default' | 'brand';
  title: string;
  watermark: string;
  formats: string[];
  email: string;
  webhookUrl: string;
  webhookSecret: string;
  swiftContainer: string;
  swiftPrefix: string;
}

/** The browser's time zone (IANA name), else UTC: what a new period or schedule starts with. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function emptyDraft(locale: (typeof reportLocales)[number]): SpecDraft {
  return {
    type: 'inventory',
    projectNames: [],
    periodMode: 'preset',
    preset: 'last-month',
    start: '',
    end: '',
    timezone: browserTimeZone(),
    statusFilter: '',
    flavorFilter: '',
    namePattern: '',
    azFilter: '',
    columns: [],
    sortBy: '',
    sortDirection: 'asc',
    locale,
    theme: 'default',
    title: '',
    watermark: '',
    formats: ['pdf'],
    email: '',
    webhookUrl: '',
    webhookSecret: '',
    swiftContainer: '',
    swiftPrefix: '',
  };
}

/** A draft from a spec (editing a schedule): the reverse of `specOf`. */
export function draftOf(
  spec: Spec,
  delivery: { email?: string[]; webhook?: { url: string }; swift?: { container: string; prefix?: string } } | undefined,
): SpecDraft {
  const base = emptyDraft(spec.locale ?? 'en');
  const p = spec.period;
  return {
    ...base,
    type: spec.type,
    projectNames: spec.scope?.projectNames ?? [],
    periodMode: p?.start ? 'dates' : 'preset',
    preset: p?.preset ?? 'last-month',
    start: p?.start?.slice(0, 10) ?? '',
    end: p?.end?.slice(0, 10) ?? '',
    timezone: p?.timezone ?? base.timezone,
    statusFilter: spec.filters?.status?.join(', ') ?? '',
    flavorFilter: spec.filters?.flavor?.join(', ') ?? '',
    namePattern: spec.filters?.namePattern ?? '',
    azFilter: spec.filters?.availabilityZone?.join(', ') ?? '',
    columns: spec.columns ?? [],
    sortBy: spec.sort?.by ?? '',
    sortDirection: spec.sort?.direction ?? 'asc',
    theme: spec.theme ?? 'default',
    title: spec.title ?? '',
    watermark: spec.watermark ?? '',
    formats: spec.formats ?? ['pdf'],
    email: delivery?.email?.join(', ') ?? '',
    webhookUrl: delivery?.webhook?.url ?? '',
    swiftContainer: delivery?.swift?.container ?? '',
    swiftPrefix: delivery?.swift?.prefix ?? '',
  };
}

/** The report spec the draft asks for; empty fields are left out, so the API's defaults apply. */
export function specOf(d: SpecDraft): Omit<Spec, 'delivery'> {
  const filters = {
    ...(splitList(d.statusFilter) ? { status: splitList(d.statusFilter) } : {}),
    ...(splitList(d.flavorFilter) ? { flavor: splitList(d.flavorFilter) } : {}),
    ...(d.namePattern.trim() ? { namePattern: d.namePattern.trim() } : {}),
    ...(splitList(d.azFilter) ? { availabilityZone: splitList(d.azFilter) } : {}),
  };
  return {
    type: d.type,
    ...(d.projectNames.length ? { scope: { projectNames: d.projectNames } } : {}),
    ...(d.type !== 'inventory'
      ? {
          period:
            d.periodMode === 'preset'
              ? { preset: d.preset, timezone: d.timezone || undefined }
              : { start: d.start || undefined, end: d.end || undefined, timezone: d.timezone || undefined },
        }
      : {}),
    ...(Object.keys(filters).length ? { filters } : {}),
    ...(d.type === 'inventory' && d.columns.length ? { columns: d.columns as (typeof inventoryColumns)[number][] } : {}),
    ...(d.sortBy ? { sort: { by: d.sortBy as (typeof sortKeys)[number], direction: d.sortDirection } } : {}),
    formats: d.formats as (typeof reportFormats)[number][],
    locale: d.locale,
    theme: d.theme,
    ...(d.title.trim() ? { title: d.title.trim() } : {}),
    ...(d.watermark.trim() ? { watermark: d.watermark.trim() } : {}),
  };
}

/** The delivery the draft asks for, or undefined when none. */
export function deliveryOf(d: SpecDraft): Delivery | undefined {
  const email = splitList(d.email);
  const delivery: Delivery = {
    ...(email ? { email } : {}),
    ...(d.webhookUrl.trim() ? { webhook: { url: d.webhookUrl.trim(), ...(d.webhookSecret ? { secret: d.webhookSecret } : {}) } } : {}),
    ...(d.swiftContainer.trim() ? { swift: { container: d.swiftContainer.trim(), ...(d.swiftPrefix ? { prefix: d.swiftPrefix } : {}) } } : {}),
  };
  return Object.keys(delivery).length ? delivery : undefined;
}
