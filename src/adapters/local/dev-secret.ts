import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** The local runtime's token-signing key: random, created once, kept in the data folder (mode 600). */
export async function loadOrCreateDevSecret(path: string): Promise<Uint8Array> {
  try {
    const saved = await readFile(path);
    if (saved.length >= 32) return new Uint8Array(saved);
  } catch {
    // created below
  }
  const secret = randomBytes(32);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, secret, { mode: 0o600 });
  return new Uint8Array(secret);
}
