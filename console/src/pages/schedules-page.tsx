import { useCallback } from 'preact/hooks';
import type { Schedule } from '../api/client';
import { useApp } from '../app-context';
import { ProblemMessage } from '../components/problem-message';
import { StatusBadge } from '../components/status-badge';
import { useI18n } from '../i18n/i18n';
import { href } from '../router';
import { pauseOrResume, runNow } from '../schedule-actions';
import { usePagedList } from '../use-paged-list';

/** Every schedule: when it runs next, how its last run went, and the actions on it. */
export function SchedulesPage() {
  const { api, announce, session } = useApp();
  const { t, dateTime } = useI18n();
  const { items, setItems, problem, setProblem, more } = usePagedList<Schedule>(
    useCallback((cursor) => api.GET('/v1/schedules', { params: { query: { limit: 20, ...(cursor ? { cursor } : {}) } } }), [api]),
  );

  const replace = (s: Schedule) => setItems((old) => old?.map((o) => (o.id === s.id ? s : o)));

  return (
    <section aria-labelledby="schedules-title">
      <div class="page-head">
        <h1 id="schedules-title">{t.schedules.title}</h1>
        <a class="button" href={href({ page: 'schedule-edit' })}>
          {t.schedules.create}
        </a>
      </div>
      <ProblemMessage problem={problem} />
      {!items ? (
        <p>{t.common.loading}</p>
      ) : items.length === 0 ? (
        <p class="empty">{t.schedules.empty}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t.schedules.name}</th>
                {session.admin && <th scope="col">{t.detail.owner}</th>}
                <th scope="col">{t.schedules.expression}</th>
                <th scope="col">{t.schedules.state}</th>
                <th scope="col">{t.schedules.next}</th>
                <th scope="col">{t.schedules.lastRun}</th>
                <th scope="col">{t.reports.columns.actions}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((s) => {
                const last = s.lastRuns?.[0];
                const name = s.name ?? s.id.slice(0, 8);
                return (
                  <tr key={s.id} data-schedule-id={s.id}>
                    <td>
                      <a href={href({ page: 'schedule', id: s.id })}>{name}</a>
                    </td>
                    {session.admin && <td>{s.owner}</td>}
                    <td>
                      <code>{s.expression}</code> <span class="muted">{s.timezone}</span>
                    </td>
                    <td>{s.enabled ? t.schedules.enabled : t.schedules.paused}</td>
                    <td>{s.nextFireTimes[0] ? dateTime(s.nextFireTimes[0], s.timezone) : t.schedules.nothing}</td>
                    <td>{last ? <StatusBadge status={last.status} /> : t.common.none}</td>
                    <td class="actions">
                      <button
                        type="button"
                        class="button button--small button--quiet"
                        aria-label={`${s.enabled ? t.schedules.pause : t.schedules.resume}: ${name}`}
                        onClick={() =>
                          void pauseOrResume(api, s).then((r) =>
                            r.ok ? (replace(r.schedule), announce(r.schedule.enabled ? t.schedules.enabled : t.schedules.paused)) : setProblem(r.problem),
                          )
                        }
                      >
                        {s.enabled ? t.schedules.pause : t.schedules.resume}
                      </button>
                      <button
                        type="button"
                        class="button button--small button--quiet"
                        aria-label={`${t.schedules.runNow}: ${name}`}
                        onClick={() => void runNow(api, s.id).then((r) => (r.ok ? announce(t.schedules.runQueued) : setProblem(r.problem)))}
                      >
                        {t.schedules.runNow}
                      </button>
                      <a
                        class="button button--small button--quiet"
                        href={href({ page: 'schedule-edit', id: s.id })}
                        aria-label={`${t.schedules.edit}: ${name}`}
                      >
                        {t.schedules.edit}
                      </a>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {more && (
        <button type="button" class="button button--quiet" onClick={() => void more()}>
          {t.reports.more}
        </button>
      )}
    </section>
  );
}
