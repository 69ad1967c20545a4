import type { ChunkPart, DocPart } from './view';

/** One bookmark of the PDF outline: the id of the element it points to, its title and depth (1 = top). */
export interface OutlineEntry {
  id: string;
  title: string;
  level: number;
}

/** Element ids the outline points to, stable across chunks: from the part's place in the document. */
export const anchorId = {
  /** A table part's heading. */
  heading: (part: number) => `s${part}`,
  /** The k-th heading a block renders. */
  block: (part: number, k: number) => `s${part}-${k}`,
  /** The group (project) starting at row `row` of a table part. */
  group: (part: number, row: number) => `s${part}-r${row}`,
};

/**
 * The outline entries a chunk's document holds, in reading order: the headings its blocks render,
 * the heading of each table that starts in it, and each group (project) that starts in it, one level
 * below its table. A table's level 2 heading is a top-level entry; a level 3 one sits under the
 * block heading before it (Waste and its lists).
 */
export function chunkOutline(chunk: ChunkPart[]): OutlineEntry[] {
  const entries: OutlineEntry[] = [];
  for (const { part, index, from, to } of chunk) {
    if (part.kind === 'block') {
      part.outline?.forEach((h, k) => entries.push({ id: anchorId.block(index, k), title: h.title, level: h.level }));
      continue;
    }
    const level = (part.level ?? 2) - 1;
    if (from === 0) entries.push({ id: anchorId.heading(index), title: part.heading, level });
    for (let row = from; row < to; row++) {
      const r = part.table.rows[row];
      if (r.kind === 'group') entries.push({ id: anchorId.group(index, row), title: r.label, level: level + 1 });
    }
  }
  return entries;
}

/** Every part whole, as one chunk: the standalone HTML, and a tagged PDF printed in one piece. */
export function wholeDocument(parts: DocPart[]): ChunkPart[] {
  return parts.map((part, index) => ({ part, index, from: 0, to: part.kind === 'table' ? part.table.rows.length : 0 }));
}
