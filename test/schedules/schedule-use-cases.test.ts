import { beforeEach, describe, expect, it } from 'vitest';
import { AppError, ConflictError, NotFoundError, ValidationError } from '../../src/domain/errors';
import { InMemoryScheduleStore } from '../../src/adapters/memory/memory-schedule-store';
import { createSchedule } from '../../src/use-cases/schedules/create-schedule';
import { deleteSchedule } from '../../src/use-cases/schedules/delete-schedule';
import type { ScheduleDeps } from '../../src/domain/schedules/deps';
import { runScheduleNow } from '../../src/use-cases/schedules/run-schedule-now';
import { getSchedule, listSchedules, upcomingFireTimes } from '../../src/use-cases/schedules/schedule-view';
import { updateSchedule } from '../../src/use-cases/schedules/update-schedule';
import { aSchedule, fixedClock, memoryLogger, MemoryQueue, RecordingScheduler } from './fakes';

const alice = { owner: 'alice' };
const body = {
  name: 'Weekly inventory',
  expression: 'cron(0 8 ? * MON *)',
  timezone: 'Europe/Berlin',
  report: { type: 'inventory' },
  delivery: { email: ['ops@example.com'], webhook: { url: 'https://hooks.example.com/r', secret: 'a-very-secret-key-123' } },
};

