/**
 * Every example in README.md runs here as printed: the blocks are read from README itself, so an
 * edited README is tested as written. Shell blocks run line by line in bash against the demo cloud
 * (named `mycloud` and `prod` in a clouds.yaml the test writes); the JSON request is sent to the
 * local service; YAML blocks are loaded as what they claim to be. A fenced block with a language
 * that no runner below takes fails the first test: a new example needs a way to run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile, cp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { cloudConfigFromDocument } from '../../src/adapters/openstack';
import { priceListSchema } from '../../src/domain/price-list';
import { startDemoCloud, type DemoCloud } from '../../src/demo-cloud';
import { pdfText } from '../helpers/pdf-text';

const run = promisify(execFile);
const repo = join(import.meta.dirname, '../..');
const bin = join(repo, 'bin/openstack-reports.js');

interface Block {
  lang: string;
  code: string;
  /** The heading the block stands under, for test names. */
  section: string;
}

/** Fenced code blocks with a language (blocks without one are drawings, not examples). */
function readmeBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  let section = '';
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const heading = /^#+\s+(.*)$/.exec(lines[i]!);
    if (heading) section = heading[1]!;
    const fence = /^```(\w*)\s*$/.exec(lines[i]!);
    if (!fence) continue;
    const body: string[] = [];
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i]!); i++) body.push(lines[i]!);
    if (fence[1]) blocks.push({ lang: fence[1], code: body.join('\n'), section });
  }
  return blocks;
}

/** Shell commands of a block: comments dropped, `\` continuations joined. */
function commands(code: string): string[] {
  return code
    .replace(/\\\n\s*/g, '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

const readme = await readFile(join(repo, 'README.md'), 'utf8');
const blocks = readmeBlocks(readme);

let demo: DemoCloud;
let project: string;
let env: Record<string, string>;
const children: ChildProcess[] = [];

beforeAll(async () => {
  demo = await startDemoCloud({ servers: 30, projects: 4, port: 0 });
  // A scratch project whose node_modules/.bin holds this checkout's CLI, so `npx openstack-reports`
  // resolves here exactly as in a checkout, and the files examples write land here.
  project = await mkdtemp(join(tmpdir(), 'osr-readme-'));
  await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'readme-examples', private: true }));
  await mkdir(join(project, 'node_modules/.bin'), { recursive: true });
  await symlink(bin, join(project, 'node_modules/.bin/openstack-reports'));
  await cp(join(repo, 'examples'), join(project, 'examples'), { recursive: true });
  const entry = (name: string) => parseYaml(demo.cloudsYaml(name, 'admin')) as { clouds: Record<string, unknown> };
  await writeFile(join(project, 'clouds.yaml'), JSON.stringify({ clouds: { ...entry('mycloud').clouds, ...entry('prod').clouds } }));
  env = {
    ...(process.env as Record<string, string>),
    OS_CLIENT_CONFIG_FILE: join(project, 'clouds.yaml'),
    PORT: '0',
    OUTBOX_PORT: '0',
    OUTBOX_WEB_PORT: '0',
    DATA_DIR: join(project, 'data'),
    DEMO_SERVERS: '20',
    DEMO_PROJECTS: '3',
  };
}, 120_000);

afterAll(async () => {
  for (const c of children) {
    try {
      process.kill(-c.pid!, 'SIGKILL');
    } catch {
      // Already gone with its group.
    }
  }
  await demo?.close();
  if (project) await rm(project, { recursive: true, force: true });
});

/** Starts a long-running command (`npm start`, `serve`, `demo-cloud`), waits until it says `ready`, hands it over, stops it with Ctrl-C. */
async function whileServing(command: string, cwd: string, use: (banner: string) => Promise<void>, ready = 'Press Ctrl-C'): Promise<void> {
  // Its own process group, so Ctrl-C reaches npm, node and everything they started, as in a terminal.
  const child = spawn('bash', ['-c', command], {
    cwd,
    env: { ...env, DATA_DIR: join(project, `data-${children.length}`) },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const started = Date.now();
  while (!out.includes(ready) && child.exitCode === null && Date.now() - started < 90_000) await new Promise((r) => setTimeout(r, 100));
  expect(out).toContain(ready);
  try {
    await use(out);
  } finally {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      process.kill(-child.pid!, 'SIGINT');
      await exited;
    }
  }
}

/** Runs one shell line in the scratch project. */
async function sh(line: string): Promise<{ stdout: string; stderr: string }> {
  return run('bash', ['-c', line], { cwd: project, env, maxBuffer: 64 * 1024 * 1024, timeout: 180_000 });
}

/** How each kind of README line runs. */
async function runShellLine(line: string): Promise<void> {
  // The install step is what this suite runs after; `npm test` is the suite itself (CI's last line).
  if (line === 'npm install' || line === 'npm ci') return;
  if (line === 'npm test') {
    expect((await readFile(join(repo, '.ci/run'), 'utf8')).trim().endsWith('npm test')).toBe(true);
    return;
  }
  // `cmd   # or: other` shows two ways: both run.
  const [command, comment] = line.split(/\s+#\s*/);
  const alternative = /^or:\s+(.*)$/.exec(comment ?? '')?.[1];
  if (alternative) await runShellLine(alternative);
  const serving = /(^|\s)(npm start|openstack-reports serve)(\s|$)/.test(command!);
  const demoCloud = /openstack-reports demo-cloud/.test(command!);
  if (serving) {
    // The banner's copy-paste block runs as printed, in bash: it requests, waits and downloads a PDF.
    await whileServing(command!.trim(), command!.includes('npm start') ? repo : project, async (banner) => {
      const block = banner.split('copy and paste into another terminal\n')[1]!.split('\n\n')[0]!;
      await run('bash', ['-c', block.replace(/\\\n/g, ' ')], { cwd: project, env, timeout: 120_000 });
      expect((await pdfText(new Uint8Array(await readFile(join(project, 'report.pdf'))))).text).toContain('web-');
    });
    return;
  }
  if (demoCloud) {
    // The demo cloud prints a clouds.yaml entry instead of the service's banner.
    await whileServing(command!.trim(), project, async (out) => expect(out).toMatch(/auth_url: http:\/\/127\.0\.0\.1:/), 'identity_api_version');
    return;
  }
  const { stdout } = await sh(command!);
  for (const written of [...command!.matchAll(/--out\s+(\S+)/g)].map((m) => m[1]!)) {
    const formats = /--format\s+(\S+)/.exec(command!)?.[1]?.split(',') ?? [written.split('.').pop()!];
    for (const format of formats) {
      const file = formats.length === 1 ? written : written.replace(/\.[a-z]+$/i, `.${format}`);
      expect(stdout).toContain(`wrote ${file}`);
      const body = await readFile(join(project, file));
      if (format === 'pdf') expect((await pdfText(new Uint8Array(body))).pages.length).toBeGreaterThan(0);
      else expect(body.byteLength).toBeGreaterThan(100);
    }
  }
  if (/openstack-reports token/.test(command!)) expect(stdout.trim()).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
}

