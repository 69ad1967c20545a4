import type { ServerRow } from '../functions/reports/report-data';
import type { ReportView } from './view';

/** Cell contents shared by several tables. */

/** A resource name with its id beneath; the name's direction follows its text (Arabic, Hebrew). */
export function NameCell({ name, id, partial, v }: { name: string; id?: string; partial?: boolean; v: ReportView }) {
  return (
    <>
      <span dir="auto">{name || v.m.partialName}</span>
      {partial ? (
        <>
          {' '}
          <span class="tag">{v.m.partialMarker}</span>
        </>
      ) : null}
      {id ? (
        <>
          <br />
          <span class="s">{id}</span>
        </>
      ) : null}
    </>
  );
}

/** Nova status with the power state beneath. */
export function StatusCell({ row, power, v }: { row: ServerRow; power: boolean; v: ReportView }) {
  return (
    <>
      <span class={`status-${row.status}`}>{row.status}</span>
      {power && row.powerState ? (
        <>
          <br />
          <span class="s">{v.m.powerStates[row.powerState] ?? row.powerState}</span>
        </>
      ) : null}
    </>
  );
}

/** A list of strings, one per line. */
export function Lines({ items, muted }: { items: string[]; muted?: boolean }) {
  return (
    <>
      {items.map((item, i) => (
        <>
          {i > 0 ? <br /> : null}
          {muted ? <span class="s">{item}</span> : item}
        </>
      ))}
    </>
  );
}

/** Date on the first line, time beneath. */
export function DateTimeCell({ iso, v }: { iso: string | null; v: ReportView }) {
  if (!iso) return <>{''}</>;
  const text = v.f.dateTime(iso);
  const date = v.f.date(iso);
  const time = text.startsWith(date) ? text.slice(date.length).replace(/^[,\s]+/, '') : '';
  return (
    <>
      {date}
      {time ? (
        <>
          <br />
          <span class="s">{time}</span>
        </>
      ) : null}
    </>
  );
}
