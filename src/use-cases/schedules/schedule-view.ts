import type { Page } from '../../domain/ports';
import type { Actor, ScheduleDeps } from '../../domain/schedules/deps';
import { scheduleFireTimes } from '../../domain/schedules/fires-again';
import { loadSchedule } from './load-schedule';
import type { Schedule } from '../../domain/schedules/schedule';

/** A schedule as the API shows it: the webhook secret is never echoed, the next fire times are added. */
export type ScheduleView = Omit<Schedule, 'delivery' | 'version'> & {
  delivery?: Omit<NonNullable<Schedule['delivery']>, 'webhook'> & {
    webhook?: { url: string; hasSecret: boolean };
  };
  /** ISO instants, ascending; empty while disabled or once the schedule is over. */
  nextFireTimes: string[];
};

/** The next `count` (default five) fire times of a schedule after `now`, as ISO instants. */
export function upcomingFireTimes(schedule: Schedule, now: Date, count = 5): string[] {
  return scheduleFireTimes(schedule, now, count).map((d) => d.toISOString());
}

/** The API representation of a schedule at `now`. */
export function toScheduleView(schedule: Schedule, now: Date): ScheduleView {
  const { version: _version, delivery, ...rest } = schedule;
  const view: ScheduleView = { ...rest, nextFireTimes: upcomingFireTimes(schedule, now) };
  if (delivery) {
    const { webhook, ...others } = delivery;
    view.delivery = { ...others, ...(webhook ? { webhook: { url: webhook.url, hasSecret: Boolean(webhook.secret) } } : {}) };
  }
  return view;
}

/** `GET /v1/schedules/{id}`. */
export async function getSchedule(deps: Pick<ScheduleDeps, 'schedules' | 'clock'>, input: { actor: Actor; id: string }): Promise<ScheduleView> {
  return toScheduleView(await loadSchedule(deps.schedules, input.actor, input.id), deps.clock.now());
}

/** `GET /v1/schedules`: the actor's schedules, newest first (an admin's: everyone's). */
export async function listSchedules(
  deps: Pick<ScheduleDeps, 'schedules' | 'clock'>,
  input: { actor: Actor; limit: number; cursor?: string },
): Promise<Page<ScheduleView>> {
  const page = await deps.schedules.list({
    ...(input.actor.admin ? {} : { owner: input.actor.owner }),
    limit: input.limit,
    ...(input.cursor ? { cursor: input.cursor } : {}),
  });
  const now = deps.clock.now();
  return { items: page.items.map((s) => toScheduleView(s, now)), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
}
