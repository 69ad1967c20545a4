import { readFile } from 'node:fs/promises';

/** What Node's fetch accepts as `dispatcher` (an undici Dispatcher); opaque to this module. */
export type Dispatcher = object;

/** TLS settings of a cloud: a CA bundle (PEM text or file path) and/or no verification at all. */
export interface TlsSettings {
  cacert?: string;
  verify: boolean;
}

type AgentConstructor = new (options: { connect: { ca?: string; rejectUnauthorized: boolean } }) => Dispatcher;

/**
 * An undici `Agent` with `connect: { ca, rejectUnauthorized }`, for fetch's `dispatcher` option,
 * or undefined when the defaults (system CAs, verification on) apply.
 */
export async function createTlsDispatcher(tls: TlsSettings): Promise<Dispatcher | undefined> {
  if (tls.verify && !tls.cacert) return undefined;
  const ca = tls.cacert ? await readPem(tls.cacert) : undefined;
  const Agent = await undiciAgent();
  return new Agent({ connect: { ca, rejectUnauthorized: tls.verify } });
}

async function readPem(cacert: string): Promise<string> {
  // A secret document may carry the bundle inline; clouds.yaml names a file.
  if (cacert.includes('-----BEGIN')) return cacert;
  return readFile(cacert, 'utf8');
}

let agentClass: Promise<AgentConstructor> | undefined;

/**
 * The `undici` package is not a dependency, but Node 20 bundles undici for its fetch and keeps
 * the global dispatcher (an `Agent`) under a well-known symbol once fetch has run. Taking the
 * class from there guarantees the dispatcher matches the fetch that uses it. If the package is
 * ever installed, it is preferred.
 */
function undiciAgent(): Promise<AgentConstructor> {
  agentClass ??= (async () => {
    const specifier = 'undici';
    try {
      const mod = (await import(specifier)) as { Agent?: AgentConstructor };
      if (mod.Agent) return mod.Agent;
    } catch {
      // not installed: use the bundled one below
    }
    const key = Symbol.for('undici.globalDispatcher.1');
    const global = globalThis as unknown as Record<symbol, object | undefined>;
    if (!global[key]) await fetch('data:,').catch(() => undefined);
    const dispatcher = global[key];
    if (!dispatcher || dispatcher.constructor.name !== 'Agent') {
      throw new Error('custom TLS settings (cacert, verify: false) need the undici Agent that Node 20 fetch bundles');
    }
    return dispatcher.constructor as AgentConstructor;
  })();
  return agentClass;
}
