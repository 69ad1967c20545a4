import type { Tracer } from '../domain/ports';
import { noTracer } from '../domain/telemetry';

/** The tracer of an environment, with what ends it (the local service's stop). */
export interface ConfiguredTracer {
  tracer: Tracer;
  shutdown(): Promise<void>;
}

/**
 * Tracing when OTEL_EXPORTER_OTLP_ENDPOINT is set, the same way in both environments: the
 * OpenTelemetry SDK exporting OTLP/HTTP, imported on the first span (so a cold start without a span
 * loads nothing, and a configuration without the variable never loads it). Otherwise nothing is
 * traced.
 */
export function configuredTracer(config: { OTEL_EXPORTER_OTLP_ENDPOINT?: string; OTEL_SERVICE_NAME?: string }, defaultServiceName: string): ConfiguredTracer {
  if (!config.OTEL_EXPORTER_OTLP_ENDPOINT) return { tracer: noTracer, shutdown: async () => undefined };
  const serviceName = config.OTEL_SERVICE_NAME ?? defaultServiceName;
  const endpoint = config.OTEL_EXPORTER_OTLP_ENDPOINT;
  let loading: Promise<{ tracer: Tracer; shutdown(): Promise<void> }> | undefined;
  const load = () =>
    (loading ??= Promise.all([import('../adapters/otel/otlp-tracing'), import('../adapters/otel/otel-tracer')]).then(([sdk, api]) => {
      const tracing = sdk.startOtlpTracing({ serviceName, endpoint });
      return { tracer: new api.OtelTracer({ flush: tracing.flush }), shutdown: tracing.shutdown };
    }));
  let loaded: Tracer | undefined;
  const tracer: Tracer = {
    span: async (name, options, work) => {
      loaded ??= (await load()).tracer;
      return loaded.span(name, options, work);
    },
    // Only asked inside a span, by when the SDK is loaded.
    traceparent: () => loaded?.traceparent(),
    flush: async () => (loaded ? loaded.flush() : undefined),
  };
  return { tracer, shutdown: async () => (loading ? (await loading).shutdown() : undefined) };
}
