/**
 * Small SVG charts drawn here (no chart library): each has a title for assistive technology, a
 * legend, and its numbers in a table beneath (`<details>`), so no one needs the picture to read them.
 */
import { useI18n } from '../i18n/i18n';

export interface Series {
  key: string;
  label: string;
  values: number[];
}

function niceMax(max: number): number {
  if (max <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(max));
  return [1, 2, 2.5, 5, 10].map((m) => m * p).find((v) => v >= max) ?? max;
}

function Legend(props: { series: { key: string; label: string }[] }) {
  return (
    <ul class="legend">
      {props.series.map((s) => (
        <li key={s.key}>
          <span class={`swatch c-${s.key}`} aria-hidden="true" />
          {s.label}
        </li>
      ))}
    </ul>
  );
}

function DataTable(props: { caption: string; categoryLabel: string; categories: string[]; series: Series[]; format(n: number): string }) {
  const { t } = useI18n();
  return (
    <details class="chart-data">
      <summary>{t.stats.chartTable}</summary>
      <table>
        <caption class="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{props.categoryLabel}</th>
            {props.series.map((s) => (
              <th scope="col" key={s.key}>
                {s.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.categories.map((c, i) => (
            <tr key={c}>
              <th scope="row">{c}</th>
              {props.series.map((s) => (
                <td key={s.key}>{props.format(s.values[i] ?? 0)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

/** Vertical bars, one per category, its series stacked (runs per day by outcome). */
export function StackedBars(props: { id: string; title: string; categoryLabel: string; categories: string[]; shortLabels: string[]; series: Series[] }) {
  const { number } = useI18n();
  const width = 640;
  const height = 220;
  const left = 36;
  const bottom = 24;
  const top = 8;
  const n = props.categories.length || 1;
  const totals = props.categories.map((_, i) => props.series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
  const max = niceMax(Math.max(0, ...totals));
  const plotH = height - bottom - top;
  const slot = (width - left) / n;
  const barW = Math.max(2, slot * 0.7);
  const y = (v: number) => top + plotH - (v / max) * plotH;
  const labelEvery = Math.ceil(n / 10);
  return (
    <figure>
      <svg class="chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${props.id}-title`} id={props.id}>
        <title id={`${props.id}-title`}>{props.title}</title>
        {[0, max / 2, max].map((v) => (
          <g key={v}>
            <line class="axis" x1={left} x2={width} y1={y(v)} y2={y(v)} />
            <text x={left - 6} y={y(v) + 4} text-anchor="end">
              {number(v)}
            </text>
          </g>
        ))}
        {props.categories.map((c, i) => {
          let base = 0;
          const x = left + i * slot + (slot - barW) / 2;
          return (
            <g key={c} data-category={c}>
              {props.series.map((s) => {
                const v = s.values[i] ?? 0;
                const y0 = y(base);
                base += v;
                return v > 0 ? (
                  <rect key={s.key} class={`c-${s.key}`} x={x} width={barW} y={y(base)} height={y0 - y(base)}>
                    <title>{`${c}: ${s.label} ${number(v)}`}</title>
                  </rect>
                ) : null;
              })}
              {i % labelEvery === 0 && (
                <text x={x + barW / 2} y={height - 6} text-anchor="middle">
                  {props.shortLabels[i]}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <Legend series={props.series} />
      <DataTable caption={props.title} categoryLabel={props.categoryLabel} categories={props.categories} series={props.series} format={(v) => number(v)} />
    </figure>
  );
}

/** Horizontal bars, one group per category (durations p50/p95, deliveries sent/failed). */
export function GroupedBars(props: { id: string; title: string; categoryLabel: string; categories: string[]; series: Series[]; format(n: number): string }) {
  const rowH = 14;
  const gap = 10;
  const left = 110;
  const width = 640;
  const groupH = props.series.length * rowH + gap;
  const height = Math.max(40, props.categories.length * groupH + 8);
  const max = niceMax(Math.max(0, ...props.series.flatMap((s) => s.values)));
  const x = (v: number) => ((width - left - 90) * v) / max;
  return (
    <figure>
      <svg class="chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${props.id}-title`} id={props.id}>
        <title id={`${props.id}-title`}>{props.title}</title>
        {props.categories.map((c, i) => (
          <g key={c} transform={`translate(0 ${4 + i * groupH})`}>
            <text x={left - 8} y={(props.series.length * rowH) / 2 + 4} text-anchor="end">
              {c}
            </text>
            {props.series.map((s, j) => {
              const v = s.values[i] ?? 0;
              return (
                <g key={s.key}>
                  <rect class={`c-${s.key}`} x={left} y={j * rowH} height={rowH - 3} width={Math.max(1, x(v))}>
                    <title>{`${c}: ${s.label} ${props.format(v)}`}</title>
                  </rect>
                  <text x={left + Math.max(1, x(v)) + 4} y={j * rowH + rowH - 4}>
                    {props.format(v)}
                  </text>
                </g>
              );
            })}
          </g>
        ))}
      </svg>
      <Legend series={props.series} />
      <DataTable caption={props.title} categoryLabel={props.categoryLabel} categories={props.categories} series={props.series} format={props.format} />
    </figure>
  );
}
