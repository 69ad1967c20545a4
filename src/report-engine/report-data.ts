import * as z from 'zod';
import { inventoryColumns, locales, reportTypes, sortKeys } from '../domain/report-spec';

/**
 * The report's data snapshot: everything a report shows, computed once from the cloud and rendered
 * to PDF, HTML, CSV and JSON without asking the cloud again. It is the JSON artifact's schema, so
 * it is versioned: `schemaVersion` changes when a field is removed or changes meaning (adding an
 * optional field does not). `reportDataJsonSchema()` exports it as JSON Schema; see README.md.
 *
 * Money is a decimal string with exactly two decimals ("1234.50") in the report's currency, so no
 * consumer loses cents to binary floating point. Usage figures are numbers rounded to two decimals.
 */
export const reportDataSchemaVersion = 2 as const;

const money = z
  .string()
  .regex(/^-?\d+\.\d{2}$/)
  .describe('decimal amount with two decimals, in `currency`');
const decimal = z
  .string()
  .regex(/^-?\d+(\.\d+)?$/)
  .describe('exact decimal');
const isoTime = z.string().describe('ISO 8601 instant');
const projectRef = { projectId: z.string(), projectName: z.string() };

export const brandingSchema = z.strictObject({
  /** Organisation name shown beside the logo. */
  name: z.string().max(120).optional(),
  /** A `data:image/svg+xml`, `data:image/png` or `data:image/jpeg` URL: the page loads nothing from the network. */
  logoDataUrl: z
    .string()
    .regex(/^data:image\/(svg\+xml|png|jpeg);base64,[A-Za-z0-9+/=]+$/)
    .max(512 * 1024)
    .optional(),
  /** Hex colours only: they are written into the page's CSS. */
  primaryColor: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/)
    .optional(),
  accentColor: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/)
    .optional(),
  /** Title used when the spec gives none. */
  title: z.string().max(200).optional(),
});
/** Brand theme settings (stored configuration): logo, colours, default title. */
export type Branding = z.output<typeof brandingSchema>;

export const serverRowSchema = z.strictObject({
  ...projectRef,
  id: z.string(),
  /** Empty for partial (down-cell) records. */
  name: z.string(),
  status: z.string(),
  /** Nova power state as a word (running, shutdown, paused, ...), null when unknown. */
  powerState: z.string().nullable(),
  flavor: z.string().nullable(),
  vcpus: z.number().int(),
  ramMb: z.number().int(),
  diskGb: z.number().int(),
  fixedIps: z.array(z.string()),
  floatingIps: z.array(z.string()),
  /** Volumes attached to the server. */
  volumes: z.array(z.strictObject({ id: z.string(), name: z.string().nullable(), sizeGb: z.number(), volumeType: z.string().nullable() })),
  imageId: z.string().nullable(),
  /** Image name, or null when the image is gone, private, or the server boots from a volume. */
  imageName: z.string().nullable(),
  availabilityZone: z.string().nullable(),
  /** Compute host, visible to administrators only. */
  host: z.string().nullable(),
  created: isoTime,
  updated: isoTime.nullable(),
  /** Every metadata property of the server (since schema version 2; version 1 kept only `metadataKeys`). */
  metadata: z.record(z.string(), z.string()),
  tags: z.array(z.string()),
  /** A partial record from a Nova cell that is down: most fields are unknown. */
  partial: z.boolean(),
  /** Estimated cost of a month (730 hours) at the price list's rates; inventory reports with a price list. */
  monthlyCost: money.optional(),
});
export type ServerRow = z.output<typeof serverRowSchema>;

export const volumeRowSchema = z.strictObject({
  ...projectRef,
  id: z.string(),
  name: z.string().nullable(),
  sizeGb: z.number(),
  volumeType: z.string().nullable(),
  status: z.string(),
  bootable: z.boolean(),
  /** Names (or ids when unknown) of the servers the volume is attached to. */
  attachedTo: z.array(z.string()),
  attachedServerIds: z.array(z.string()),
  createdAt: isoTime,
  monthlyCost: money.optional(),
});
export type VolumeRow = z.output<typeof volumeRowSchema>;

