import { legendBelow, renderChart, shortLabel, type ChartOptions } from './charts';

/** One stacked series: a group's value in each category (step). */
export interface StackSeries {
  label: string;
  values: number[];
  /** A colour of its own (the grey of "others"), instead of the next palette colour. */
  colour?: string;
}

/**
 * Vertical bars stacked by series, one bar per category (a time step), with a legend below and the
 * value axis formatted in the report's locale. Labels thin out on long series so they stay legible.
 */
export function stackedBarChart(categories: string[], series: StackSeries[], o: ChartOptions): string {
  const every = Math.max(1, Math.ceil(categories.length / 16));
  return renderChart(
    {
      legend: legendBelow(
        series.map((s) => shortLabel(s.label, 22)),
        9,
      ),
      grid: { left: 8, right: 12, top: 10, bottom: 20 + 14 * Math.ceil(series.length / 5), containLabel: true },
      xAxis: {
        type: 'category',
        data: categories.map((c) => shortLabel(c, 12)),
        axisTick: { show: false },
        axisLabel: { fontSize: 8, color: '#64748b', interval: every - 1 },
      },
      yAxis: {
        type: 'value',
        splitLine: { lineStyle: { color: '#e2e8f0' } },
        axisLabel: { fontSize: 8, color: '#64748b', formatter: (v: number) => o.format(v) },
      },
      series: series.map((s) => ({
        type: 'bar' as const,
        name: shortLabel(s.label, 22),
        stack: 'total',
        data: s.values,
        barMaxWidth: 28,
        ...(s.colour ? { itemStyle: { color: s.colour } } : {}),
      })),
    },
    o,
  );
}
