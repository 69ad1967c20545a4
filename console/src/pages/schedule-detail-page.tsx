import { useCallback, useEffect, useState } from 'preact/hooks';
import { asProblem, type Problem, type ReportRun, type Schedule } from '../api/client';
import { useApp } from '../app-context';
import { ProblemMessage } from '../components/problem-message';
import { StatusBadge } from '../components/status-badge';
import { formatDuration, runDuration } from '../format';
import { useI18n } from '../i18n/i18n';
import { href, navigate } from '../router';
import { pauseOrResume, runNow } from '../schedule-actions';
import { usePoll } from '../use-poll';

/** One schedule: when it runs, what it reports, its run history, and pause / run now / test delivery. */
export function ScheduleDetailPage(props: { id: string }) {
  const { api, announce } = useApp();
  const { t, language, dateTime } = useI18n();
  const [schedule, setSchedule] = useState<Schedule>();
  const [problem, setProblem] = useState<Problem>();
  /** The run a "run now" started, until the history shows it. */
  const [expecting, setExpecting] = useState<string>();

  const [history, setHistory] = useState<ReportRun[]>([]);

  const load = useCallback(async () => {
    const [one, runs] = await Promise.all([
      api.GET('/v1/schedules/{id}', { params: { path: { id: props.id } } }),
      // The schedule's run history: every run it started, newest first.
      api.GET('/v1/reports', { params: { query: { scheduleId: props.id, limit: 20 } } }),
    ]);
    if (one.data) setSchedule(one.data);
    else setProblem(asProblem(one.error, one.response));
    if (runs.data) setHistory(runs.data.items);
  }, [api, props.id]);
  useEffect(() => {
    void load();
  }, [load]);

  const live = expecting !== undefined || history.some((r) => r.status === 'queued' || r.status === 'running');
  usePoll(live, load, `${history.map((r) => r.status).join(',')}:${expecting}`);
  useEffect(() => {
    if (expecting && history.some((r) => r.id === expecting)) setExpecting(undefined);
  }, [history, expecting]);

  if (!schedule) return problem ? <ProblemMessage problem={problem} /> : <p>{t.common.loading}</p>;
  const name = schedule.name ?? schedule.id.slice(0, 8);

  const fire = async (label: string) => {
    const r = await runNow(api, schedule.id);
    if (!r.ok) return setProblem(r.problem);
    announce(`${label}: ${t.schedules.runQueued}`);
    setExpecting(r.runId);
    await load();
  };
  const remove = async () => {
    if (!confirm(t.schedules.confirmDelete)) return;
    const { error, response } = await api.DELETE('/v1/schedules/{id}', { params: { path: { id: schedule.id } } });
    if (!response.ok) return setProblem(asProblem(error, response));
    navigate({ page: 'schedules' });
  };

  return (
    <article aria-labelledby="schedule-title">
      <p>
        <a href={href({ page: 'schedules' })}>← {t.schedules.back}</a>
      </p>
      <div class="page-head">
        <h1 id="schedule-title">{name}</h1>
        <span id="schedule-state" class={`badge ${schedule.enabled ? 'badge--succeeded' : 'badge--queued'}`}>
          {schedule.enabled ? t.schedules.enabled : t.schedules.paused}
        </span>
      </div>
      <ProblemMessage problem={problem} />
      <div class="toolbar">
        <button
          type="button"
          class="button"
          onClick={() =>
            void pauseOrResume(api, schedule).then((r) =>
              r.ok ? (setSchedule(r.schedule), announce(r.schedule.enabled ? t.schedules.enabled : t.schedules.paused)) : setProblem(r.problem),
            )
          }
        >
          {schedule.enabled ? t.schedules.pause : t.schedules.resume}
        </button>
        <button type="button" class="button" onClick={() => void fire(t.schedules.runNow)}>
          {t.schedules.runNow}
        </button>
        <button type="button" class="button button--quiet" onClick={() => void fire(t.schedules.testDelivery)} disabled={!schedule.delivery}>
          {t.schedules.testDelivery}
        </button>
        <a class="button button--quiet" href={href({ page: 'schedule-edit', id: schedule.id })}>
          {t.schedules.edit}
        </a>
        <button type="button" class="button button--danger" onClick={() => void remove()}>
          {t.schedules.delete}
        </button>
      </div>

      <section class="card" aria-labelledby="when-title">
        <h2 id="when-title">{t.schedules.previewTitle}</h2>
        <dl class="facts">
          <dt>{t.schedules.expression}</dt>
          <dd>
            <code>{schedule.expression}</code>
          </dd>
          <dt>{t.form.timezone}</dt>
          <dd>{schedule.timezone}</dd>
          <dt>{t.schedules.report}</dt>
          <dd>
            {t.types[schedule.report.type]}
            {schedule.report.title ? ` · ${schedule.report.title}` : ''} · {(schedule.report.formats ?? []).join(', ').toUpperCase()}
          </dd>
          <dt>{t.detail.owner}</dt>
          <dd>{schedule.owner}</dd>
        </dl>
        <h3>{t.schedules.nextFive}</h3>
        {schedule.nextFireTimes.length === 0 ? (
          <p>{t.schedules.nothing}</p>
        ) : (
          <ol class="fire-times">
            {schedule.nextFireTimes.map((f) => (
              <li key={f}>
                <time dateTime={f}>{dateTime(f, schedule.timezone)}</time>
              </li>
            ))}
          </ol>
        )}
      </section>

      <section class="card" aria-labelledby="history-title">
        <h2 id="history-title">{t.schedules.history}</h2>
        {history.length === 0 ? (
          <p>{t.schedules.noHistory}</p>
        ) : (
          <table id="schedule-history">
            <thead>
              <tr>
                <th scope="col">{t.reports.columns.created}</th>
                <th scope="col">{t.reports.columns.status}</th>
                <th scope="col">{t.reports.columns.duration}</th>
                <th scope="col">{t.reports.columns.actions}</th>
              </tr>
            </thead>
            <tbody>
              {history.map((r) => (
                <tr key={r.id} data-run-id={r.id}>
                  <td>{dateTime(r.createdAt, schedule.timezone)}</td>
                  <td>
                    <StatusBadge status={r.status} />
                  </td>
                  <td>{formatDuration(runDuration(r), language)}</td>
                  <td>
                    <a href={href({ page: 'report', id: r.id })} aria-label={`${t.reports.open}: ${dateTime(r.createdAt, schedule.timezone)}`}>
                      {t.reports.open}
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </article>
  );
}