export const floatingIpRowSchema = z.strictObject({
  ...projectRef,
  id: z.string(),
  address: z.string(),
  status: z.string(),
  fixedIpAddress: z.string().nullable(),
  /** Name (or id) of the server whose port holds the address; null when unassociated. */
  server: z.string().nullable(),
  /** Id of that server (the port's device), null when unassociated or not a server. */
  serverId: z.string().nullable(),
  portId: z.string().nullable(),
  createdAt: isoTime.nullable(),
  monthlyCost: money.optional(),
});
export type FloatingIpRow = z.output<typeof floatingIpRowSchema>;

const resourceTotals = {
  servers: z.number().int(),
  vcpus: z.number().int(),
  ramMb: z.number().int(),
  diskGb: z.number().int(),
};

export const projectInventorySchema = z.strictObject({
  ...projectRef,
  ...resourceTotals,
  active: z.number().int(),
  shutoff: z.number().int(),
  partial: z.number().int(),
  volumes: z.number().int(),
  volumeGb: z.number(),
  floatingIps: z.number().int(),
  /** Sum of the printed monthly costs of the project's servers, volumes and floating IPs. */
  monthlyCost: money.optional(),
});
export type ProjectInventory = z.output<typeof projectInventorySchema>;

export const inventorySectionSchema = z.strictObject({
  servers: z.array(serverRowSchema),
  volumes: z.array(volumeRowSchema),
  floatingIps: z.array(floatingIpRowSchema),
  byProject: z.array(projectInventorySchema),
  byStatus: z.array(z.strictObject({ status: z.string(), ...resourceTotals })),
  byFlavor: z.array(z.strictObject({ flavor: z.string(), ...resourceTotals })),
  /** Grand totals: each field the sum of `byProject`. */
  totals: projectInventorySchema.omit({ projectId: true, projectName: true }),
});
export type InventorySection = z.output<typeof inventorySectionSchema>;

const usageFigures = {
  /** Rounded to two decimals. */
  vcpuHours: z.number(),
  /** RAM in GB-hours (1 GB = 1024 MB, as Nova counts RAM in MB), rounded to two decimals. */
  ramGbHours: z.number(),
  diskGbHours: z.number(),
};

export const serverUsageRowSchema = z.strictObject({
  ...projectRef,
  id: z.string(),
  name: z.string(),
  flavor: z.string(),
  vcpus: z.number(),
  ramMb: z.number(),
  diskGb: z.number(),
  /** Hours inside the period, rounded to two decimals. */
  hours: z.number(),
  ...usageFigures,
  state: z.string(),
  startedAt: isoTime,
  endedAt: isoTime.nullable(),
  /** Every metadata property of the server (empty for a server deleted before the run: Nova's usage has none). */
  metadata: z.record(z.string(), z.string()).optional(),
  tags: z.array(z.string()).optional(),
  /** The row's group, one key per `grouping.dimensions` entry; set when the report is grouped. */
  groupKeys: z.array(z.string()).optional(),
});
export type ServerUsageRow = z.output<typeof serverUsageRowSchema>;

export const projectUsageRowSchema = z.strictObject({
  ...projectRef,
  servers: z.number().int(),
  /** Sums of the printed (rounded) server lines. */
  ...usageFigures,
  /** Volume GB allocated now (Cinder has no usage history). */
  volumeGb: z.number(),
  /** The project totals exactly as Nova reported them, unrounded. */
  reported: z.strictObject(usageFigures),
});
export type ProjectUsageRow = z.output<typeof projectUsageRowSchema>;

export const quotaResources = ['instances', 'cores', 'ram', 'volumes', 'gigabytes', 'floatingIps'] as const;
export type QuotaResource = (typeof quotaResources)[number];

