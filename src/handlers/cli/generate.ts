import { readFile, writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { AppError } from '../../domain/errors';
import type { Ports } from '../../domain/deps';
import type { InventorySource, Logger } from '../../domain/ports';
import { priceListSchema } from '../../domain/price-list';
import { reportFormats, reportSpecSchema, reportTypes } from '../../domain/report-spec';
import { parseFlags } from './parse';
import { UsageError } from './usage-error';

/** A cloud opened for one report, with the engine and the renderer configured for it. */
export type ReportSession = Pick<Ports, 'reportBuilder' | 'reportRenderer'> & {
  inventory: InventorySource;
  /** What the user is looking at ("the demo cloud at …", "cloud \"prod\" from clouds.yaml"). */
  description: string;
  /** Whether a brand theme is configured (BRANDING_FILE); `--theme brand` needs one. */
  brandingConfigured: boolean;
  close(): Promise<void>;
};

/** What `generate` needs from the wiring: a session on the cloud named by `--cloud` (or the environment's, or the demo cloud). */
export interface GenerateCommandDeps {
  openSession(cloud: string | undefined): Promise<ReportSession>;
  logger: Logger;
}

export const generateHelp = `Usage: openstack-reports generate --type TYPE [options]

Makes one report without the server: fetches from the cloud, renders, writes the file(s).
Reports on the demo cloud unless --cloud NAME (clouds.yaml), OS_CLOUD or OS_AUTH_URL names one.

Options:
  --type TYPE          ${reportTypes.join(' | ')} (required unless --spec gives it)
  --format F[,F]       ${reportFormats.join(' | ')}; repeat or comma-separate for several (default: pdf)
  --out PATH           output file (default: report.<format>); with several formats, the
                       extension is replaced per format
  --spec FILE          a report spec in JSON or YAML; flags override its fields
  --cloud NAME         a cloud from clouds.yaml
  --project NAME       limit to projects by name (repeat); --project-id ID by id
  --preset P           last-month | month-to-date | last-7-days | last-30-days | year-to-date
  --start ISO --end ISO  the period instead of a preset; --timezone ZONE (IANA, default UTC)
  --status S           only servers in this status (repeat)
  --flavor NAME        only servers of this flavor (repeat)
  --name PATTERN       only servers whose name matches (* and ?)
  --locale L           en | pt-BR          --currency CODE   e.g. EUR
  --title TEXT         --watermark TEXT    --theme default|brand
  --price-list FILE    price list (YAML or JSON) for cost reports
  --accessible         a tagged (accessible) PDF: larger and slower
  --quiet              no progress on the terminal
  -h, --help           this help`;

const list = (v: string[] | undefined) =>
  v
    ? v
        .flatMap((x) => x.split(','))
        .map((x) => x.trim())
        .filter(Boolean)
    : undefined;

async function readDocument(path: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`${what} ${path} cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  try {
    return extname(path) === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new UsageError(`${what} ${path} is not valid ${extname(path) === '.json' ? 'JSON' : 'YAML'}: ${(error as Error).message}`);
  }
}

export async function generateCommand(args: string[], deps: GenerateCommandDeps): Promise<number> {
  const { values: v } = parseFlags(args, {
    type: { type: 'string' },
    format: { type: 'string', multiple: true },
    out: { type: 'string', short: 'o' },
    spec: { type: 'string' },
    cloud: { type: 'string' },
    project: { type: 'string', multiple: true },
    'project-id': { type: 'string', multiple: true },
    preset: { type: 'string' },
    start: { type: 'string' },
    end: { type: 'string' },
    timezone: { type: 'string' },
    status: { type: 'string', multiple: true },
    flavor: { type: 'string', multiple: true },
    name: { type: 'string' },
    locale: { type: 'string' },
    currency: { type: 'string' },
    title: { type: 'string' },
    watermark: { type: 'string' },
    theme: { type: 'string' },
    'price-list': { type: 'string' },
    accessible: { type: 'boolean' },
    quiet: { type: 'boolean' },
  });
  if (v.help) {
    console.log(generateHelp);
    return 0;
  }
  const base = (v.spec ? await readDocument(v.spec, '--spec') : {}) as Record<string, unknown>;
  if (typeof base !== 'object' || base === null || Array.isArray(base)) throw new UsageError(`--spec ${v.spec} must hold an object`);
  const spec: Record<string, unknown> = { ...base };
  const set = (key: string, value: unknown) => value !== undefined && (spec[key] = value);
  set('type', v.type);
  set('formats', list(v.format));
  set('locale', v.locale);
  set('currency', v.currency);
  set('title', v.title);
  set('watermark', v.watermark);
  set('theme', v.theme);
  if (v.accessible) spec.accessiblePdf = true;
  if (v.project || v['project-id']) spec.scope = { ...(spec.scope as object), projectNames: list(v.project), projectIds: list(v['project-id']) };
  if (v.preset || v.start || v.end || v.timezone) {
    spec.period = { ...(spec.period as object), preset: v.preset, start: v.start, end: v.end, timezone: v.timezone };
  }
  if (v.status || v.flavor || v.name) {
    spec.filters = { ...(spec.filters as object), status: list(v.status), flavor: list(v.flavor), namePattern: v.name };
  }
  if (v['price-list']) {
    const parsed = priceListSchema.safeParse(await readDocument(v['price-list'], '--price-list'));
    if (!parsed.success)
      throw new UsageError(`--price-list ${v['price-list']}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'} ${i.message}`).join('; ')}`);
    spec.priceList = parsed.data;
  }
  if (spec.type === undefined) throw new UsageError('--type is required (or a "type" in --spec)');
  const parsed = reportSpecSchema.safeParse(JSON.parse(JSON.stringify(spec)));
  if (!parsed.success) {
    throw new UsageError(`the report spec is invalid:\n${parsed.error.issues.map((i) => `  ${i.path.join('.') || '(spec)'}: ${i.message}`).join('\n')}`);
  }
  const reportSpec = parsed.data;
  const out = v.out ?? `report.${reportSpec.formats[0]}`;
  const pathFor = (ext: string) => (reportSpec.formats.length === 1 ? out : out.replace(/(\.[a-z]+)?$/i, `.${ext}`));

  const progress = !v.quiet && process.stderr.isTTY;
  const onProgress = progress ? (stage: string, done: number, total: number) => void process.stderr.write(`\r${stage}: ${done}/${total}   `) : undefined;
  const session = await deps.openSession(v.cloud);
  try {
    if (reportSpec.theme === 'brand' && !session.brandingConfigured) {
      throw new UsageError(
        '--theme brand needs a brand theme, and none is configured: set BRANDING_FILE to a JSON file with the brand (name, logoDataUrl, primaryColor, accentColor, title), or use --theme default',
      );
    }
    if (progress) process.stderr.write(`Fetching from ${session.description}…\n`);
    const data = await session.reportBuilder.build(session.inventory, reportSpec, { runId: 'cli', now: new Date(), logger: deps.logger, onProgress });
    if (progress) process.stderr.write('\nRendering…\n');
    const artifacts = await session.reportRenderer.render(data, reportSpec, { onProgress });
    if (progress) process.stderr.write('\n');
    for (const a of artifacts) {
      await writeFile(pathFor(a.extension), a.body);
      console.log(`wrote ${pathFor(a.extension)} (${a.body.byteLength.toLocaleString('en')} bytes)`);
    }
    return 0;
  } catch (error) {
    if (error instanceof AppError && !error.retryable) {
      console.error(`openstack-reports generate: ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    await session.close();
  }
}
