/**
 * Swift's state for the demo cloud: accounts (one per project, `AUTH_<project_id>`) holding
 * containers holding objects, in memory, listed in Swift's order (by UTF-8 bytes of the name).
 */
import { createHash } from 'node:crypto';

/** One stored object. */
export interface DemoObject {
  name: string;
  bytes: Uint8Array;
  contentType: string;
  /** MD5 hex of `bytes`, as Swift's ETag. */
  etag: string;
  /** Wall-clock milliseconds of the last PUT. */
  modifiedMs: number;
}

/** One container: its objects by name. */
export interface DemoContainer {
  name: string;
  createdMs: number;
  objects: Map<string, DemoObject>;
}

/** A stored object with where it lives, as tests read it. */
export interface StoredObject {
  /** The project whose account holds it. */
  projectId: string;
  container: string;
  name: string;
  bytes: Uint8Array;
  contentType: string;
  etag: string;
}

/** Swift's ordering: by the UTF-8 bytes of the name, not by UTF-16 code units. */
export function byUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** Every account's containers and objects. */
export class DemoObjectStore {
  private readonly accounts = new Map<string, Map<string, DemoContainer>>();

  /** The containers of a project's account, sorted; empty when it has none. */
  containers(projectId: string): DemoContainer[] {
    return [...(this.accounts.get(projectId)?.values() ?? [])].sort((a, b) => byUtf8(a.name, b.name));
  }

  container(projectId: string, name: string): DemoContainer | undefined {
    return this.accounts.get(projectId)?.get(name);
  }

  /** Creates a container; false when it already existed (Swift's 202). */
  createContainer(projectId: string, name: string, nowMs: number): boolean {
    let account = this.accounts.get(projectId);
    if (!account) this.accounts.set(projectId, (account = new Map()));
    if (account.has(name)) return false;
    account.set(name, { name, createdMs: nowMs, objects: new Map() });
    return true;
  }

  deleteContainer(projectId: string, name: string): void {
    this.accounts.get(projectId)?.delete(name);
  }

  /** Stores (or replaces) an object in an existing container. */
  putObject(container: DemoContainer, name: string, bytes: Uint8Array, contentType: string, nowMs: number): DemoObject {
    const object: DemoObject = { name, bytes, contentType, etag: md5Hex(bytes), modifiedMs: nowMs };
    container.objects.set(name, object);
    return object;
  }

  /** The objects of a container, sorted. */
  objects(container: DemoContainer): DemoObject[] {
    return [...container.objects.values()].sort((a, b) => byUtf8(a.name, b.name));
  }

  /** Every object of every account, for tests. */
  all(): StoredObject[] {
    const out: StoredObject[] = [];
    for (const [projectId, account] of this.accounts) {
      for (const container of [...account.values()].sort((a, b) => byUtf8(a.name, b.name))) {
        for (const o of this.objects(container)) {
          out.push({ projectId, container: container.name, name: o.name, bytes: o.bytes, contentType: o.contentType, etag: o.etag });
        }
      }
    }
    return out;
  }
}

export function md5Hex(bytes: Uint8Array): string {
  return createHash('md5').update(bytes).digest('hex');
}
