import * as z from 'zod';
import { namePatternProblem } from './name-pattern';
import { swiftContainerProblem, swiftLimits, swiftPrefixMaxBytes, swiftPrefixProblem } from './delivery/swift-names';
import { freeRecord } from './free-record';
import { budgetSchema, groupDimensionSchema, priceListSchema } from './price-list';

export const reportTypes = ['inventory', 'usage', 'cost'] as const;
export const reportFormats = ['pdf', 'csv', 'json', 'html', 'xlsx'] as const;
export const locales = ['en', 'pt-BR'] as const;
/** A language reports, e-mails and descriptions are written in. */
export type Locale = (typeof locales)[number];
/** CSV field separator and decimal mark: `standard` is `,` and `.`; `pt-BR` is `;` and `,` (see `presentation/csv/csv.ts`). */
export const csvDialectNames = ['standard', 'pt-BR'] as const;
export const periodPresets = ['last-month', 'month-to-date', 'last-7-days', 'last-30-days', 'year-to-date'] as const;
export const inventoryColumns = [
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
  // Added: the volumes attached to each server (size and type).
  'volumes',
] as const;
/** Steps of a time series (`step`): local calendar days, ISO weeks (Monday to Sunday) or months. */
export const seriesSteps = ['day', 'week', 'month'] as const;
export const sortKeys = ['name', 'project', 'status', 'flavor', 'vcpus', 'ram', 'disk', 'created', 'cost', 'usage'] as const;

/** Limits that bound the work one request can ask for; errors quote them. */
export const specLimits = {
  projects: 500,
  periodDays: 366,
  titleLength: 200,
  watermarkLength: 60,
  emailRecipients: 50,
  budgets: 200,
  topGroups: 50,
} as const;

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const timeZoneSchema = z.string().refine(isTimeZone, 'must be an IANA time zone such as Europe/Berlin');

const projectRef = z.string().min(1).max(255);

/** The preset usage and cost reports cover when their spec names no period. */
export const defaultPeriodPreset = 'last-month' satisfies (typeof periodPresets)[number];

/** `2026-01-01` (that day's midnight in the period's time zone) or an ISO datetime with an offset. */
const dateOrDateTime = z.union([z.iso.date(), z.iso.datetime({ offset: true })], {
  error: 'must be a date (2026-01-01) or an ISO datetime with an offset (2026-01-01T00:00:00Z)',
});

/** A calendar date without a time: it stands for the start of that day in the period's zone. */
export function isCalendarDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value);
}

/**
 * A report period: a preset, or `start` and `end` (end exclusive: `end: 2026-02-01` covers January),
 * in `timezone`. With neither, the default preset; a lone time zone keeps its zone.
 */
export const periodSchema = z
  .strictObject({
    preset: z.enum(periodPresets).optional(),
    start: dateOrDateTime.optional(),
    end: dateOrDateTime.optional(),
    /** No default here: UTC for a report requested through the API, the schedule's zone for a scheduled one (`scheduledReportSpec`). */
    timezone: timeZoneSchema.optional(),
  })
  .superRefine((p, ctx) => {
    if (p.preset && (p.start || p.end)) {
      ctx.addIssue({ code: 'custom', path: ['preset'], message: 'give either a preset or start and end, not both' });
    }
    if (!p.preset && (p.start || p.end) && (!p.start || !p.end)) {
      ctx.addIssue({ code: 'custom', path: [p.start ? 'end' : 'start'], message: 'start and end go together (or give a preset)' });
    }
    if (p.start && p.end) {
      // Dates compare as UTC midnights here; the zone shifts both ends alike.
      const ms = Date.parse(p.end) - Date.parse(p.start);
      if (ms <= 0) ctx.addIssue({ code: 'custom', path: ['end'], message: 'must be after start' });
      if (ms > specLimits.periodDays * 86_400_000) {
        ctx.addIssue({ code: 'custom', path: ['end'], message: `the period may be at most ${specLimits.periodDays} days` });
      }
    }
  })
  .transform((p) => (p.preset || p.start ? p : { ...p, preset: defaultPeriodPreset }));
