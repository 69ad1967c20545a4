import { raw } from 'hono/html';

/**
 * A chart with its caption. The SVG is ours (ECharts' server-side renderer, which escapes text, and
 * `assertSafeSvg` checked it), so it is the one place `raw` is used.
 */
export function ChartFigure({ caption, svg }: { caption: string; svg: string }) {
  return (
    <figure>
      <figcaption>{caption}</figcaption>
      {raw(svg)}
    </figure>
  );
}

/** Charts side by side. */
export function ChartRow({ charts }: { charts: { caption: string; svg: string }[] }) {
  return (
    <section class="charts">
      {charts.map((c) => (
        <ChartFigure caption={c.caption} svg={c.svg} />
      ))}
    </section>
  );
}
