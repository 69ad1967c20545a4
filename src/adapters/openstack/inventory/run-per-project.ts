/**
 * Runs `task` for each project and concatenates the results in project order. Concurrency is
 * bounded by the transport's semaphore (every request takes a slot), so this does not open one
 * connection per project; the first failure fails the whole call, as the port demands.
 */
export async function runPerProject<T>(projectIds: readonly string[], task: (projectId: string) => Promise<T[]>): Promise<T[]> {
  const results = await Promise.all(projectIds.map((id) => task(id)));
  return results.flat();
}

/** Collects an async page stream. */
export async function drain<T>(pages: AsyncIterable<T[]>): Promise<T[]> {
  const all: T[] = [];
  for await (const items of pages) for (const item of items) all.push(item);
  return all;
}

/** Splits ids so repeated `project_id=` filters keep URLs well under common 8 KiB proxy limits. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
