import { Counter, Histogram, Registry } from 'prom-client';
import { durationBuckets, metricCatalogue, prometheusName, type MetricName } from '../../domain/metric-catalogue';
import type { Metrics } from '../../domain/ports';

/**
 * The metrics of `metricCatalogue` in a prom-client registry of their own, for `GET /metrics` on the
 * local service (Prometheus text format). Counters and histograms only, no process metrics: what
 * CloudWatch shows on AWS, under the same names.
 */
export class PrometheusMetrics implements Metrics {
  readonly registry = new Registry();
  readonly #counters = new Map<MetricName, Counter>();
  readonly #histograms = new Map<MetricName, Histogram>();

  constructor() {
    for (const [name, def] of Object.entries(metricCatalogue) as [MetricName, (typeof metricCatalogue)[MetricName]][]) {
      const common = { name: prometheusName(name), help: def.help, labelNames: [...def.labels], registers: [this.registry] };
      if (def.kind === 'counter') this.#counters.set(name, new Counter(common));
      else this.#histograms.set(name, new Histogram({ ...common, buckets: durationBuckets }));
    }
  }

  count(name: MetricName, labels: Record<string, string>, value = 1): void {
    this.#counters.get(name)?.inc(labels, value);
  }

  observe(name: MetricName, labels: Record<string, string>, value: number): void {
    this.#histograms.get(name)?.observe(labels, value);
  }

  async flush(): Promise<void> {
    // Prometheus pulls: nothing to push.
  }

  /** The exposition: `Content-Type` and body of `GET /metrics`. */
  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
