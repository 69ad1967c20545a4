import { asProblem, type Api, type Problem, type Schedule } from './api/client';

type Result<T> = ({ ok: true } & T) | { ok: false; problem: Problem };

/** Pauses an active schedule or resumes a paused one. */
export async function pauseOrResume(api: Api, schedule: Schedule): Promise<Result<{ schedule: Schedule }>> {
  const { data, error, response } = await api.PATCH('/v1/schedules/{id}', { params: { path: { id: schedule.id } }, body: { enabled: !schedule.enabled } });
  return data ? { ok: true, schedule: data } : { ok: false, problem: asProblem(error, response) };
}

/** Fires the schedule once, now: also "send a test delivery", since the run delivers as a scheduled one does. */
export async function runNow(api: Api, id: string): Promise<Result<{ runId: string }>> {
  const { data, error, response } = await api.POST('/v1/schedules/{id}/run', { params: { path: { id } } });
  return data ? { ok: true, runId: data.runId } : { ok: false, problem: asProblem(error, response) };
}
