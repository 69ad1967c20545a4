import * as echarts from 'echarts';
import { fontStack } from '../fonts';

/** One bar or slice. */
export interface ChartItem {
  label: string;
  value: number;
  /** A colour of its own (a status's), instead of the next palette colour. */
  colour?: string;
}

export interface ChartOptions {
  width: number;
  height: number;
  palette: string[];
  /** Formats values on bar ends and slices, in the report's locale. */
  format: (value: number) => string;
}

// Tags ECharts' SVG renderer emits. Anything else means markup got in (ECharts escapes text, and
// this check keeps it that way across upgrades): the chart is refused rather than embedded.
const allowedTags = new Set([
  'svg',
  'g',
  'path',
  'text',
  'tspan',
  'rect',
  'circle',
  'ellipse',
  'line',
  'polyline',
  'polygon',
  'defs',
  'clippath',
  'lineargradient',
  'radialgradient',
  'stop',
  'title',
  'desc',
]);

/** Throws unless an SVG string contains only the drawing elements ECharts produces. */
export function assertSafeSvg(svg: string): string {
  for (const match of svg.matchAll(/<\/?([A-Za-z][\w:-]*)/g)) {
    if (!allowedTags.has(match[1].toLowerCase())) throw new Error(`Unexpected <${match[1]}> in chart SVG`);
  }
  if (/<!|<\?/.test(svg)) throw new Error('Unexpected markup declaration in chart SVG');
  return svg;
}

/** Shortens a label for an axis; control characters become spaces. */
export function shortLabel(label: string, max = 26): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  const clean = label.replace(/[\u0000-\u001f\u007f]/g, ' ');
  const chars = [...clean];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : clean;
}

/** Draws an ECharts option as SVG, checked to hold drawing elements only. */
export function renderChart(option: echarts.EChartsOption, o: Pick<ChartOptions, 'width' | 'height' | 'palette'>): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: o.width, height: o.height });
  try {
    chart.setOption({ animation: false, color: o.palette, textStyle: { fontFamily: fontStack, fontSize: 11, color: '#334155' }, ...option });
    // ECharts adds a <style> of hover effects (CDATA): useless on paper, so it goes before the check.
    return assertSafeSvg(chart.renderToSVGString().replace(/<style[^>]*>[\s\S]*?<\/style>/g, ''));
  } finally {
    chart.dispose();
  }
}

/** Horizontal bars, largest first, value printed at each bar's end. */
export function horizontalBarChart(items: ChartItem[], o: ChartOptions): string {
  const rows = [...items].reverse();
  return renderChart(
    {
      grid: { left: 8, right: 64, top: 6, bottom: 6, containLabel: true },
      xAxis: { type: 'value', show: false },
      yAxis: {
        type: 'category',
        data: rows.map((r) => shortLabel(r.label)),
        axisTick: { show: false },
        axisLine: { show: false },
        axisLabel: { color: '#334155', fontSize: 11 },
      },
      series: [
        {
          type: 'bar',
          data: rows.map((r) => r.value),
          barMaxWidth: 16,
          itemStyle: { color: o.palette[0], borderRadius: [0, 3, 3, 0] },
          label: { show: true, position: 'right', color: '#1f2933', fontSize: 10, formatter: (p: { value: unknown }) => o.format(Number(p.value)) },
        },
      ],
    },
    o,
  );
}

/** A legend centred below a chart, one small square per entry (`names` as the series or slices are named). */
export function legendBelow(names: string[], fontSize: number): echarts.LegendComponentOption {
  return { bottom: 0, left: 'center', itemWidth: 10, itemHeight: 10, textStyle: { fontSize, color: '#334155' }, data: names };
}

/** A ring of slices with a legend below; the legend shows each slice's own colour. */
export function donutChart(items: ChartItem[], o: ChartOptions): string {
  return renderChart(
    {
      legend: legendBelow(
        items.map((i) => shortLabel(i.label, 20)),
        10,
      ),
      series: [
        {
          type: 'pie',
          radius: ['42%', '68%'],
          center: ['50%', '44%'],
          data: items.map((i) => ({ name: shortLabel(i.label, 20), value: i.value, ...(i.colour ? { itemStyle: { color: i.colour } } : {}) })),
          label: { show: true, fontSize: 10, color: '#1f2933', formatter: (p: { value: unknown }) => o.format(Number(p.value)) },
          labelLine: { length: 6, length2: 6 },
          itemStyle: { borderColor: '#fff', borderWidth: 1 },
        },
      ],
    },
    o,
  );
}

/** Keeps the `n - 1` largest items and sums the rest into one "others" item (of `othersColour`, if given). */
export function topWithOthers(items: ChartItem[], n: number, othersLabel: string, othersColour?: string): ChartItem[] {
  const sorted = [...items].filter((i) => i.value > 0).sort((a, b) => b.value - a.value);
  if (sorted.length <= n) return sorted;
  const rest = sorted.slice(n - 1).reduce((sum, i) => sum + i.value, 0);
  return [...sorted.slice(0, n - 1), { label: othersLabel, value: rest, ...(othersColour ? { colour: othersColour } : {}) }];
}
