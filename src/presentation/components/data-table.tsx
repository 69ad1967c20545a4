import { html, raw } from 'hono/html';
import { escapeToBuffer, type HtmlEscapedString } from 'hono/utils/html';

/** What a table cell holds: text, a number, or markup built with hono's `html` (escaped). */
export type Cell = string | number | HtmlEscapedString | Promise<HtmlEscapedString> | null | undefined;

/** A cell's HTML: strings escaped (hono's escaper), numbers as is, `html` fragments as they are. */
function cellHtml(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return String(cell);
  if (cell instanceof Promise) throw new Error('asynchronous cells are not supported');
  // `html` and `raw` results are String objects marked `isEscaped`; anything else is text.
  if ((cell as { isEscaped?: boolean }).isEscaped) return String(cell);
  const buffer: [string] = [''];
  escapeToBuffer(String(cell), buffer);
  return buffer[0];
}

/** One column of a data table. */
export interface Column<T> {
  key: string;
  header: string;
  /** Right-aligned, tabular figures, no wrapping. */
  numeric?: boolean;
  /** Relative width; the table uses a fixed layout, which is far cheaper for Chromium than auto. */
  width: number;
  cell: (row: T) => Cell;
}

/** A table line: a data row, a group heading (a project), or a subtotal or total. */
export type TableRow<T> =
  | { kind: 'row'; row: T }
  | { kind: 'group'; label: string; detail?: string }
  | { kind: 'subtotal' | 'total'; label: string; values: Partial<Record<string, Cell>> };

/** A table's model: rendered whole, or in slices when a large report is printed in chunks. */
export interface TableModel<T> {
  columns: Column<T>[];
  rows: TableRow<T>[];
  /** Shown instead of an empty table. */
  empty: string;
}

interface SliceProps<T> {
  table: TableModel<T>;
  from: number;
  to: number;
  /** Turns a group label into its "continued" form, for a slice that starts inside a group. */
  continued: (label: string) => string;
  /** The element id of the group starting at row `row`: where the PDF outline points. */
  anchor?: (row: number) => string;
}

/** One `<table>` of a slice: a group's rows under its caption, or a table without groups. */
interface Segment {
  /** The group caption, repeated with the column headers at the top of every page. */
  caption?: HtmlEscapedString | Promise<HtmlEscapedString>;
  id?: string;
  /** False for the grand total after the groups: it belongs to none of them. */
  header: boolean;
  lines: (HtmlEscapedString | Promise<HtmlEscapedString>)[];
}

function summaryRow<T>(table: TableModel<T>, row: Extract<TableRow<T>, { kind: 'subtotal' | 'total' }>) {
  // The label spans the leading columns that carry no figure (the first column never does).
  const firstValue = table.columns.findIndex((c) => row.values[c.key] !== undefined);
  const span = firstValue === -1 ? table.columns.length : Math.max(1, firstValue);
  return html`<tr class="${row.kind}">
    <td colspan="${span}">${row.label}</td>
    ${table.columns.slice(span).map((c) => html`<td${c.numeric ? html` class="n"` : ''}>${row.values[c.key] ?? ''}</td>`)}
  </tr>`;
}

/**
 * Rows `from`..`to` of a table with its header. The header is a `thead`, which Chromium and
 * WeasyPrint repeat at the top of every page the table spans. A grouped table (servers by project)
 * is one `<table>` per group with the group's caption in its `thead`, so a page where a project's
 * rows continue says which project they belong to. Rows are written with hono's `html` template
 * (escaping like JSX, several times faster on tens of thousands of rows).
 */
export function DataTable<T>({ table, from, to, continued, anchor }: SliceProps<T>): HtmlEscapedString | Promise<HtmlEscapedString> {
  if (table.rows.length === 0) return html`<p class="empty">${table.empty}</p>`;
  const total = table.columns.reduce((sum, c) => sum + c.width, 0);
  const span = table.columns.length;
  const grouped = table.rows[0].kind === 'group';
  const caption = (label: string, detail?: string) =>
    html`<tr class="group">
      <td colspan="${span}">${label}${detail ? html`<span class="s"> · ${detail}</span>` : ''}</td>
    </tr>`;
  const segments: Segment[] = [];
  let current: Segment = { header: true, lines: [] };
  if (from > 0 && table.rows[from]?.kind !== 'group') {
    for (let i = from - 1; i >= 0; i--) {
      const r = table.rows[i];
      if (r.kind === 'group') {
        current.caption = caption(continued(r.label));
        break;
      }
    }
  }
  const next = (segment: Segment) => {
    if (current.lines.length > 0 || current.caption) segments.push(current);
    current = segment;
  };
  // Data rows, the bulk of a large report, are joined as plain strings around escaped cells: the
  // same escaping as `html`, without an object per cell (a 50,000-row table has 500,000 cells).
  const open = table.columns.map((c) => (c.numeric ? '<td class="n">' : '<td>'));
  for (let i = from; i < to; i++) {
    const r = table.rows[i];
    if (r.kind === 'row') {
      const row = r.row;
      let tr = '<tr>';
      for (let k = 0; k < table.columns.length; k++) tr += open[k] + cellHtml(table.columns[k].cell(row)) + '</td>';
      current.lines.push(raw(tr + '</tr>'));
    } else if (r.kind === 'group') {
      next({ header: true, caption: caption(r.label, r.detail), ...(anchor ? { id: anchor(i) } : {}), lines: [] });
    } else {
      if (grouped && r.kind === 'total') next({ header: false, lines: [] });
      current.lines.push(summaryRow(table, r));
    }
  }
  next({ header: true, lines: [] });
  const cols = table.columns.map((c) => html`<col style="width:${((c.width / total) * 100).toFixed(2)}%" />`);
  const heads = table.columns.map((c) => html`<th${c.numeric ? html` class="n"` : ''}>${c.header}</th>`);
  return html`${segments.map(
    (s) =>
      html`<table class="${grouped ? 'data grp' : 'data'}" ${s.id ? html` id="${s.id}"` : ''}>
        <colgroup>
          ${cols}
        </colgroup>
        ${
          s.header || s.caption
            ? html`<thead>
                ${
                  s.header
                    ? html`<tr>
                        ${heads}
                      </tr>`
                    : ''
                }${s.caption ?? ''}
              </thead>`
            : ''
        }
        <tbody>
          ${s.lines}
        </tbody>
      </table>`,
  )}`;
}
