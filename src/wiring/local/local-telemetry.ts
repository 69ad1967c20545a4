import { PrometheusMetrics } from '../../adapters/local/prometheus-metrics';
import type { LocalConfig } from '../config';
import { configuredTracer, type ConfiguredTracer } from '../telemetry';

/** The local service's metrics (`GET /metrics`) and, with OTEL_EXPORTER_OTLP_ENDPOINT, its tracer. */
export function localTelemetry(
  config: Pick<LocalConfig, 'OTEL_EXPORTER_OTLP_ENDPOINT' | 'OTEL_SERVICE_NAME'>,
): ConfiguredTracer & { metrics: PrometheusMetrics } {
  return { metrics: new PrometheusMetrics(), ...configuredTracer(config, 'openstack-reports') };
}