export const quotaRowSchema = z.strictObject({
  ...projectRef,
  resources: z.array(
    z.strictObject({
      resource: z.enum(quotaResources),
      inUse: z.number(),
      /** Null when unlimited. */
      limit: z.number().nullable(),
      /** In use as a percentage of the limit, one decimal; null when unlimited. */
      percent: z.number().nullable(),
    }),
  ),
});
export type QuotaRow = z.output<typeof quotaRowSchema>;

export const usageSectionSchema = z.strictObject({
  servers: z.array(serverUsageRowSchema),
  byProject: z.array(projectUsageRowSchema),
  totals: projectUsageRowSchema.omit({ projectId: true, projectName: true, reported: true }),
  quotas: z.array(quotaRowSchema),
});
export type UsageSection = z.output<typeof usageSectionSchema>;

export const costLineSchema = z.strictObject({
  ...projectRef,
  kind: z.enum(['server', 'volume', 'floatingIp']),
  resourceId: z.string(),
  resourceName: z.string(),
  /** `flavor`: flavor price per hour; `units`: vCPU, RAM and disk unit prices; `none`: no price applies. */
  basis: z.enum(['flavor', 'units', 'none']),
  /** Flavor name (servers), volume type (volumes) or address (floating IPs). */
  detail: z.string().nullable(),
  /** Hours inside the period the resource counted for. */
  hours: decimal,
  /** Price of one hour of this resource, exact. */
  hourlyRate: decimal,
  /** Volume size (volumes), vCPU count (servers), absent for floating IPs. */
  vcpus: z.number().optional(),
  ramMb: z.number().optional(),
  diskGb: z.number().optional(),
  sizeGb: z.number().optional(),
  /** The amount before rounding, exact. */
  exactAmount: decimal,
  /** The printed amount: `exactAmount` rounded half-up to cents. */
  amount: money,
  /** Servers: every metadata property and tag (empty for a server deleted before the run). */
  metadata: z.record(z.string(), z.string()).optional(),
  tags: z.array(z.string()).optional(),
  /** The line's group, one key per `grouping.dimensions` entry (volumes and IPs: see `grouping.attribution`). */
  groupKeys: z.array(z.string()).optional(),
});
export type CostLine = z.output<typeof costLineSchema>;

export const projectCostSchema = z.strictObject({
  ...projectRef,
  compute: money,
  volumes: money,
  floatingIps: money,
  /** compute + volumes + floatingIps. */
  subtotal: money,
  /** subtotal × discountPercent, rounded to cents. */
  discount: money,
  /** (subtotal − discount) × taxPercent, rounded to cents. */
  tax: money,
  /** subtotal − discount + tax. */
  total: money,
});
export type ProjectCost = z.output<typeof projectCostSchema>;

export const costSectionSchema = z.strictObject({
  currency: z.string(),
  lines: z.array(costLineSchema),
  byProject: z.array(projectCostSchema),
  /** Each field the sum of the same field of `byProject`. */
  totals: projectCostSchema.omit({ projectId: true, projectName: true }),
  /** Flavors of servers that no flavor or unit price covered (priced at zero). */
  unpricedFlavors: z.array(z.string()),
});
export type CostSection = z.output<typeof costSectionSchema>;

export const wasteSectionSchema = z.strictObject({
  shutoffDays: z.number().int(),
  /** `month`: the cost of a month (730 h) at current rates (inventory); `period`: the cost in the report's period. */
  costBasis: z.enum(['month', 'period']).nullable(),
  shutoffServers: z.array(
    z.strictObject({
      ...projectRef,
      id: z.string(),
      name: z.string(),
      flavor: z.string().nullable(),
      since: isoTime,
      days: z.number().int(),
      cost: money.optional(),
    }),
  ),
  unattachedVolumes: z.array(
    z.strictObject({
      ...projectRef,
      id: z.string(),
      name: z.string().nullable(),
      sizeGb: z.number(),
      volumeType: z.string().nullable(),
      createdAt: isoTime,
      cost: money.optional(),
    }),
  ),
  unassociatedFloatingIps: z.array(
    z.strictObject({ ...projectRef, id: z.string(), address: z.string(), createdAt: isoTime.nullable(), cost: money.optional() }),
  ),
  /** Sum of the printed costs above, when a price list is present. */
  totalCost: money.optional(),
});
export type WasteSection = z.output<typeof wasteSectionSchema>;