export type PeriodSpec = z.output<typeof periodSchema>;

export const filtersSchema = z.strictObject({
  status: z.array(z.string().min(1).max(40)).max(20).optional(),
  flavor: z.array(z.string().min(1).max(255)).max(100).optional(),
  /** Shell-style pattern: `*` and `?`, case-insensitive (see `name-pattern.ts`); checked here so a run never fails on it. */
  namePattern: z
    .string()
    .min(1)
    .max(255)
    .superRefine((p, ctx) => {
      const problem = namePatternProblem(p);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .optional(),
  /** Every key is kept, `__proto__` and `constructor` included. */
  metadata: freeRecord(z.string().min(1).max(255), z.string().max(255)).optional(),
  tags: z.array(z.string().min(1).max(255)).max(50).optional(),
  availabilityZone: z.array(z.string().min(1).max(255)).max(50).optional(),
});

/** The fields of a report spec, before the checks across fields. */
const reportSpecFields = z.strictObject({
  type: z.enum(reportTypes),
  scope: z
    .strictObject({
      projectIds: z.array(projectRef).max(specLimits.projects, `at most ${specLimits.projects} projects per report`).optional(),
      projectNames: z.array(projectRef).max(specLimits.projects, `at most ${specLimits.projects} projects per report`).optional(),
    })
    .optional(),
  period: periodSchema.optional(),
  filters: filtersSchema.optional(),
  sort: z.strictObject({ by: z.enum(sortKeys), direction: z.enum(['asc', 'desc']).default('asc') }).optional(),
  columns: z.array(z.enum(inventoryColumns)).min(1).max(inventoryColumns.length).optional(),
  metadataKeys: z.array(z.string().min(1).max(255)).max(20).optional(),
  formats: z.array(z.enum(reportFormats)).min(1).max(reportFormats.length).default(['pdf']),
  locale: z.enum(locales).default('en'),
  /**
   * How CSV files separate fields and write decimals; without it `standard` whatever the locale: scripts read
   * CSV too, so a pt-BR report changes its separator only when asked.
   */
  csvDialect: z.enum(csvDialectNames).optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as USD')
    .optional(),
  theme: z.enum(['default', 'brand']).default('default'),
  title: z.string().min(1).max(specLimits.titleLength).optional(),
  watermark: z.string().min(1).max(specLimits.watermarkLength).optional(),
  priceList: priceListSchema.optional(),
  /** Servers SHUTOFF for longer than this are listed as waste. */
  wasteShutoffDays: z.number().int().min(1).max(3650).default(30),
  /** A tagged (accessible) PDF: about 7x larger and 1.8x slower. */
  accessiblePdf: z.boolean().default(false),
  /**
   * Usage and cost reports: group by one or two dimensions (`project`, the default, `domain`, `flavor`,
   * `availabilityZone`, `metadata:<key>`, `tag:<key>`), e.g. `["domain", "project"]`.
   */
  groupBy: z
    .array(groupDimensionSchema)
    .min(1)
    .max(2, 'at most two dimensions')
    .refine((dims) => new Set(dims).size === dims.length, 'must not repeat a dimension')
    .describe(
      'Usage and cost reports: one or two dimensions to group by: `project` (the default), `domain`, `flavor`, `availabilityZone`, `metadata:<key>` (a server property), `tag:<key>` (tags written `key=value` or `key:value`). Servers without the value fall in `(none)`; volumes and floating IPs follow their attached server, their project otherwise.',
    )
    .optional(),
  /** Usage and cost reports: a time series per local day, ISO week or month, in the period's time zone. */
  step: z
    .enum(seriesSteps)
    .describe(
      'Usage and cost reports: a time series per local day, ISO week (from Monday) or month, in the period’s time zone; the steps sum to the totals to the cent.',
    )
    .optional(),
  /** Usage and cost reports: compare with the previous period of the same length. */
  compare: z
    .boolean()
    .describe(
      'Usage and cost reports: compare with the previous period (the months before a whole-month period, the same length of time before any other): deltas per group, largest movers, new and gone groups.',
    )
    .optional(),
  /** Cost reports: budgets per group (`keys`: one key per `groupBy` dimension, or the first only) for the report's period. */
  budgets: z
    .array(budgetSchema)
    .min(1)
    .max(specLimits.budgets, `at most ${specLimits.budgets} budgets`)
    .describe(
      'Cost reports: budgets for the report’s period (a month-to-date report: the month), in the price list’s currency. `keys`: one group key (or label) per `groupBy` dimension, or the first only. They add to the price list’s `budgets` and replace one with the same keys.',
    )
    .optional(),
  /** Usage and cost reports: charts show this many groups, the rest summed as "others". */
  topGroups: z
    .number()
    .int()
    .min(1)
    .max(specLimits.topGroups)
    .describe('Usage and cost reports: the series shows this many groups (the largest), the rest summed as "others".')
    .optional(),
});
export type ReportSpec = z.output<typeof reportSpecFields>;
export type ReportSpecInput = z.input<typeof reportSpecFields>;

/** The fields only some report types take, and the types that take them. */
const typeFields = {
  groupBy: ['usage', 'cost'],
  step: ['usage', 'cost'],
  compare: ['usage', 'cost'],
  topGroups: ['usage', 'cost'],
  budgets: ['cost'],
} as const satisfies Partial<Record<keyof ReportSpec, readonly ReportSpec['type'][]>>;

/** Refuses fields the report type does not use, and budgets with more keys than the grouping has. */
function checkTypeFields(spec: Pick<ReportSpec, 'type' | 'groupBy' | 'budgets'> & Partial<ReportSpec>, ctx: z.RefinementCtx): void {
  for (const [field, types] of Object.entries(typeFields) as [keyof typeof typeFields, readonly string[]][]) {
    if (spec[field] !== undefined && !types.includes(spec.type)) {
      ctx.addIssue({ code: 'custom', path: [field], message: `applies to ${types.join(' and ')} reports only, not ${spec.type}` });
    }
  }
  const levels = spec.groupBy?.length ?? 1;
  spec.budgets?.forEach((b, i) => {
    if (b.keys.length > levels) {
      ctx.addIssue({ code: 'custom', path: ['budgets', i, 'keys'], message: `has ${b.keys.length} keys but the report groups by ${levels} dimension(s)` });
    }
  });
}

/** What to report on and how it looks. Shared by the API, the CLI and schedules. */
export const reportSpecSchema = reportSpecFields.superRefine(checkTypeFields);

/** A Swift name checked by `problem`; what the length checks already report is not reported twice. */
function swiftName(schema: z.ZodString, problem: (name: string) => string | undefined) {
  const { minLength, maxLength } = schema;
  return schema.superRefine((name, ctx) => {
    if (name.length < (minLength ?? 0) || name.length > (maxLength ?? Infinity)) return;
    const message = problem(name);
    if (message) ctx.addIssue({ code: 'custom', message });
  });
}

/** Where a finished report goes besides its download link. */
export const deliverySchema = z.strictObject({
  email: z.array(z.email()).min(1).max(specLimits.emailRecipients, `at most ${specLimits.emailRecipients} recipients`).optional(),
  webhook: z
    .strictObject({
      url: z.url({ protocol: /^https?$/ }),
      secret: z.string().min(16, 'must be at least 16 characters').max(256).optional(),
    })
    .optional(),
  /** Swift's naming rules and ours: see `swift-names.ts`. */
  swift: z
    .strictObject({
      container: swiftName(z.string().min(1).max(swiftLimits.containerBytes), swiftContainerProblem),
      /** Prepended to each file name: `monthly/` gives `monthly/cost-report-<run id>.pdf`. */
      prefix: swiftName(z.string().max(swiftPrefixMaxBytes), swiftPrefixProblem).optional(),
    })
    .optional(),
});
export type Delivery = z.output<typeof deliverySchema>;

/** Body of `POST /v1/reports`: a report spec plus an optional delivery. */
// `extend` keeps the spec's checks across fields (zod 4 copies them), so they are not added twice.
export const createReportBodySchema = reportSpecSchema.extend({ delivery: deliverySchema.optional() });
export type CreateReportBody = z.output<typeof createReportBodySchema>;
