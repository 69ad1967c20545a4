import { context, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, TraceFlags, type Attributes, type Context, type Span } from '@opentelemetry/api';
import type { SpanAttributes, SpanHandle, SpanOptions, Tracer } from '../../domain/ports';
import { traceparentPattern } from '../../domain/telemetry';

const kinds: Record<NonNullable<SpanOptions['kind']>, SpanKind> = {
  internal: SpanKind.INTERNAL,
  server: SpanKind.SERVER,
  client: SpanKind.CLIENT,
  producer: SpanKind.PRODUCER,
  consumer: SpanKind.CONSUMER,
};

/** Attributes without the undefined ones (OpenTelemetry drops them with a warning). */
function attributesOf(attributes: SpanAttributes | undefined): Attributes {
  const out: Attributes = {};
  for (const [key, value] of Object.entries(attributes ?? {})) if (value !== undefined) out[key] = value;
  return out;
}

/** The context a W3C `traceparent` names, as a remote parent; undefined when it is not one. */
export function contextFromTraceparent(traceparent: string | undefined, base: Context = context.active()): Context | undefined {
  if (!traceparent || !traceparentPattern.test(traceparent)) return undefined;
  const [, traceId, spanId, flags] = traceparent.split('-') as [string, string, string, string];
  return trace.setSpanContext(base, { traceId, spanId, traceFlags: Number.parseInt(flags, 16) & TraceFlags.SAMPLED, isRemote: true });
}

/** The span's context as a W3C `traceparent`. */
export function traceparentOf(span: Span): string | undefined {
  const c = span.spanContext();
  if (!trace.isSpanContextValid(c)) return undefined;
  return `00-${c.traceId}-${c.spanId}-${(c.traceFlags & TraceFlags.SAMPLED ? 1 : 0).toString(16).padStart(2, '0')}`;
}

/**
 * The `Tracer` port over `@opentelemetry/api` alone: spans go to whatever tracer provider is
 * registered (`startOtlpTracing` registers one when OTEL_EXPORTER_OTLP_ENDPOINT is set); without
 * one the API is a no-op and costs next to nothing. `flush` is given by whoever registered it.
 */
export class OtelTracer implements Tracer {
  readonly #flush: () => Promise<void>;

  constructor(options: { flush?: () => Promise<void> } = {}) {
    this.#flush = options.flush ?? (async () => undefined);
  }

  async span<T>(name: string, options: SpanOptions, work: (span: SpanHandle) => Promise<T>): Promise<T> {
    // A message's processing continues the message's trace, or none: never the ambient context of
    // whatever woke the consumer (in-process, the request that sent the job).
    const parent =
      contextFromTraceparent(options.parent, options.kind === 'consumer' ? ROOT_CONTEXT : context.active()) ??
      (options.kind === 'consumer' ? ROOT_CONTEXT : context.active());
    const tracer = trace.getTracer('openstack-reports');
    const links = (options.links ?? []).flatMap((link) => {
      const linked = contextFromTraceparent(link, ROOT_CONTEXT);
      const spanContext = linked && trace.getSpanContext(linked);
      return spanContext ? [{ context: spanContext }] : [];
    });
    const spanOptions = { kind: kinds[options.kind ?? 'internal'], attributes: attributesOf(options.attributes), ...(links.length ? { links } : {}) };
    return tracer.startActiveSpan(name, spanOptions, parent, async (span) => {
      const handle: SpanHandle = { setAttributes: (attributes) => span.setAttributes(attributesOf(attributes)), setName: (n) => span.updateName(n) };
      try {
        return await work(handle);
      } catch (error) {
        span.recordException(error instanceof Error ? error : String(error));
        span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : undefined });
        throw error;
      } finally {
        span.end();
      }
    });
  }

  traceparent(): string | undefined {
    const span = trace.getActiveSpan();
    return span ? traceparentOf(span) : undefined;
  }

  flush(): Promise<void> {
    return this.#flush();
  }
}
