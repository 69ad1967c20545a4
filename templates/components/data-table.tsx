import type { Child } from 'hono/jsx';

/** One column of a data table. */
export interface Column<T> {
  key: string;
  header: string;
  /** Right-aligned, tabular figures, no wrapping. */
  numeric?: boolean;
  /** Relative width; the table uses a fixed layout, which is far cheaper for Chromium than auto. */
  width: number;
  cell: (row: T) => Child;
}

/** A table line: a data row, a group heading (a project), or a subtotal or total. */
export type TableRow<T> =
  | { kind: 'row'; row: T }
  | { kind: 'group'; label: string; detail?: string }
  | { kind: 'subtotal' | 'total'; label: string; values: Partial<Record<string, Child>> };

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
}

function SummaryRow<T>({ table, row }: { table: TableModel<T>; row: Extract<TableRow<T>, { kind: 'subtotal' | 'total' }> }) {
  // The label spans the leading columns that carry no figure (the first column never does).
  const firstValue = table.columns.findIndex((c) => row.values[c.key] !== undefined);
  const span = firstValue === -1 ? table.columns.length : Math.max(1, firstValue);
  return (
    <tr class={row.kind}>
      <td colspan={span}>{row.label}</td>
      {table.columns.slice(span).map((c) => (
        <td class={c.numeric ? 'n' : undefined}>{row.values[c.key] ?? ''}</td>
      ))}
    </tr>
  );
}

/**
 * Rows `from`..`to` of a table with its header. The header is a `thead`, which Chromium and
 * WeasyPrint repeat at the top of every page the table spans.
 */
export function DataTable<T>({ table, from, to, continued }: SliceProps<T>) {
  if (table.rows.length === 0) return <p class="empty">{table.empty}</p>;
  const total = table.columns.reduce((sum, c) => sum + c.width, 0);
  const lines: Child[] = [];
  const startsInGroup = table.rows[from]?.kind !== 'group';
  if (from > 0 && startsInGroup) {
    for (let i = from - 1; i >= 0; i--) {
      const r = table.rows[i];
      if (r.kind === 'group') {
        lines.push(
          <tr class="group">
            <td colspan={table.columns.length}>{continued(r.label)}</td>
          </tr>,
        );
        break;
      }
    }
  }
  for (let i = from; i < to; i++) {
    const r = table.rows[i];
    if (r.kind === 'row') {
      lines.push(<tr>{table.columns.map((c) => <td class={c.numeric ? 'n' : undefined}>{c.cell(r.row)}</td>)}</tr>);
    } else if (r.kind === 'group') {
      lines.push(
        <tr class="group">
          <td colspan={table.columns.length}>
            {r.label}
            {r.detail ? <span class="s"> · {r.detail}</span> : null}
          </td>
        </tr>,
      );
    } else {
      lines.push(<SummaryRow table={table} row={r} />);
    }
  }
  return (
    <table class="data">
      <colgroup>
        {table.columns.map((c) => (
          <col style={`width:${((c.width / total) * 100).toFixed(2)}%`} />
        ))}
      </colgroup>
      <thead>
        <tr>
          {table.columns.map((c) => (
            <th class={c.numeric ? 'n' : undefined}>{c.header}</th>
          ))}
        </tr>
      </thead>
      <tbody>{lines}</tbody>
    </table>
  );
}
