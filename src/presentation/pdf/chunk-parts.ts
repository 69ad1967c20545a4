import type { ChunkPart, DocPart } from '../view';

/** Rows a table slice keeps together at the end of a chunk rather than leave a heading nearly alone. */
const minSliceRows = 40;

/**
 * Splits a document into chunks of about `budget` table cells each. Chromium's print layout costs
 * grow with the number of cells, and its memory with the whole document, so large tables are
 * printed in bounded pieces (each starts on a new page) and merged. Blocks are never split.
 */
export function chunkParts(parts: DocPart[], budget: number): ChunkPart[][] {
  const chunks: ChunkPart[][] = [];
  let current: ChunkPart[] = [];
  let used = 0;
  const flush = () => {
    if (current.length > 0) chunks.push(current);
    current = [];
    used = 0;
  };
  for (const [index, part] of parts.entries()) {
    if (part.kind === 'block') {
      if (used + part.weight > budget && current.length > 0) flush();
      current.push({ part, index, from: 0, to: 0 });
      used += part.weight;
      continue;
    }
    const perRow = Math.max(1, part.table.columns.length);
    const rows = part.table.rows.length;
    if (rows === 0) {
      current.push({ part, index, from: 0, to: 0 });
      used += perRow;
      continue;
    }
    let from = 0;
    while (from < rows) {
      const room = Math.floor((budget - used) / perRow);
      const remaining = rows - from;
      if (current.length > 0 && room < Math.min(minSliceRows, remaining)) {
        flush();
        continue;
      }
      const to = Math.min(rows, from + Math.max(room, minSliceRows));
      current.push({ part, index, from, to });
      used += (to - from) * perRow;
      from = to;
    }
  }
  flush();
  return chunks;
}
