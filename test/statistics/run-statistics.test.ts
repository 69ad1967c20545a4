import { describe, expect, it } from 'vitest';
import {
  durationBucket,
  durationBucketBounds,
  failureCodeMessage,
  finishedCounters,
  histogramQuantile,
  summarizeStatistics,
  windowDays,
} from '../../src/domain/run-statistics';

const buckets = (entries: Record<number, number>) => Array.from({ length: durationBucketBounds.length + 1 }, (_, i) => entries[i] ?? 0);

describe('the duration histogram', () => {
  it.each([
    [0, 0],
    [50, 0],
    [51, 1],
    [1000, 4],
    [1001, 5],
    [900_000, 13],
    [900_001, 14],
    [86_400_000, 14],
  ])('puts %i ms in bucket %i', (ms, bucket) => expect(durationBucket(ms)).toBe(bucket));

  it('interpolates a percentile linearly inside the bucket its rank falls in', () => {
    // Ten timings in (1000, 2500]: the median is halfway through the bucket, p95 near its top.
    expect(histogramQuantile(buckets({ 5: 10 }), 0.5)).toBe(1750);
    expect(histogramQuantile(buckets({ 5: 10 }), 0.95)).toBe(2425);
    // 90 fast ones and 10 slow ones: the median among the fast, p95 among the slow.
    const mixed = buckets({ 1: 90, 8: 10 });
    expect(histogramQuantile(mixed, 0.5)).toBeGreaterThan(50);
    expect(histogramQuantile(mixed, 0.5)).toBeLessThanOrEqual(100);
    expect(histogramQuantile(mixed, 0.95)).toBe(20_000);
  });

  it('reads the open-ended bucket as its lower bound, and an empty histogram as 0', () => {
    expect(histogramQuantile(buckets({ 14: 3 }), 0.95)).toBe(900_000);
    expect(histogramQuantile(buckets({}), 0.5)).toBe(0);
  });
});

describe('the counters of a finished run', () => {
  const stages = [
    { name: 'fetch', startedAt: '2026-12-01T00:00:00Z', ms: 800 },
    { name: 'render', startedAt: '2026-12-01T00:00:01Z', ms: 1200 },
  ];

  it('count a success by type, with its duration and each stage', () => {
    expect(finishedCounters({ status: 'succeeded', type: 'cost', stages })).toEqual({
      'runs:succeeded': 1,
      'type:cost:n': 1,
      'type:cost:b5': 1,
      'stage:fetch:n': 1,
      'stage:fetch:b4': 1,
      'stage:render:n': 1,
      'stage:render:b5': 1,
    });
  });

  it('count a failure by its code; a code that is no tame name counts as internal', () => {
    expect(finishedCounters({ status: 'failed', type: 'usage', stages: [], error: { code: 'openstack_http_401', message: 'x' } })).toEqual({
      'runs:failed': 1,
      'fail:openstack_http_401': 1,
    });
    expect(finishedCounters({ status: 'failed', type: 'usage', stages: [], error: { code: 'Weird Code!', message: 'x' } })).toEqual({
      'runs:failed': 1,
      'fail:internal_error': 1,
    });
  });

  it('count nothing for a run that has not finished', () => {
    expect(finishedCounters({ status: 'running', type: 'usage', stages })).toEqual({});
  });
});

describe('a summary of daily counters', () => {
  const days = windowDays(new Date('2026-12-02T23:59:59Z'), 7);

  it('covers the last 7 UTC days, today included', () => {
    expect(days).toEqual(['2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02']);
    expect(windowDays(new Date('2026-12-02T00:00:00Z'), 30)[0]).toBe('2026-11-03');
  });

  it('adds the days up, lists every day, and orders failure reasons by count', () => {
    const view = summarizeStatistics({
      days,
      daily: {
        '2026-11-26': { 'runs:created': 2, 'runs:succeeded': 1, 'type:cost:n': 1, 'type:cost:b5': 1, 'delivery:email:sent': 1 },
        '2026-12-01': {
          'runs:created': 3,
          'runs:succeeded': 1,
          'runs:failed': 2,
          'fail:openstack_http_401': 1,
          'fail:worker_crashed': 1,
          'type:cost:n': 1,
          'type:cost:b5': 1,
          'stage:render:n': 1,
          'stage:render:b3': 1,
          'stage:fetch:n': 2,
          'stage:fetch:b4': 2,
          'delivery:email:failed': 1,
          'delivery:webhook:sent': 2,
        },
        // Outside the window: not counted.
        '2026-11-01': { 'runs:created': 99 },
      },
      active: { queued: 1, running: 2 },
      scope: 'own',
      owner: 'alice',
    });
    expect(view.runs).toEqual({ total: 5, succeeded: 2, failed: 2, queued: 1, running: 2, successRate: 0.5 });
    expect(view.perDay).toHaveLength(7);
    expect(view.perDay[5]).toEqual({ date: '2026-12-01', succeeded: 1, failed: 2 });
    expect(view.durations.byType).toEqual([{ type: 'cost', count: 2, p50Ms: 1750, p95Ms: 2425 }]);
    expect(view.durations.byStage.map((s) => s.stage)).toEqual(['fetch', 'render']);
    expect(view.deliveries).toEqual([
      { channel: 'email', sent: 1, failed: 1 },
      { channel: 'webhook', sent: 2, failed: 0 },
    ]);
    expect(view.failureReasons).toEqual([
      { code: 'openstack_http_401', message: failureCodeMessage('openstack_http_401'), count: 1 },
      { code: 'worker_crashed', message: failureCodeMessage('worker_crashed'), count: 1 },
    ]);
    expect(view).toMatchObject({ days: 7, from: '2026-11-26', to: '2026-12-02', scope: 'own', owner: 'alice' });
  });

  it('has no success rate while nothing finished', () => {
    const view = summarizeStatistics({ days, daily: {}, active: { queued: 0, running: 0 }, scope: 'all' });
    expect(view.runs.successRate).toBeNull();
    expect(view).not.toHaveProperty('owner');
  });
});
