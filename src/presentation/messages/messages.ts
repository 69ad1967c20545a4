import type { QuotaResource } from '../../report-engine/report-data';
import type { FigureKey } from '../email/figure-kinds';

type ReportType = 'inventory' | 'usage' | 'cost';
type CostKind = 'server' | 'volume' | 'floatingIp';

/**
 * Codes of a failed run (`run.error.code`) its e-mail explains in the reader's language; OpenStack's
 * HTTP answers by class (`openstack_http_5xx`, else `openstack_http`) unless their status has its own.
 */
export type FailureCode =
  | 'openstack_http'
  | 'openstack_http_401'
  | 'openstack_http_403'
  | 'openstack_http_404'
  | 'openstack_http_5xx'
  | 'openstack_timeout'
  | 'openstack_network_error'
  | 'openstack_invalid_response'
  | 'openstack_endpoint_not_found'
  | 'openstack_config_invalid'
  | 'openstack_rescope_unsupported'
  | 'project_not_found'
  | 'project_ambiguous'
  | 'invalid_period'
  | 'period_too_long'
  | 'price_list_required'
  | 'invalid_price_list'
  | 'currency_mismatch'
  | 'validation_failed'
  | 'queue_unavailable'
  | 'worker_crashed'
  | 'temporarily_unavailable'
  | 'internal_error';

/**
 * The label a catalogue map gives `key`, or `key` itself when it has none. Keys come from the cloud
 * (states, statuses), so only the map's own entries count: `constructor` is not a label.
 */
export function labelOf(labels: Record<string, string>, key: string): string {
  return Object.hasOwn(labels, key) ? labels[key] : key;
}

/**
 * Every label a report prints, in one typed shape: a locale that misses a key does not compile.
 * Functions take already-formatted values (numbers and dates are formatted by `Intl` for the locale).
 */
