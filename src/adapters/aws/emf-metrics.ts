import { cloudWatchNamespace, metricCatalogue, type MetricName } from '../../domain/metric-catalogue';
import type { Metrics } from '../../domain/ports';

interface Series {
  name: MetricName;
  labels: Record<string, string>;
  /** A counter's sum, or a histogram's observations (CloudWatch computes percentiles from them). */
  values: number[];
}

/** Every metric's `service` dimension: one value for the three functions, so a dashboard names it once. */
export const emfServiceName = 'openstack-reports';

/**
 * The metrics of `metricCatalogue` as CloudWatch embedded metric format, written to stdout by
 * Powertools Metrics in the `OpenStackReports` namespace: the labels are the dimensions (with
 * Powertools' `service`), counters are summed and histograms keep each observation. Recorded in
 * memory and written by `flush()`, which the Lambda handlers call at the end of every invocation:
 * one log line per set of dimension values. Powertools Metrics is imported by the first flush that has
 * something to write, so it costs the functions' cold start nothing.
 */
export class EmfMetrics implements Metrics {
  readonly #series = new Map<string, Series>();

  count(name: MetricName, labels: Record<string, string>, value = 1): void {
    const series = this.#seriesOf(name, labels);
    series.values[0] = (series.values[0] ?? 0) + value;
  }

  observe(name: MetricName, labels: Record<string, string>, value: number): void {
    this.#seriesOf(name, labels).values.push(value);
  }

  async flush(): Promise<void> {
    const byDimensions = new Map<string, Series[]>();
    for (const series of this.#series.values()) {
      const key = JSON.stringify(Object.entries(series.labels).sort(([a], [b]) => a.localeCompare(b)));
      byDimensions.set(key, [...(byDimensions.get(key) ?? []), series]);
    }
    this.#series.clear();
    if (byDimensions.size === 0) return;
    const { Metrics: PowertoolsMetrics, MetricUnit } = await import('@aws-lambda-powertools/metrics');
    for (const group of byDimensions.values()) {
      // CloudWatch refuses empty dimension values; an unknown value still says something. Default
      // dimensions, so that they stay when Powertools writes a line by itself at 100 values of a metric.
      const defaultDimensions = Object.fromEntries(Object.entries(group[0]!.labels).map(([k, v]) => [k, v === '' ? 'unknown' : v]));
      const emf = new PowertoolsMetrics({ namespace: cloudWatchNamespace, serviceName: emfServiceName, defaultDimensions });
      for (const series of group) {
        const unit = MetricUnit[metricCatalogue[series.name].unit];
        for (const value of series.values) emf.addMetric(series.name, unit, value);
      }
      if (emf.hasStoredMetrics()) emf.publishStoredMetrics();
    }
  }

  #seriesOf(name: MetricName, labels: Record<string, string>): Series {
    const key = `${name}${JSON.stringify(labels)}`;
    let series = this.#series.get(key);
    if (!series) this.#series.set(key, (series = { name, labels: { ...labels }, values: [] }));
    return series;
  }
}