describe('schedule use cases', () => {
  let store: InMemoryScheduleStore;
  let scheduler: RecordingScheduler;
  let queue: MemoryQueue;
  let deps: ScheduleDeps;
  let ids: number;

  beforeEach(() => {
    store = new InMemoryScheduleStore();
    scheduler = new RecordingScheduler();
    queue = new MemoryQueue();
    ids = 0;
    deps = {
      schedules: store,
      scheduler,
      queue,
      // 2025-01-01 is a Wednesday.
      clock: fixedClock('2025-01-01T12:00:00Z'),
      newId: () => `sch-${++ids}`,
      logger: memoryLogger(),
    };
  });

  it('creates: pending record, scheduler call, active record', async () => {
    // Act
    const created = await createSchedule(deps, { actor: alice, body });

    // Assert
    expect(scheduler.calls.map((c) => [c.op, c.id, c.schedule?.syncState])).toEqual([['create', 'sch-1', 'pending']]);
    expect(created).toMatchObject({ id: 'sch-1', owner: 'alice', syncState: 'active', version: 2, enabled: true });
    expect(await store.get('sch-1')).toEqual(created);
    // Monday 2025-01-06 08:00 CET.
    expect(upcomingFireTimes(created, deps.clock.now(), 2)).toEqual(['2025-01-06T07:00:00.000Z', '2025-01-13T07:00:00.000Z']);
  });

  it('rolls the record back when the scheduler refuses and reports its error', async () => {
    scheduler.failNext = new AppError('scheduler_error', 'EventBridge Scheduler could not create schedule sch-1: ValidationException: bad');

    await expect(createSchedule(deps, { actor: alice, body })).rejects.toThrow('could not create schedule sch-1');
    expect(await store.get('sch-1')).toBeUndefined();
  });

  it('refuses a schedule that would never fire again', async () => {
    const attempt = createSchedule(deps, { actor: alice, body: { ...body, expression: 'at(2024-06-01T00:00:00)' } });
    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    await expect(attempt).rejects.toMatchObject({ issues: [{ path: 'expression' }] });
    expect(scheduler.calls).toEqual([]);
  });

  it('updates with a patch, clears with null and keeps the scheduler in step', async () => {
    await createSchedule(deps, { actor: alice, body });

    const updated = await updateSchedule(deps, {
      actor: alice,
      id: 'sch-1',
      body: { expression: 'rate(1 day)', name: null, enabled: false },
    });

    expect(updated).toMatchObject({ expression: 'rate(1 day)', enabled: false, syncState: 'active', version: 4 });
    expect(updated.name).toBeUndefined();
    expect(scheduler.calls.at(-1)).toMatchObject({ op: 'update', schedule: { expression: 'rate(1 day)', syncState: 'pending' } });
    expect(upcomingFireTimes(updated, deps.clock.now())).toEqual([]);
  });

  it('restores the previous record when the scheduler update fails', async () => {
    const created = await createSchedule(deps, { actor: alice, body });
    scheduler.failNext = new AppError('scheduler_error', 'down', { retryable: false });

    await expect(updateSchedule(deps, { actor: alice, id: 'sch-1', body: { expression: 'rate(5 minutes)' } })).rejects.toThrow('down');

    expect(await store.get('sch-1')).toMatchObject({ expression: created.expression, syncState: 'active', version: 4 });
  });

  it('hides other owners’ schedules and lets an admin see them', async () => {
    await createSchedule(deps, { actor: alice, body });
    const bob = { owner: 'bob' };

    await expect(getSchedule(deps, { actor: bob, id: 'sch-1' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(updateSchedule(deps, { actor: bob, id: 'sch-1', body: { enabled: false } })).rejects.toBeInstanceOf(NotFoundError);
    await expect(deleteSchedule(deps, { actor: bob, id: 'sch-1' })).rejects.toBeInstanceOf(NotFoundError);
    expect((await listSchedules(deps, { actor: bob, limit: 10 })).items).toEqual([]);
    expect((await listSchedules(deps, { actor: { owner: 'bob', admin: true }, limit: 10 })).items).toHaveLength(1);
  });

  it('shows a schedule without its webhook secret and with its next five fire times', async () => {
    await createSchedule(deps, { actor: alice, body });

    const view = await getSchedule(deps, { actor: alice, id: 'sch-1' });

    expect(view.delivery).toEqual({ email: ['ops@example.com'], webhook: { url: 'https://hooks.example.com/r', hasSecret: true } });
    expect(JSON.stringify(view)).not.toContain('a-very-secret-key-123');
    expect(view.nextFireTimes).toEqual([
      '2025-01-06T07:00:00.000Z',
      '2025-01-13T07:00:00.000Z',
      '2025-01-20T07:00:00.000Z',
      '2025-01-27T07:00:00.000Z',
      '2025-02-03T07:00:00.000Z',
    ]);
  });

  it('deletes from the scheduler first, then the record', async () => {
    await createSchedule(deps, { actor: alice, body });

    await deleteSchedule(deps, { actor: alice, id: 'sch-1' });

    expect(scheduler.calls.at(-1)).toEqual({ op: 'delete', id: 'sch-1' });
    expect(await store.get('sch-1')).toBeUndefined();
  });

  it('keeps the record when the scheduler delete fails', async () => {
    await createSchedule(deps, { actor: alice, body });
    scheduler.failNext = new Error('network down');

    await expect(deleteSchedule(deps, { actor: alice, id: 'sch-1' })).rejects.toMatchObject({ code: 'scheduler_error', retryable: true });

    expect(await store.get('sch-1')).toMatchObject({ syncState: 'active' });
  });

  it('runs a schedule now by enqueueing the job its scheduler would send', async () => {
    await createSchedule(deps, { actor: alice, body });
    (deps.clock as ReturnType<typeof fixedClock>).set('2025-01-02T09:30:15.789Z');

    const result = await runScheduleNow(deps, { actor: alice, id: 'sch-1' });

    expect(result).toEqual({ scheduleId: 'sch-1', scheduledTime: '2025-01-02T09:30:15Z' });
    expect(queue.jobs).toEqual([
      {
        kind: 'scheduled',
        scheduleId: 'sch-1',
        owner: 'alice',
        scheduledTime: '2025-01-02T09:30:15Z',
        spec: expect.objectContaining({ type: 'inventory', formats: ['pdf'] }),
        // The webhook secret stays in the schedule's record; queue messages never carry it.
        delivery: { email: ['ops@example.com'], webhook: { url: 'https://hooks.example.com/r' } },
      },
    ]);
  });

  it('a stale version conflicts instead of overwriting', async () => {
    await store.create(aSchedule({ id: 'x', version: 3 }));
    await expect(store.replace(aSchedule({ id: 'x', version: 4 }), 2)).rejects.toBeInstanceOf(ConflictError);
  });
});
