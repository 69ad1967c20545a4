/**
 * A scheduled run's trace: EventBridge Scheduler's input is fixed when the schedule is saved, so it
 * carries the `traceparent` of the request that saved it as `traceLink`, and the worker's span of
 * each fire links to it (a trace of its own per fire, related to the schedule's creation).
 */
import { CreateScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { mockClient } from 'aws-sdk-client-mock';
import type { SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventBridgeScheduler } from '../../src/adapters/aws/eventbridge-scheduler';
import { OtelTracer } from '../../src/adapters/otel/otel-tracer';
import { reportJobSchema } from '../../src/domain/job-schema';
import type { WorkerDeps } from '../../src/handlers/worker/deps';
import { processSqsEvent } from '../../src/handlers/worker/process-jobs';
import { aSchedule } from '../schedules/fakes';

const saved = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
const mock = mockClient(SchedulerClient);
const exporter = new InMemorySpanExporter();
const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });

describe('the trace link of a scheduled run', () => {
  beforeAll(() => trace.setGlobalTracerProvider(provider));
  afterAll(() => trace.disable());

  async function input(traceContext?: () => string | undefined): Promise<Record<string, unknown>> {
    mock.reset();
    mock.on(CreateScheduleCommand).resolves({ ScheduleArn: 'arn:aws:scheduler:eu-central-1:123456789012:schedule/g/sch-1' });
    const scheduler = new EventBridgeScheduler({
      client: new SchedulerClient({ region: 'eu-central-1' }),
      groupName: 'g',
      queueArn: 'arn:aws:sqs:eu-central-1:123456789012:jobs',
      roleArn: 'arn:aws:iam::123456789012:role/r',
      dlqArn: 'arn:aws:sqs:eu-central-1:123456789012:dlq',
      ...(traceContext ? { traceContext } : {}),
    });
    await scheduler.create(aSchedule({ id: 'sch-1' }));
    return JSON.parse(mock.commandCalls(CreateScheduleCommand)[0]!.args[0].input.Target!.Input!) as Record<string, unknown>;
  }

  it('is the traceparent of the request that saved the schedule, in the schedule target input', async () => {
    expect((await input(() => saved)).traceLink).toBe(saved);
    expect(await input()).not.toHaveProperty('traceLink');
    expect(await input(() => undefined)).not.toHaveProperty('traceLink');
  });

  it("is a link of the worker's span of a fire, whose trace is its own", async () => {
    const job = reportJobSchema.parse({ ...(await input(() => saved)), scheduledTime: '2026-03-01T09:00:00Z' });
    const event = {
      Records: [{ messageId: 'm1', body: JSON.stringify(job), receiptHandle: 'h', attributes: { ApproximateReceiveCount: '1' } }],
    } as unknown as SQSEvent;
    // The run is not found after it was "recorded": the job ends there, its span is what matters.
    const deps = {
      tracer: new OtelTracer(),
      clock: { now: () => new Date() },
      logger: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined, with: () => deps.logger },
      runs: { create: async () => undefined, get: async () => undefined },
      schedules: { get: async () => undefined },
      settings: { maxReceiveCount: 3, delivery: {} },
    } as unknown as WorkerDeps;

    await processSqsEvent(deps, event);

    const span = exporter.getFinishedSpans().find((s) => s.name === 'process scheduled');
    expect(span?.links.map((l) => `00-${l.context.traceId}-${l.context.spanId}-01`)).toEqual([saved]);
    expect(span?.spanContext().traceId).not.toBe(saved.split('-')[1]);
    expect(span?.parentSpanContext).toBeUndefined();
  });
});
