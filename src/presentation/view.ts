import type { Child } from 'hono/jsx';
import type { ReportData } from '../report-engine/report-data';
import type { TableModel } from './components/data-table';
import type { Formatters } from './format';
import type { Messages } from './messages';
import type { Theme } from './theme';

/** What every template reads: the data, and the locale's labels and formatters, and the theme. */
export interface ReportView {
  data: ReportData;
  m: Messages;
  f: Formatters;
  theme: Theme;
}

/** A heading a block starts, as the PDF outline (bookmarks) lists it: 1 for a top-level section. */
export interface OutlineHeading {
  title: string;
  level: 1 | 2;
}

/**
 * A piece of a report document. Blocks are small and printed whole; tables may be split across
 * chunks (each chunk is a separate Chromium print, merged later). `weight` estimates a block's cost
 * in table cells so chunks stay about the same size. A block's `outline` lists the headings it
 * renders, in order; `render` gives the k-th of them the id `anchor(k)`, which the outline points to.
 * A table's heading and its groups (projects) are in the outline by themselves.
 */
export type DocPart =
  | { kind: 'block'; weight: number; render: (anchor: (k: number) => string) => Child; outline?: OutlineHeading[] }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- parts hold tables of different row types
  | { kind: 'table'; heading: string; level?: 2 | 3; table: TableModel<any> };

/** A block, or a slice [from, to) of a table's rows, placed in one chunk. `index` is the part's place in the document. */
export interface ChunkPart {
  part: DocPart;
  index: number;
  from: number;
  to: number;
}