/** Something the reader should know about the data; rendered in the report's language. */
export const reportNoteSchema = z.discriminatedUnion('code', [
  z.strictObject({ code: z.literal('partialServers'), count: z.number().int() }),
  z.strictObject({ code: z.literal('hostHidden') }),
  z.strictObject({ code: z.literal('unpricedFlavors'), flavors: z.array(z.string()) }),
  z.strictObject({ code: z.literal('periodClamped'), requestedEnd: isoTime }),
  z.strictObject({ code: z.literal('usageWithoutInventory'), count: z.number().int() }),
  z.strictObject({ code: z.literal('compactColumns'), servers: z.number().int() }),
]);
export type ReportNote = z.output<typeof reportNoteSchema>;

/** The price list as used (its output form: prices are exact decimal strings). */
export const priceListSnapshotSchema = z.strictObject({
  name: z.string().optional(),
  currency: z.string(),
  flavors: z.record(z.string(), decimal).optional(),
  units: z
    .strictObject({
      vcpuHour: decimal.optional(),
      ramGbHour: decimal.optional(),
      diskGbHour: decimal.optional(),
      volumeGbMonth: decimal.optional(),
      floatingIpHour: decimal.optional(),
    })
    .optional(),
  discountPercent: z.number().optional(),
  taxPercent: z.number().optional(),
  /** Budgets per group; `groupBy`, when set, limits a budget to reports grouped that way. */
  budgets: z.array(z.strictObject({ groupBy: z.array(z.string()).optional(), keys: z.array(z.string()), amount: decimal })).optional(),
});

/** Two decimals: money in the report's currency, or hours (see the section's `unit`). */
const amount2 = z
  .string()
  .regex(/^-?\d+\.\d{2}$/)
  .describe('decimal with two decimals, in the section’s `unit`');

/** What a group row sums: the group's usage lines (and, in cost reports, its cost lines). */
const groupFigures = {
  /** Usage lines (servers) in the group. */
  servers: z.number().int(),
  /** Sums of the group's printed usage lines, two decimals. */
  vcpuHours: z.number(),
  ramGbHours: z.number(),
  diskGbHours: z.number(),
  /** Cost reports: the group's printed cost lines by kind, and its share of discount and tax (see `grouping.allocation`). */
  cost: projectCostSchema.omit({ projectId: true, projectName: true }).optional(),
};

/** One group of a grouped report. */
export const groupRowSchema = z.strictObject({
  /**
   * One key per `grouping.dimensions` entry: the project id, domain id, flavor name, zone, metadata
   * value or tag value; `(none)` when the server has no value.
   */
  keys: z.array(z.string()),
  /** Display name of each key (project and domain names; the key itself otherwise). */
  labels: z.array(z.string()),
  /** `labels` joined with " / ". */
  label: z.string(),
  ...groupFigures,
});
export type GroupRow = z.output<typeof groupRowSchema>;

export const groupingSectionSchema = z.strictObject({
  /** As in the spec: `project`, `domain`, `flavor`, `availabilityZone`, `metadata:<key>`, `tag:<key>`. */
  dimensions: z.array(z.string()).min(1).max(2),
  /** The key (and label) of servers without a value for a dimension. */
  noneKey: z.literal('(none)'),
  /** How volumes and floating IPs are attributed to groups (an English sentence; `attributionRule` names it for translation). */
  attribution: z.string(),
  attributionRule: z.literal('attached-server-else-project'),
  /** How discount and tax, computed per project, are shared among groups (cost reports). */
  allocation: z.string().optional(),
  /** Every group, largest first (cost total, or vCPU-hours in usage reports), then by label. */
  groups: z.array(groupRowSchema),
  /** Two dimensions: one row per first-level key (its groups summed), in the same order. */
  parents: z.array(groupRowSchema).optional(),
  /** Each field the sum of `groups`: equal to the usage (and cost) totals. */
  totals: z.strictObject(groupFigures),
});
export type GroupingSection = z.output<typeof groupingSectionSchema>;

