import { renderChart, shortLabel, type ChartOptions } from './charts';

/** One bar of the quota chart: use as a percentage of the limit, a quota without limit, or nothing reported. */
export type QuotaBar = { percent: number } | 'unlimited' | null;

export interface QuotaChartOptions extends ChartOptions {
  /** Printed where a quota has no limit. */
  unlimitedLabel: string;
}

const overColour = '#b91c1c';

/**
 * Quota use as grouped horizontal bars: one group per project, one bar per resource. The axis runs
 * past 100% when a project is over quota (Nova lets an operator lower a limit below use), with a
 * dashed line at 100%, and bars over it carry their percentage; a quota without limit has no bar
 * but the word for "unlimited", so an empty place never looks like zero use.
 */
export function quotaUseChart(projects: string[], series: { name: string; bars: QuotaBar[] }[], o: QuotaChartOptions): string {
  const percents = series.flatMap((s) => s.bars.flatMap((b) => (b && b !== 'unlimited' ? [b.percent] : [])));
  // Round steps, up to the highest use: 0-100% by 20, beyond by 50 (or 100 past 300%).
  const highest = Math.max(100, ...percents);
  const step = highest <= 100 ? 20 : highest <= 300 ? 50 : 100;
  const max = Math.ceil(highest / step) * step;
  const label = (text: string, colour: string, bold = false) => ({
    show: true,
    position: 'right' as const,
    formatter: text,
    color: colour,
    fontSize: 8,
    fontWeight: bold ? ('bold' as const) : ('normal' as const),
  });
  const point = (b: QuotaBar) => {
    if (b === null) return null;
    if (b === 'unlimited') return { value: 0, label: label(o.unlimitedLabel, '#64748b') };
    return b.percent > 100 ? { value: b.percent, label: label(o.format(b.percent), overColour, true) } : b.percent;
  };
  return renderChart(
    {
      legend: { bottom: 0, itemWidth: 10, itemHeight: 10, textStyle: { fontSize: 10, color: '#334155' }, data: series.map((s) => shortLabel(s.name, 20)) },
      grid: { left: 8, right: 44, top: 14, bottom: 28, containLabel: true },
      xAxis: {
        type: 'value',
        max,
        interval: step,
        splitLine: { lineStyle: { color: '#e2e8f0' } },
        axisLabel: { fontSize: 9, color: '#64748b', formatter: (v: number) => o.format(v) },
      },
      yAxis: {
        type: 'category',
        data: [...projects].reverse().map((p) => shortLabel(p)),
        axisTick: { show: false },
        axisLabel: { fontSize: 10, color: '#334155' },
      },
      series: series.map((s, i) => ({
        type: 'bar' as const,
        name: shortLabel(s.name, 20),
        data: [...s.bars].reverse().map(point),
        barMaxWidth: 7,
        barGap: '15%',
        // The limit: one dashed line at 100%, drawn with the first series.
        ...(i === 0
          ? {
              markLine: {
                silent: true,
                symbol: 'none',
                data: [{ xAxis: 100 }],
                lineStyle: { color: '#1f2933', type: 'dashed' as const, width: 1 },
                label: { show: true, position: 'end' as const, formatter: o.format(100), fontSize: 8, color: '#1f2933' },
              },
            }
          : {}),
      })),
    },
    o,
  );
}