describe('README examples, as printed', () => {
  it('each has a way to run', () => {
    expect(blocks.length).toBeGreaterThan(3);
    expect(blocks.filter((b) => !['sh', 'json', 'yaml'].includes(b.lang)).map((b) => `${b.section}: ${b.lang}`)).toEqual([]);
  });

  it.each(blocks.filter((b) => b.lang === 'sh').map((b) => [b.section, b.code] as const))('%s: %s', async (_section, code) => {
    for (const line of commands(code)) await runShellLine(line);
  });

  it.each(blocks.filter((b) => b.lang === 'yaml').map((b) => [b.section, b.code] as const))('%s: the YAML loads as what it shows', async (_section, code) => {
    const doc = parseYaml(code) as Record<string, unknown>;
    if ('clouds' in doc) {
      for (const entry of Object.values(doc.clouds as Record<string, unknown>)) expect(() => cloudConfigFromDocument(entry as never)).not.toThrow();
    } else {
      expect(priceListSchema.parse(doc)).toEqual(priceListSchema.parse(parseYaml(await readFile(join(repo, 'examples/prices.yaml'), 'utf8'))));
    }
  });

  it.each(blocks.filter((b) => b.lang === 'json').map((b) => [b.section, b.code] as const))(
    '%s: the request succeeds on the local service',
    async (_section, code) => {
      await whileServing(`node ${bin} serve --quiet`, project, async (banner) => {
        const url = /running at (http:\/\/127\.0\.0\.1:\d+)/.exec(banner)![1]!;
        const token = /TOKEN='([^']+)'/.exec(banner)![1]!;
        const auth = { authorization: `Bearer ${token}` };
        const res = await fetch(`${url}/v1/reports`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: code });
        expect(res.status).toBe(202);
        const { id } = (await res.json()) as { id: string };
        let run: { status: string; error?: unknown } = { status: 'queued' };
        for (const t0 = Date.now(); !['succeeded', 'failed'].includes(run.status) && Date.now() - t0 < 90_000; await new Promise((r) => setTimeout(r, 250))) {
          run = (await (await fetch(`${url}/v1/reports/${id}`, { headers: auth })).json()) as typeof run;
        }
        expect(run).toMatchObject({ status: 'succeeded' });
      });
    },
  );
});