export interface Messages {
  reportTitle: Record<ReportType, string>;
  reportKind: Record<ReportType, string>;
  generatedAt: (when: string) => string;
  /** Stamped on every page with a PDF standard font: keep to Latin-1 characters. */
  pageOf: (page: number, pages: number) => string;
  period: (start: string, end: string, timezone: string) => string;
  presets: Record<string, string>;
  scopeAll: (count: string) => string;
  scopeProjects: (names: string) => string;
  filtersApplied: (filters: string) => string;
  sortedBy: (key: string, direction: 'asc' | 'desc') => string;
  sortKeys: Record<string, string>;
  continued: (what: string) => string;
  none: string;
  unknown: string;
  total: string;
  totalAll: string;
  others: string;
  yes: string;
  no: string;
  unlimited: string;
  partialMarker: string;
  /** After a floating IP listed beneath fixed IPs. */
  floatingMarker: string;
  partialName: string;
  bootFromVolume: string;
  imageGone: string;
  powerStates: Record<string, string>;
  /** Nova's vm_state words in os-simple-tenant-usage (`active`, `shelved_offloaded`, `terminated`, ...). */
  usageStates: Record<string, string>;
  cards: {
    servers: string;
    serversHint: (active: string, shutoff: string) => string;
    vcpus: string;
    ram: string;
    disk: string;
    volumes: string;
    volumesHint: (gb: string) => string;
    floatingIps: string;
    floatingIpsHint: (unassociated: string) => string;
    monthlyCost: string;
    monthlyCostHint: string;
    vcpuHours: string;
    ramGbHours: string;
    diskGbHours: string;
    serversWithUsage: string;
    volumeGb: string;
    totalCost: string;
    totalCostHint: (subtotal: string, tax: string) => string;
    compute: string;
    storage: string;
    waste: string;
    wasteHint: (count: string) => string;
  };
  sections: {
    summary: string;
    byProject: string;
    byStatus: string;
    byFlavor: string;
    servers: string;
    volumes: string;
    floatingIps: string;
    otherVolumes: string;
    otherFloatingIps: string;
    usageByProject: string;
    serverUsage: string;
    quotas: string;
    costByProject: string;
    costLines: string;
    waste: string;
    wasteShutoff: (days: string) => string;
    wasteVolumes: string;
    wasteFloatingIps: string;
    priceList: string;
    notes: string;
    methodology: string;
  };
  charts: {
    vcpusByProject: string;
    serversByStatus: string;
    serversByFlavor: string;
    usageByProject: string;
    topServers: string;
    quotaUse: string;
    topProjectsByCost: string;
    costByKind: string;
  };
  columns: {
    project: string;
    server: string;
    name: string;
    id: string;
    status: string;
    powerState: string;
    flavor: string;
    vcpus: string;
    ramGb: string;
    diskGb: string;
    fixedIps: string;
    floatingIps: string;
    addresses: string;
    image: string;
    availabilityZone: string;
    host: string;
    zoneHost: string;
    flavorImage: string;
    diskVolumes: string;
    moreItems: (count: string) => string;
    created: string;
    metadata: string;
    monthlyCost: string;
    servers: string;
    active: string;
    shutoff: string;
    volumes: string;
    volumeGb: string;
    volume: string;
    size: string;
    type: string;
    attachedTo: string;
    address: string;
    fixedIp: string;
    hours: string;
    vcpuHours: string;
    ramGbHours: string;
    diskGbHours: string;
    state: string;
    kind: string;
    detail: string;
    quantity: string;
    rate: string;
    amount: string;
    compute: string;
    storage: string;
    subtotal: string;
    discount: string;
    tax: string;
    since: string;
    days: string;
    cost: string;
    resource: string;
    inUse: string;
    limit: string;
    used: string;
    item: string;
    price: string;
  };
  quotaResources: Record<QuotaResource, string>;
  costKinds: Record<CostKind, string>;
  basis: { flavor: string; units: string; none: string };
  priceList: {
    name: string;
    currency: string;
    flavorPrices: string;
    perHour: string;
    unitPrices: string;
    vcpuHour: string;
    ramGbHour: string;
    diskGbHour: string;
    volumeGbMonth: string;
    floatingIpHour: string;
    discount: string;
    tax: string;
  };
  notes: {
    partialServers: (count: string) => string;
    hostHidden: string;
    unpricedFlavors: (flavors: string) => string;
    periodClamped: (end: string) => string;
    usageWithoutInventory: (count: string) => string;
    compactColumns: (servers: string) => string;
  };
  footnotes: {
    novaUsage: string;
    volumeUsage: string;
    quotas: string;
    costRules: string;
    costRounding: string;
    monthlyEstimate: string;
    wasteShutoff: (days: string) => string;
    wasteCostPeriod: string;
    wasteCostMonth: string;
    ramGb: string;
    scopeResources: string;
  };
  empty: string;
  /** Grouping, series, comparison, forecast and budget sections (chargeback). */
  chargeback: {
    sections: {
      grouping: (dimensions: string) => string;
      series: (step: string) => string;
      comparison: string;
      comparisonGroups: string;
      forecast: (month: string) => string;
      budgets: string;
      seriesTotals: string;
      groups: string;
    };
    charts: {
      byGroup: (measure: string) => string;
      series: (measure: string, step: string) => string;
    };
    /** Dimension names (`metadata:<key>` and `tag:<key>` are named with their key). */
    dimensions: { project: string; domain: string; flavor: string; availabilityZone: string; metadata: (key: string) => string; tag: (key: string) => string };
    steps: { day: string; week: string; month: string };
    /** The group of resources without a value for the dimension (`(none)`). */
    none: string;
    columns: {
      group: string;
      step: string;
      current: string;
      previous: string;
      delta: string;
      deltaPercent: string;
      status: string;
      actual: string;
      completeDays: string;
      forecast: string;
      budget: string;
      used: string;
      forecastUsed: string;
      partialStep: string;
    };
    status: { new: string; gone: string; continuing: string };
    vcpuHours: string;
    cost: string;
    /** The sentences the engine writes in English, translated (keyed by what they say, not their text). */
    attribution: string;
    allocation: string;
    rounding: string;
    forecastMethod: string;
    previousMonths: (months: string, timezone: string) => string;
    previousHours: (hours: string) => string;
    previousPeriod: (start: string, end: string) => string;
    largestMovers: string;
    newGroups: string;
    goneGroups: string;
    noneListed: string;
    forecastFacts: (completeDays: string, daysInMonth: string) => string;
    noForecast: string;
    budgetLevel: { over: string; warning: string; ok: string };
    budgetForecastOver: string;
    budgetThresholds: string;
    incompleteSteps: string;
  };
  /** The e-mail sent when a run finishes. */
  email: {
    subjectReady: (title: string) => string;
    subjectFailed: (title: string) => string;
    ready: string;
    failed: string;
    reason: string;
    /** Before the failure as recorded, beneath its translation. */
    details: string;
    /** The reason of a failed run that recorded none. */
    noReason: string;
    failureReasons: Record<FailureCode, string>;
    keyFigures: string;
    figures: Record<FigureKey, string>;
    attached: (filename: string) => string;
    downloads: string;
    linksExpire: string;
    run: string;
    finished: string;
    subjectBudgetAlert: (title: string) => string;
    budgetAlert: string;
    /** A group's cost reached `threshold` % of its budget (at `percent`). */
    budgetReached: (group: string, threshold: string, percent: string) => string;
    budgetForecast: (group: string, threshold: string, percent: string) => string;
  };
  /** The Excel workbook: sheet names (at most 31 characters, none of `[]:*?/\\`) and its own labels. */
  workbook: {
    sheets: {
      summary: string;
      byGroup: string;
      byProject: string;
      /** The series sheet, named by its step. */
      steps: Record<'day' | 'week' | 'month', string>;
      servers: string;
      volumes: string;
      floatingIps: string;
      priceList: string;
    };
    value: string;
    report: string;
    type: string;
    periodStart: string;
    periodEnd: string;
    timezone: string;
    generatedAt: string;
    projects: string;
    allProjects: string;
    total: string;
    start: string;
    end: string;
    tags: string;
    group: string;
    bootable: string;
    projectId: string;
    basis: string;
    budgets: string;
    domain: string;
    tag: string;
    step: string;
    complete: string;
    previous: string;
    change: string;
    changePercent: string;
    forecast: string;
    budget: string;
    actual: string;
    usedPercent: string;
    forecastPercent: string;
  };
}
