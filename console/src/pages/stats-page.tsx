import { useCallback, useEffect, useState } from 'preact/hooks';
import { asProblem, type Problem, type Schemas } from '../api/client';
import { useApp } from '../app-context';
import { GroupedBars, StackedBars } from '../components/charts';
import { ProblemMessage } from '../components/problem-message';
import { dateFormat, formatDuration } from '../format';
import { useI18n } from '../i18n/i18n';
import { usePoll } from '../use-poll';

type Stats = Schemas['Stats'];

/** Run statistics of the last 7 or 30 days, refreshed while the page is open. */
export function StatsPage() {
  const { api, session } = useApp();
  const { t, language, number } = useI18n();
  const [days, setDays] = useState<'7' | '30'>('7');
  const [owner, setOwner] = useState('');
  const [ownerDraft, setOwnerDraft] = useState('');
  const [stats, setStats] = useState<Stats>();
  const [problem, setProblem] = useState<Problem>();

  const load = useCallback(async () => {
    const { data, error, response } = await api.GET('/v1/stats', { params: { query: { days, ...(owner ? { owner } : {}) } } });
    if (data) {
      setStats(data);
      setProblem(undefined);
    } else setProblem(asProblem(error, response));
  }, [api, days, owner]);
  useEffect(() => {
    void load();
  }, [load]);
  usePoll(true, load, `${days}:${owner}`, 3000, 15_000);

  const ms = (v: number) => formatDuration(v, language);
  const shortDay = (d: string) => dateFormat(language, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${d}T00:00:00Z`));

  return (
    <section aria-labelledby="stats-title">
      <div class="page-head">
        <h1 id="stats-title">{t.stats.title}</h1>
        <form
          class="filters"
          onSubmit={(e) => {
            e.preventDefault();
            setOwner(ownerDraft.trim());
          }}
        >
          <fieldset class="choices" aria-label={t.stats.range}>
            {(['7', '30'] as const).map((d) => (
              <div class="check" key={d}>
                <input type="radio" id={`days-${d}`} name="days" checked={days === d} onChange={() => setDays(d)} />
                <label for={`days-${d}`}>{t.stats.days(Number(d))}</label>
              </div>
            ))}
          </fieldset>
          {session.admin && (
            <>
              <label>
                {t.detail.owner}
                <input id="stats-owner" value={ownerDraft} placeholder={t.stats.allOwners} onInput={(e) => setOwnerDraft(e.currentTarget.value)} />
              </label>
              <button class="button button--quiet" type="submit">
                {t.reports.apply}
              </button>
            </>
          )}
        </form>
      </div>
      <ProblemMessage problem={problem} />
      {!stats ? (
        !problem && <p>{t.common.loading}</p>
      ) : (
        <>
          <div class="kpis" id="stats-kpis">
            <div class="kpi" data-kpi="total">
              {t.stats.runs}
              <strong>{number(stats.runs.total)}</strong>
            </div>
            <div class="kpi" data-kpi="succeeded">
              {t.status.succeeded}
              <strong>{number(stats.runs.succeeded)}</strong>
            </div>
            <div class="kpi" data-kpi="failed">
              {t.status.failed}
              <strong>{number(stats.runs.failed)}</strong>
            </div>
            <div class="kpi" data-kpi="active">
              {`${t.status.queued} / ${t.status.running}`}
              <strong>{`${number(stats.runs.queued)} / ${number(stats.runs.running)}`}</strong>
            </div>
            <div class="kpi" data-kpi="success-rate">
              {t.stats.successRate}
              <strong>
                {stats.runs.successRate === null ? t.common.none : number(stats.runs.successRate, { style: 'percent', maximumFractionDigits: 1 })}
              </strong>
            </div>
          </div>
          <div class="stats-grid">
            <section class="card" aria-labelledby="per-day-title">
              <h2 id="per-day-title">{t.stats.perDay}</h2>
              <StackedBars
                id="chart-per-day"
                title={t.stats.perDay}
                categoryLabel={t.stats.date}
                categories={stats.perDay.map((d) => d.date)}
                shortLabels={stats.perDay.map((d) => shortDay(d.date))}
                series={[
                  { key: 'succeeded', label: t.status.succeeded, values: stats.perDay.map((d) => d.succeeded) },
                  { key: 'failed', label: t.status.failed, values: stats.perDay.map((d) => d.failed) },
                ]}
              />
            </section>
            <section class="card" aria-labelledby="by-type-title">
              <h2 id="by-type-title">{t.stats.durations}</h2>
              {stats.durations.byType.length === 0 ? (
                <p>{t.common.none}</p>
              ) : (
                <GroupedBars
                  id="chart-by-type"
                  title={t.stats.durations}
                  categoryLabel={t.reports.columns.type}
                  categories={stats.durations.byType.map((d) => t.types[d.type])}
                  series={[
                    { key: 'p50', label: t.stats.p50, values: stats.durations.byType.map((d) => d.p50Ms) },
                    { key: 'p95', label: t.stats.p95, values: stats.durations.byType.map((d) => d.p95Ms) },
                  ]}
                  format={ms}
                />
              )}
            </section>
            <section class="card" aria-labelledby="by-stage-title">
              <h2 id="by-stage-title">{t.stats.stages}</h2>
              {stats.durations.byStage.length === 0 ? (
                <p>{t.common.none}</p>
              ) : (
                <GroupedBars
                  id="chart-by-stage"
                  title={t.stats.stages}
                  categoryLabel={t.detail.stage}
                  categories={stats.durations.byStage.map((d) => d.stage)}
                  series={[
                    { key: 'p50', label: t.stats.p50, values: stats.durations.byStage.map((d) => d.p50Ms) },
                    { key: 'p95', label: t.stats.p95, values: stats.durations.byStage.map((d) => d.p95Ms) },
                  ]}
                  format={ms}
                />
              )}
            </section>
            <section class="card" aria-labelledby="deliveries-title">
              <h2 id="deliveries-title">{t.stats.deliveries}</h2>
              {stats.deliveries.length === 0 ? (
                <p>{t.common.none}</p>
              ) : (
                <GroupedBars
                  id="chart-deliveries"
                  title={t.stats.deliveries}
                  categoryLabel={t.detail.channel}
                  categories={stats.deliveries.map((d) => d.channel)}
                  series={[
                    { key: 'sent', label: t.status.sent, values: stats.deliveries.map((d) => d.sent) },
                    { key: 'failed', label: t.status.failed, values: stats.deliveries.map((d) => d.failed) },
                  ]}
                  format={(v) => number(v)}
                />
              )}
            </section>
          </div>
          <section class="card" aria-labelledby="failures-title">
            <h2 id="failures-title">{t.stats.failures}</h2>
            {stats.failureReasons.length === 0 ? (
              <p>{t.stats.noFailures}</p>
            ) : (
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t.stats.reason}</th>
                    <th scope="col">{t.stats.count}</th>
                  </tr>
                </thead>
                <tbody>
                  {stats.failureReasons.map((f) => (
                    <tr key={f.code}>
                      <td>
                        <code>{f.code}</code> — {f.message}
                      </td>
                      <td>{number(f.count)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </>
      )}
    </section>
  );
}
