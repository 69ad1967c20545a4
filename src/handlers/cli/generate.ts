import { readFile, writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { AppError } from '../../domain/errors';
import type { Ports } from '../../domain/deps';
import type { InventorySource, Logger } from '../../domain/ports';
import { priceListSchema } from '../../domain/price-list';
import { reportSpecSchema } from '../../domain/report-spec';
import { parseFlags } from './parse';
import { applyFlags, flagsHelp, parseArgsOptions, specFlags } from './spec-flags';
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

const flags = specFlags(reportSpecSchema);

export const generateHelp = `Usage: openstack-reports generate --type TYPE [options]

Makes one report without the server: fetches from the cloud, renders, writes the file(s).
Reports on the demo cloud unless --cloud NAME (clouds.yaml), OS_CLOUD or OS_AUTH_URL names one.

Options:
  --out PATH        output file (default: report.<format>); with several formats, the
                    extension is replaced per format
  --spec FILE       a report spec in JSON or YAML (as POST /v1/reports takes); flags win over it
  --cloud NAME      a cloud from clouds.yaml
  --quiet           no progress on the terminal
  -h, --help        this help

The report spec, one flag per field (lists take repeats or commas):
${flagsHelp(flags)}

A period is a preset, or --start and --end: a date (2026-01-01, that day's midnight in --timezone)
or an ISO datetime with an offset; the end is excluded. Usage and cost reports without one cover
last month.`;

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

/** A file-valued flag's document; the price list is checked here, so its errors name the file. */
async function readFlagFile(flag: string, path: string): Promise<unknown> {
  const doc = await readDocument(path, `--${flag}`);
  if (flag !== 'price-list') return doc;
  const parsed = priceListSchema.safeParse(doc);
  if (!parsed.success)
    throw new UsageError(`--price-list ${path}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'} ${i.message}`).join('; ')}`);
  return parsed.data;
}

export async function generateCommand(args: string[], deps: GenerateCommandDeps): Promise<number> {
  const { values: v } = parseFlags(args, {
    out: { type: 'string', short: 'o' },
    spec: { type: 'string' },
    cloud: { type: 'string' },
    quiet: { type: 'boolean' },
    ...parseArgsOptions(flags),
  });
  if (v.help) {
    console.log(generateHelp);
    return 0;
  }
  const base = (v.spec ? await readDocument(v.spec, '--spec') : {}) as Record<string, unknown>;
  if (typeof base !== 'object' || base === null || Array.isArray(base)) throw new UsageError(`--spec ${v.spec} must hold an object`);
  const spec = await applyFlags(flags, v, base, readFlagFile);
  if (spec.type === undefined) throw new UsageError('--type is required (or a "type" in --spec)');
  const parsed = reportSpecSchema.safeParse(spec);
  if (!parsed.success) {
    throw new UsageError(`the report spec is invalid:\n${parsed.error.issues.map((i) => `  ${i.path.join('.') || '(spec)'}: ${i.message}`).join('\n')}`);
  }
  const reportSpec = parsed.data;
  const named = spec.period as { preset?: unknown; start?: unknown } | undefined;
  if (reportSpec.type !== 'inventory' && !named?.preset && !named?.start) {
    console.error(
      `No period given: reporting on ${reportSpec.period?.preset ?? 'last-month'} in ${reportSpec.period?.timezone ?? 'UTC'} (choose one with --preset, or --start and --end).`,
    );
  }
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
