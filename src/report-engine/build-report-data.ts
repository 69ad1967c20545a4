import type { FloatingIp, Image, Port, ProjectQuota, ProjectUsage, Server, ServerUsage, Volume } from '../domain/cloud';
import type { InventorySource, Logger } from '../domain/ports';
import type { PriceList } from '../domain/price-list';
import type { ReportSpec } from '../domain/report-spec';
import { ownMetadata } from '../domain/free-record';
import { addChargeback, wantsChargeback } from './build-chargeback';
import { buildCost } from './build-cost';
import { buildInventory } from './build-inventory';
import { buildUsage, keptUsageLines } from './build-usage';
import { filterableServer, serverFilter } from './filter-servers';
import { findWaste } from './find-waste';
import { choosePriceList } from './pricing';
import { ProjectNames } from './project-names';
import type { Branding, ReportData, ReportNote } from './report-data';
import { brandingSchema, reportDataSchemaVersion } from './report-data';
import { periodHours, resolvePeriod } from './resolve-period';
import { resolveScope } from './resolve-scope';
import { sortProjects, sortRows } from './sort-rows';

/** What building a report's data needs besides the cloud and the spec. */
export interface BuildContext {
  runId: string;
  now: Date;
  logger: Logger;
  onProgress?: (stage: string, done: number, total: number) => void;
  /** The configured default price list, used when the spec has none. */
  priceList?: PriceList;
  /** Logo, colours and default title of the brand theme. */
  branding?: Branding;
  /** The title of a report whose spec and brand name none (the presentation's catalogue has it). */
  defaultTitle: (type: ReportSpec['type'], locale: ReportSpec['locale']) => string;
}

type Fetched = {
  servers: Server[];
  volumes: Volume[];
  floatingIps: FloatingIp[];
  ports: Port[];
  images: Image[];
  usage: ProjectUsage[];
  quotas: ProjectQuota[];
};

/**
 * Fetches what the spec's report type needs (in parallel), then filters, sorts and aggregates it
 * into the data snapshot every format renders. Errors the user can fix (unknown project, missing
 * price list, bad period) are thrown before any large fetch.
 */
