import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LocalScheduler } from '../../src/adapters/local/local-scheduler';
import { InMemoryScheduleStore } from '../../src/adapters/memory/memory-schedule-store';
import { createSchedule } from '../../src/use-cases/schedules/create-schedule';
import { deleteSchedule } from '../../src/use-cases/schedules/delete-schedule';
import { aSchedule, memoryLogger, MemoryQueue } from './fakes';

describe('LocalScheduler', () => {
  let store: InMemoryScheduleStore;
  let queue: MemoryQueue;
  let scheduler: LocalScheduler;
  const clock = { now: () => new Date() };

  beforeEach(() => {
    // Fake timers also fake Date, so `clock` moves with them.
    vi.useFakeTimers({ now: new Date('2025-03-29T23:58:30Z') });
    store = new InMemoryScheduleStore();
    queue = new MemoryQueue();
    scheduler = new LocalScheduler({ store, queue, clock, logger: memoryLogger(), refreshIntervalMs: 60_000 });
  });

  afterEach(async () => {
    await scheduler.stop();
    vi.useRealTimers();
  });

  it('fires a due schedule into the queue with its fire time, then waits for the next', async () => {
    // Every minute; the first fire is 23:59:00Z.
    await store.create(aSchedule({ id: 'every-minute', expression: 'cron(* * * * ? *)' }));
    await scheduler.start();

    await vi.advanceTimersByTimeAsync(29_000);
    expect(queue.jobs).toEqual([]);

    await vi.advanceTimersByTimeAsync(1_000);
    expect(queue.jobs).toEqual([
      expect.objectContaining({ kind: 'scheduled', scheduleId: 'every-minute', owner: 'alice', scheduledTime: '2025-03-29T23:59:00Z' }),
    ]);

    await vi.advanceTimersByTimeAsync(60_000);
    expect(queue.jobs.map((j) => (j.kind === 'scheduled' ? j.scheduledTime : ''))).toEqual(['2025-03-29T23:59:00Z', '2025-03-30T00:00:00Z']);
  });

  it('computes fire times in the schedule’s zone with the shared code (Berlin skips 02:30 on 2025-03-30)', async () => {
    await store.create(aSchedule({ id: 'berlin', expression: 'cron(30 2 * * ? *)', timezone: 'Europe/Berlin' }));
    await scheduler.start();

    expect(scheduler.upcoming()).toEqual([{ scheduleId: 'berlin', next: new Date('2025-03-31T00:30:00Z') }]);
  });

  it('ignores disabled schedules and picks up changes made through the store on refresh', async () => {
    await store.create(aSchedule({ id: 'off', enabled: false, expression: 'cron(* * * * ? *)' }));
    await scheduler.start();
    expect(scheduler.upcoming()).toEqual([]);

    await store.replace(aSchedule({ id: 'off', enabled: true, expression: 'cron(* * * * ? *)', version: 2 }), 1);
    await vi.advanceTimersByTimeAsync(60_000);

    // The refresh at 23:59:30Z saw it; its first fire is 00:00:00Z.
    expect(scheduler.upcoming()).toEqual([{ scheduleId: 'off', next: new Date('2025-03-30T00:00:00Z') }]);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(queue.jobs).toHaveLength(1);
  });

  it('as the SchedulerPort of the use cases, applies creates and deletes at once', async () => {
    await scheduler.start();
    const deps = { schedules: store, scheduler, queue, clock, newId: () => 'sch-local', logger: memoryLogger() };

    await createSchedule(deps, { actor: { owner: 'alice' }, body: { expression: 'rate(1 minute)', timezone: 'UTC', report: { type: 'usage' } } });
    // A rate without startDate counts from creation: 23:58:30Z + 1 min.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(queue.jobs).toEqual([expect.objectContaining({ scheduleId: 'sch-local', scheduledTime: '2025-03-29T23:59:30Z' })]);

    await deleteSchedule(deps, { actor: { owner: 'alice' }, id: 'sch-local' });
    await vi.advanceTimersByTimeAsync(120_000);
    expect(queue.jobs).toHaveLength(1);
  });

  it('arms one timer, not a polling loop', async () => {
    await store.create(aSchedule({ id: 'yearly', expression: 'cron(0 0 1 1 ? *)' }));
    await scheduler.start();

    // One fire timer and one refresh timer.
    expect(vi.getTimerCount()).toBe(2);
    await scheduler.stop();
    expect(vi.getTimerCount()).toBe(0);
  });
});
