import type { Metrics, SpanHandle, Tracer } from './ports';

/** Metrics that record nothing: where a caller (a test, the CLI) wires none. */
export const noMetrics: Metrics = { count: () => undefined, observe: () => undefined, flush: async () => undefined };

const noSpan: SpanHandle = { setAttributes: () => undefined, setName: () => undefined };

/** A tracer that records nothing and runs the work as is. */
export const noTracer: Tracer = { span: (_name, _options, work) => work(noSpan), traceparent: () => undefined, flush: async () => undefined };

/** A W3C trace context header: version 00, a 32-hex trace id and a 16-hex parent id (neither all zeros), and flags. */
export const traceparentPattern = /^00-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}$/;