export async function buildReportData(source: InventorySource, spec: ReportSpec, ctx: BuildContext): Promise<ReportData> {
  const priceList = choosePriceList(spec, ctx.priceList);
  const period = spec.type === 'inventory' ? undefined : resolvePeriod(spec.period, ctx.now);
  const timezone = spec.period?.timezone ?? 'UTC';
  const sort = { by: spec.sort?.by ?? 'name', direction: spec.sort?.direction ?? 'asc' } as const;
  const log = ctx.logger.with({ runId: ctx.runId, reportType: spec.type });
  // Branding is operator configuration: an invalid one is logged and ignored, never rendered.
  const brandingCheck = ctx.branding ? brandingSchema.safeParse(ctx.branding) : undefined;
  const branding = brandingCheck?.success ? brandingCheck.data : undefined;
  if (brandingCheck && !brandingCheck.success) log.warn('invalid branding ignored', { issues: brandingCheck.error.issues.map((i) => i.path.join('.')) });

  const visible = await source.listProjects();
  const scope = resolveScope(spec, visible);
  const scopeIds = scope.fetch.kind === 'all' ? [] : scope.fetch.projectIds;

  const wanted: { [K in keyof Fetched]?: () => Promise<Fetched[K]> } = {
    servers: () => source.listServers(scope.fetch),
    volumes: () => source.listVolumes(scope.fetch),
  };
  if (spec.type !== 'usage') wanted.floatingIps = () => source.listFloatingIps(scope.fetch);
  if (spec.type === 'inventory') {
    wanted.ports = () => source.listPorts(scope.fetch);
    wanted.images = () => source.listImages();
  }
  if (period) wanted.usage = () => source.getUsage(scope.fetch, { start: period.start, end: period.end });
  if (spec.type === 'usage') wanted.quotas = () => source.getQuotas(scope.allProjects ? scope.projects.map((p) => p.id) : scopeIds);

  const keys = Object.keys(wanted) as (keyof Fetched)[];
  let done = 0;
  ctx.onProgress?.('fetch', 0, keys.length);
  const fetched: Fetched = { servers: [], volumes: [], floatingIps: [], ports: [], images: [], usage: [], quotas: [] };
  await Promise.all(
    keys.map(async (key) => {
      const started = Date.now();
      (fetched as Record<string, unknown>)[key] = await (wanted[key] as () => Promise<unknown>)();
      ctx.onProgress?.('fetch', ++done, keys.length);
      log.debug('fetched', { resource: key, ms: Date.now() - started });
    }),
  );

  // Resources of projects the credentials cannot list (e.g. deleted projects) still count, under their id.
  const extra = new Set<string>();
  if (scope.allProjects) {
    const known = new Set(scope.projects.map((p) => p.id));
    for (const id of [...fetched.servers.map((s) => s.projectId), ...fetched.floatingIps.map((f) => f.projectId), ...fetched.usage.map((u) => u.projectId)]) {
      if (id && !known.has(id)) extra.add(id);
    }
  }
  const projects = [...sortProjects(scope.projects, sort, spec.locale), ...[...extra].sort().map((id) => ({ id, name: id }))];
  const projectIds = projects.map((p) => p.id);
  const names = new ProjectNames(visible, scope.projects.length === 1 ? scope.projects[0].id : '');
  const keep = serverFilter(spec.filters);
  const servers = fetched.servers.filter((s) => keep(filterableServer(s)));
  const notes: ReportNote[] = [];
  const hostVisible = servers.some((s) => s.host || s.hypervisorHostname);

  const data: ReportData = {
    schemaVersion: reportDataSchemaVersion,
    type: spec.type,
    runId: ctx.runId,
    title: spec.title ?? (spec.theme === 'brand' ? branding?.title : undefined) ?? ctx.defaultTitle(spec.type, spec.locale),
    generatedAt: ctx.now.toISOString(),
    locale: spec.locale,
    timezone,
    presentation: {
      theme: spec.theme,
      ...(spec.watermark ? { watermark: spec.watermark } : {}),
      columns: spec.columns ?? defaultColumns(hostVisible, (spec.metadataKeys ?? []).length > 0, Boolean(priceList), servers.length > compactAbove),
      columnsFromSpec: spec.columns !== undefined,
      metadataKeys: spec.metadataKeys ?? [],
      ...(spec.theme === 'brand' && branding ? { branding } : {}),
    },
    scope: { allProjects: scope.allProjects, projects: projects.map((p) => ({ id: p.id, name: p.name })) },
    ...(spec.filters ? { filters: spec.filters as Record<string, unknown> } : {}),
    sort,
    ...(priceList ? { priceList } : {}),
    notes,
  };
  if (period) {
    data.period = {
      start: period.start.toISOString(),
      end: period.end.toISOString(),
      ...(period.preset ? { preset: period.preset } : {}),
      hours: periodHours(period).toFixed(),
    };
    if (period.requestedEnd) notes.push({ code: 'periodClamped', requestedEnd: period.requestedEnd.toISOString() });
  }

  if (spec.type === 'inventory') {
    const sorted = sortRows(
      servers,
      sort,
      {
        keys: {
          status: (s) => s.status,
          flavor: (s) => s.flavor?.name,
          vcpus: (s) => s.flavor?.vcpus,
          ram: (s) => s.flavor?.ramMb,
          disk: (s) => s.flavor?.diskGb,
          created: (s) => s.created,
          project: (s) => names.ref(s.projectId).projectName,
        },
        label: (s) => s.name,
        id: (s) => s.id,
      },
      spec.locale,
    );
    const inventory = buildInventory({
      servers: sorted,
      allServers: fetched.servers,
      volumes: fetched.volumes,
      floatingIps: fetched.floatingIps,
      ports: fetched.ports,
      images: fetched.images,
      projectIds,
      names,
      metadataKeys: spec.metadataKeys ?? [],
      priceList,
    });
    if (sort.by === 'cost' && priceList) {
      inventory.servers = sortRows(inventory.servers, sort, { keys: { cost: (s) => s.monthlyCost }, label: (s) => s.name, id: (s) => s.id }, spec.locale);
    }
    data.inventory = inventory;
    const cost = new Map<string, string | undefined>();
    for (const r of [...inventory.servers, ...inventory.volumes, ...inventory.floatingIps]) cost.set(r.id, r.monthlyCost);
    data.waste = findWaste({
      servers: sorted,
      volumes: fetched.volumes,
      floatingIps: fetched.floatingIps,
      now: ctx.now,
      shutoffDays: spec.wasteShutoffDays,
      names,
      costBasis: 'month',
      ...(priceList ? { costOf: (_kind, id) => cost.get(id) } : {}),
    });
    if (!spec.columns && servers.length > compactAbove) notes.push({ code: 'compactColumns', servers: servers.length });
    const partial = servers.filter((s) => s.partial).length;
    if (partial > 0) notes.push({ code: 'partialServers', count: partial });
    if (spec.columns?.includes('host') && !hostVisible) notes.push({ code: 'hostHidden' });
  }

  if (spec.type === 'usage') {
    const usage = buildUsage({ usage: fetched.usage, servers: fetched.servers, volumes: fetched.volumes, quotas: fetched.quotas, projectIds, names, keep });
    usage.servers = sortRows(
      usage.servers,
      sort,
      {
        keys: {
          flavor: (s) => s.flavor,
          vcpus: (s) => s.vcpus,
          ram: (s) => s.ramMb,
          disk: (s) => s.diskGb,
          created: (s) => s.startedAt,
          usage: (s) => s.vcpuHours,
          status: (s) => s.state,
          project: (s) => s.projectName,
        },
        label: (s) => s.name,
        id: (s) => s.id,
      },
      spec.locale,
    );
    data.usage = usage;
  }

  // The period's kept usage lines, when the cost section has made them (the chargeback reads them too).
  let usageLines: ServerUsage[] | undefined;
  if (spec.type === 'cost' && period && priceList) {
    const current = new Map(fetched.servers.map((s) => [s.id, s]));
    usageLines = keptUsageLines(fetched.usage, current, keep);
    const cost = buildCost({ usage: usageLines, volumes: fetched.volumes, floatingIps: fetched.floatingIps, period, priceList, projectIds, names });
    for (const l of cost.lines) {
      if (l.kind !== 'server') continue;
      const server = current.get(l.resourceId);
      l.metadata = ownMetadata(server?.metadata);
      l.tags = server ? [...server.tags] : [];
    }
    const kindOrder = { server: 0, volume: 1, floatingIp: 2 } as const;
    cost.lines = sortRows(
      cost.lines,
      sort,
      {
        keys: {
          cost: (l) => l.amount,
          usage: (l) => Number(l.hours),
          flavor: (l) => l.detail,
          vcpus: (l) => l.vcpus,
          ram: (l) => l.ramMb,
          disk: (l) => l.diskGb ?? l.sizeGb,
          project: (l) => l.projectName,
        },
        label: (l) => l.resourceName,
        id: (l) => l.resourceId,
      },
      spec.locale,
    ).sort((a, b) => kindOrder[a.kind] - kindOrder[b.kind]);
    data.cost = cost;
    if (cost.unpricedFlavors.length > 0) notes.push({ code: 'unpricedFlavors', flavors: cost.unpricedFlavors });
    const lineCost = new Map(cost.lines.map((l) => [`${l.kind}:${l.resourceId}`, l.amount]));
    data.waste = findWaste({
      servers,
      volumes: fetched.volumes,
      floatingIps: fetched.floatingIps,
      now: ctx.now,
      shutoffDays: spec.wasteShutoffDays,
      names,
      costBasis: 'period',
      costOf: (kind, id) => lineCost.get(`${kind}:${id}`),
    });
  }

  if (period && spec.type !== 'inventory' && wantsChargeback(spec, priceList, period.preset) && (spec.type === 'usage' || data.cost)) {
    await addChargeback(data, spec, {
      source,
      fetchScope: scope.fetch,
      period,
      timezone,
      visibleProjects: visible,
      names,
      projectIds,
      servers: fetched.servers,
      volumes: fetched.volumes,
      floatingIps: fetched.floatingIps,
      lines: usageLines ?? keptUsageLines(fetched.usage, new Map(fetched.servers.map((s) => [s.id, s])), keep),
      keep,
      ...(priceList ? { priceList } : {}),
    });
  }

  if (period) {
    const existing = new Set(fetched.servers.map((s) => s.id));
    const gone = fetched.usage.reduce((n, p) => n + p.servers.filter((s) => !existing.has(s.instanceId)).length, 0);
    if (gone > 0) notes.push({ code: 'usageWithoutInventory', count: gone });
  }
  ctx.onProgress?.('aggregate', 1, 1);
  log.info('report data built', { servers: servers.length, projects: projectIds.length });
  return data;
}

/**
 * Above this many servers the default server table leaves out the secondary details (id, power
 * state, image, volumes, host): Chromium's print time grows with the text it lays out, and these
 * double it. They stay in the CSV and JSON, and `columns` in the spec brings them back.
 */
export const compactAbove = 2000;

/** The server table's columns when the spec names none. */
function defaultColumns(hostVisible: boolean, metadata: boolean, priced: boolean, compact: boolean): ReportData['presentation']['columns'] {
  if (compact) {
    return [
      'name',
      'status',
      'flavor',
      'vcpus',
      'ram',
      'disk',
      'fixedIps',
      'floatingIps',
      'availabilityZone',
      'created',
      ...(metadata ? (['metadata'] as const) : []),
      ...(priced ? (['cost'] as const) : []),
    ];
  }
  return [
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
    ...(hostVisible ? (['host'] as const) : []),
    'created',
    ...(metadata ? (['metadata'] as const) : []),
    ...(priced ? (['cost'] as const) : []),
  ];
}
