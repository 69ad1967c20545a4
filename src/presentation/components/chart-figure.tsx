import { raw } from 'hono/html';

/**
 * A chart with its caption. The SVG is ours (ECharts' server-side renderer, which escapes text, and
 * `assertSafeSvg` checked it), so it is the one place `raw` is used.
 */
export function ChartFigure({ caption, svg }: { caption: string; svg: string }) {
  // Figures share the row in proportion to their drawing widths, so every chart is drawn at the
  // same scale and text sizes match across the row.
  const width = Number(/^<svg[^>]*\swidth="(\d+)"/.exec(svg)?.[1] ?? 300);
  return (
    <figure style={`flex:${width} 1 0`}>
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