/** One step of a time series, in the report's time zone. */
export const seriesStepSchema = z.strictObject({
  /** `2026-03-29` (day; week: the Monday it starts on) or `2026-03` (month), local to the report's time zone. */
  label: z.string(),
  /** The step's instants, clipped to the period: [start, end). */
  start: isoTime,
  end: isoTime,
  /** Hours in the step: 23 or 25 on a daylight-saving change. */
  hours: decimal,
  /** False when the period cuts the step short (e.g. today, in a month-to-date report). */
  complete: z.boolean(),
});

/** One group's figures in one step. */
export const seriesPointSchema = z.strictObject({
  vcpuHours: z.number(),
  ramGbHours: z.number(),
  diskGbHours: z.number(),
  /** Cost reports: the step's part of the group's cost subtotal (before discount and tax) and total. */
  subtotal: money.optional(),
  total: money.optional(),
});
export type SeriesPoint = z.output<typeof seriesPointSchema>;

export const seriesSectionSchema = z.strictObject({
  step: z.enum(['day', 'week', 'month']),
  /** How each group's printed figure is split among steps so that the steps sum to it exactly. */
  rounding: z.string(),
  /** The chart limit from the spec (`topGroups`): the groups beyond it are summed in one `others` entry. */
  topGroups: z.number().int().nullable(),
  steps: z.array(seriesStepSchema),
  /** One entry per group (`points[i]` is `steps[i]`); `others: true` for the sum of the groups beyond `topGroups`. */
  groups: z.array(z.strictObject({ keys: z.array(z.string()), label: z.string(), others: z.boolean(), points: z.array(seriesPointSchema) })),
  /** Per step, the sum of the groups; these sum to the usage (and cost) totals of the period. */
  totals: z.array(seriesPointSchema),
});
export type SeriesSection = z.output<typeof seriesSectionSchema>;

const comparedFigures = {
  current: amount2,
  previous: amount2,
  /** current − previous. */
  delta: amount2,
  /** delta ÷ previous × 100, one decimal; null when previous is zero. */
  deltaPercent: z.number().nullable(),
};

export const comparisonSectionSchema = z.strictObject({
  /** The previous period: [start, end). */
  previousPeriod: z.strictObject({ start: isoTime, end: isoTime }),
  /** How the previous period was chosen (an English sentence). */
  rule: z.string(),
  /** `cost`: group cost totals (cost reports); `vcpuHours`: vCPU-hours (usage reports). */
  measure: z.enum(['cost', 'vcpuHours']),
  /** The currency code, or `vCPU-hours`. */
  unit: z.string(),
  totals: z.strictObject(comparedFigures),
  /** Every group of either period; `new`: absent (zero) before, `gone`: absent (zero) now. */
  groups: z.array(
    z.strictObject({
      keys: z.array(z.string()),
      label: z.string(),
      status: z.enum(['new', 'gone', 'continuing']),
      ...comparedFigures,
    }),
  ),
  /** Keys of up to five groups with the largest absolute delta, largest first. */
  largestMovers: z.array(z.array(z.string())),
  newGroups: z.array(z.array(z.string())),
  goneGroups: z.array(z.array(z.string())),
});
export type ComparisonSection = z.output<typeof comparisonSectionSchema>;

const forecastFigures = {
  /** The figure so far (the period's total for the group). */
  actual: amount2,
  /** The part of `actual` that fell on complete days (from the daily split, see `series.rounding`). */
  completeDaysAmount: amount2,
  /** completeDaysAmount ÷ completeDays × daysInMonth, rounded half-up; null before the first day is complete. */
  forecast: amount2.nullable(),
};

