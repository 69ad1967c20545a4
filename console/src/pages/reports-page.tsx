import { useCallback, useEffect, useState } from 'preact/hooks';
import { asProblem, type ReportRun } from '../api/client';
import { useApp } from '../app-context';
import { ProblemMessage } from '../components/problem-message';
import { StatusBadge } from '../components/status-badge';
import { formatBytes, formatDuration, runDuration } from '../format';
import { useI18n } from '../i18n/i18n';
import { downloadArtifact, periodLabel, runAgain } from '../report-actions';
import { href } from '../router';
import { reportTypes, runStatuses } from '../spec-draft';
import { usePagedList } from '../use-paged-list';
import { usePoll } from '../use-poll';

type Filters = { status: string; type: string; from: string; to: string };
const noFilters: Filters = { status: '', type: '', from: '', to: '' };

/** A day typed in a date field as the instant it starts (local time) or, for `to`, ends. */
function dayInstant(day: string, end: boolean): string | undefined {
  if (!day) return undefined;
  const d = new Date(`${day}T00:00:00`);
  if (end) d.setDate(d.getDate() + 1);
  return d.toISOString();
}

/** Every run the caller may see, newest first, with filters, cursor paging and live status. */
export function ReportsPage() {
  const { api, announce, session } = useApp();
  const { t, language, dateTime } = useI18n();
  const [filters, setFilters] = useState<Filters>(noFilters);
  const [draft, setDraft] = useState<Filters>(noFilters);
  const [scheduleNames, setScheduleNames] = useState<Record<string, string>>({});
  const fetchPage = useCallback(
    (cursor?: string) =>
      api.GET('/v1/reports', {
        params: {
          query: {
            limit: 20,
            ...(filters.status ? { status: filters.status as ReportRun['status'] } : {}),
            ...(filters.type ? { type: filters.type as ReportRun['type'] } : {}),
            ...(filters.from ? { createdFrom: dayInstant(filters.from, false) } : {}),
            ...(filters.to ? { createdTo: dayInstant(filters.to, true) } : {}),
            ...(cursor ? { cursor } : {}),
          },
        },
      }),
    [api, filters],
  );
  const { items, setItems, problem, setProblem, reload, more } = usePagedList<ReportRun>(fetchPage);

  useEffect(() => {
    void api.GET('/v1/schedules', { params: { query: { limit: 100 } } }).then(({ data }) => {
      if (data) setScheduleNames(Object.fromEntries(data.items.map((s) => [s.id, s.name ?? s.expression])));
    });
  }, [api]);

  const active = (items ?? []).filter((r) => r.status === 'queued' || r.status === 'running');
  usePoll(
    active.length > 0,
    async () => {
      // One request for the first page (newest first: where live runs are), not one per live run;
      // only a live run further down the list is asked for on its own.
      const page = await fetchPage();
      const byId = new Map((page.data?.items ?? []).map((r) => [r.id, r]));
      const rest = active.filter((r) => !byId.has(r.id));
      for (const f of await Promise.all(rest.map((r) => api.GET('/v1/reports/{id}', { params: { path: { id: r.id } } })))) {
        if (f.data) byId.set(f.data.id, f.data);
      }
      setItems((old) => old?.map((r) => byId.get(r.id) ?? r));
    },
    active.map((r) => `${r.id}:${r.status}`).join(','),
  );

  const remove = async (run: ReportRun) => {
    if (!confirm(t.reports.confirmDelete)) return;
    const { error, response } = await api.DELETE('/v1/reports/{id}', { params: { path: { id: run.id } } });
    if (!response.ok) return setProblem(asProblem(error, response));
    setItems((old) => old?.filter((r) => r.id !== run.id));
    announce(t.reports.deleted);
  };

  const again = async (run: ReportRun) => {
    const result = await runAgain(api, run);
    if (!result.ok) return setProblem(result.problem);
    announce(t.reports.queuedAgain);
    await reload();
  };

  return (
    <section aria-labelledby="reports-title">
      <div class="page-head">
        <h1 id="reports-title">{t.reports.title}</h1>
        <a class="button" href={href({ page: 'new-report' })}>
          {t.nav.newReport}
        </a>
      </div>
      <form
        class="filters"
        aria-label={t.reports.filters}
        onSubmit={(e) => {
          e.preventDefault();
          setFilters(draft);
        }}
      >
        <label>
          {t.reports.columns.status}
          <select id="filter-status" value={draft.status} onChange={(e) => setDraft({ ...draft, status: e.currentTarget.value })}>
            <option value="">{t.reports.allStatuses}</option>
            {runStatuses.map((s) => (
              <option key={s} value={s}>
                {t.status[s]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.reports.columns.type}
          <select id="filter-type" value={draft.type} onChange={(e) => setDraft({ ...draft, type: e.currentTarget.value })}>
            <option value="">{t.reports.allTypes}</option>
            {reportTypes.map((s) => (
              <option key={s} value={s}>
                {t.types[s]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.reports.createdFrom}
          <input id="filter-from" type="date" value={draft.from} onInput={(e) => setDraft({ ...draft, from: e.currentTarget.value })} />
        </label>
        <label>
          {t.reports.createdTo}
          <input id="filter-to" type="date" value={draft.to} onInput={(e) => setDraft({ ...draft, to: e.currentTarget.value })} />
        </label>
        <button class="button" type="submit">
          {t.reports.apply}
        </button>
        <button
          class="button button--quiet"
          type="button"
          onClick={() => {
            setDraft(noFilters);
            setFilters(noFilters);
          }}
        >
          {t.reports.clear}
        </button>
      </form>
      <ProblemMessage problem={problem} />
      {!items ? (
        <p>{t.common.loading}</p>
      ) : items.length === 0 ? (
        <p class="empty">{t.reports.empty}</p>
      ) : (
        <div class="table-wrap">
          <table class="runs">
            <caption class="visually-hidden">
              {t.reports.title}. {t.reports.live}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t.reports.columns.type}</th>
                <th scope="col">{t.reports.columns.title}</th>
                <th scope="col">{t.reports.columns.period}</th>
                <th scope="col">{t.reports.columns.status}</th>
                <th scope="col">{t.reports.columns.startedBy}</th>
                {session.admin && <th scope="col">{t.detail.owner}</th>}
                <th scope="col">{t.reports.columns.created}</th>
                <th scope="col">{t.reports.columns.duration}</th>
                <th scope="col">{t.reports.columns.size}</th>
                <th scope="col">{t.reports.columns.actions}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((run) => (
                <tr key={run.id} data-run-id={run.id}>
                  <td>{t.types[run.type]}</td>
                  <td>
                    <a href={href({ page: 'report', id: run.id })}>{run.spec.title ?? `${t.types[run.type]} · ${run.id.slice(0, 8)}`}</a>
                  </td>
                  <td>{periodLabel(run, t.form.presets)}</td>
                  <td>
                    <StatusBadge status={run.status} />
                  </td>
                  <td>{run.scheduleId ? t.reports.schedule(scheduleNames[run.scheduleId] ?? run.scheduleId.slice(0, 8)) : t.reports.api}</td>
                  {session.admin && <td>{run.owner}</td>}
                  <td>
                    <time dateTime={run.createdAt}>{dateTime(run.createdAt)}</time>
                  </td>
                  <td>{formatDuration(runDuration(run), language)}</td>
                  <td>{run.artifacts.length ? run.artifacts.map((a) => `${a.format.toUpperCase()} ${formatBytes(a.bytes, language)}`).join(', ') : '—'}</td>
                  <td class="actions">
                    {run.status === 'succeeded' &&
                      run.artifacts.map((a) => (
                        <button
                          key={a.format}
                          type="button"
                          class="button button--small"
                          aria-label={`${t.reports.download(a.format)}: ${run.spec.title ?? run.id}`}
                          onClick={() => void downloadArtifact(api, run.id, a.format)}
                        >
                          {a.format.toUpperCase()}
                        </button>
                      ))}
                    <button
                      type="button"
                      class="button button--small button--quiet"
                      aria-label={`${t.reports.runAgain}: ${run.spec.title ?? run.id}`}
                      onClick={() => void again(run)}
                    >
                      {t.reports.runAgain}
                    </button>
                    {(run.status === 'succeeded' || run.status === 'failed') && (
                      <button
                        type="button"
                        class="button button--small button--danger"
                        aria-label={`${t.reports.delete}: ${run.spec.title ?? run.id}`}
                        onClick={() => void remove(run)}
                      >
                        {t.reports.delete}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
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
