import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { AppError } from '../../domain/errors';

/** Who holds a data folder: written into its lock file. */
export interface DataDirOwner {
  pid: number;
  /** Where that instance serves, as far as it knew when it started (`http://127.0.0.1:3000`). */
  address: string;
  startedAt: string;
}

export interface DataDirLock {
  release(): Promise<void>;
}

const lockName = 'instance.lock';

/**
 * Claims `dataDir` for this process. dynalite's LevelDB and the queue files allow one writer, so a
 * second service on the same folder would crash deep inside them: it is refused here instead,
 * naming the folder and the instance that holds it. A lock left by a process that no longer runs
 * (kill -9, power loss) is taken over.
 */
export async function lockDataDir(dataDir: string, address: string): Promise<DataDirLock> {
  await mkdir(dataDir, { recursive: true });
  const path = join(dataDir, lockName);
  const me: DataDirOwner = { pid: process.pid, address, startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const file = await open(path, 'wx');
      await file.writeFile(JSON.stringify(me));
      await file.close();
      return { release: () => rm(path, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = await readOwner(path);
    if (owner && isRunning(owner.pid)) {
      throw new AppError(
        'data_dir_in_use',
        `The data folder ${resolve(dataDir)} is in use by another openstack-reports (pid ${owner.pid}, ${owner.address}, started ${owner.startedAt}). ` +
          'Stop that one, or give this one another folder with DATA_DIR.',
      );
    }
    // Stale: its process is gone. Remove and try once more (another starter may win that race).
    await rm(path, { force: true });
  }
  throw new AppError('data_dir_in_use', `The data folder ${resolve(dataDir)} was claimed by another openstack-reports while this one started.`);
}

async function readOwner(path: string): Promise<DataDirOwner | undefined> {
  try {
    const owner = JSON.parse(await readFile(path, 'utf8')) as Partial<DataDirOwner>;
    return typeof owner.pid === 'number' ? { pid: owner.pid, address: String(owner.address), startedAt: String(owner.startedAt) } : undefined;
  } catch {
    return undefined;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