/** Month-to-date reports: where each group will end the month. */
export const forecastSectionSchema = z.strictObject({
  /** The method, in English. */
  method: z.string(),
  measure: z.enum(['cost', 'vcpuHours']),
  unit: z.string(),
  /** `2026-03`, in the report's time zone. */
  month: z.string(),
  daysInMonth: z.number().int(),
  /** Whole local days of the month before the period's end. */
  completeDays: z.number().int(),
  totals: z.strictObject(forecastFigures),
  groups: z.array(z.strictObject({ keys: z.array(z.string()), label: z.string(), ...forecastFigures })),
});
export type ForecastSection = z.output<typeof forecastSectionSchema>;

/** A budget's use (cost reports): from the spec's `budgets` and the price list's. */
export const budgetRowSchema = z.strictObject({
  /** The group keys the budget is for (one key: a first-level group). */
  keys: z.array(z.string()),
  label: z.string(),
  /** The budget for the report's period (a month-to-date report: the whole month). */
  amount: money,
  currency: z.string(),
  /** The group's cost total in the period (zero when no such group). */
  actual: money,
  /** The group's forecast total for the month (month-to-date reports with a complete day). */
  forecast: money.optional(),
  /** actual ÷ amount × 100, one decimal. */
  usedPercent: z.number(),
  forecastPercent: z.number().optional(),
});
export type BudgetRow = z.output<typeof budgetRowSchema>;

export const reportDataSchema = z.strictObject({
  schemaVersion: z.literal(reportDataSchemaVersion),
  type: z.enum(reportTypes),
  runId: z.string(),
  title: z.string(),
  generatedAt: isoTime,
  locale: z.enum(locales),
  /** IANA time zone in which dates are shown and period presets were resolved. */
  timezone: z.string(),
  presentation: z.strictObject({
    theme: z.enum(['default', 'brand']),
    watermark: z.string().optional(),
    /** Columns of the server table, in order. */
    columns: z.array(z.enum(inventoryColumns)),
    /** True when the spec chose the columns (then the CSV has the same ones; otherwise it has all). */
    columnsFromSpec: z.boolean(),
    metadataKeys: z.array(z.string()),
    branding: brandingSchema.optional(),
  }),
  /** The period of usage and cost reports: [start, end). */
  period: z.strictObject({ start: isoTime, end: isoTime, preset: z.string().optional(), hours: decimal }).optional(),
  scope: z.strictObject({
    /** True when the report covers every project the credentials see. */
    allProjects: z.boolean(),
    projects: z.array(z.strictObject({ id: z.string(), name: z.string() })),
  }),
  filters: z.record(z.string(), z.unknown()).optional(),
  sort: z.strictObject({ by: z.enum(sortKeys), direction: z.enum(['asc', 'desc']) }),
  inventory: inventorySectionSchema.optional(),
  usage: usageSectionSchema.optional(),
  cost: costSectionSchema.optional(),
  waste: wasteSectionSchema.optional(),
  /** Usage and cost reports with `groupBy`, `step`, `compare`, a month-to-date period or budgets (schema version 2). */
  grouping: groupingSectionSchema.optional(),
  series: seriesSectionSchema.optional(),
  comparison: comparisonSectionSchema.optional(),
  forecast: forecastSectionSchema.optional(),
  budgets: z.array(budgetRowSchema).optional(),
  /** The price list the costs were computed with, printed in the appendix. */
  priceList: priceListSnapshotSchema.optional(),
  notes: z.array(reportNoteSchema),
});

/** A report's data snapshot (schema version 2). */
export type ReportData = z.output<typeof reportDataSchema>;

/** The snapshot's JSON Schema, for consumers of the JSON artifact. */
export function reportDataJsonSchema(): unknown {
  return z.toJSONSchema(reportDataSchema, { target: 'draft-2020-12', io: 'output' });
}
