import { Fragment } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { asProblem, type Problem, type ReportRun } from '../api/client';
import { useApp } from '../app-context';
import { ProblemMessage } from '../components/problem-message';
import { StatusBadge } from '../components/status-badge';
import { formatBytes, formatDuration, runDuration } from '../format';
import { useI18n } from '../i18n/i18n';
import { downloadArtifact, periodLabel, runAgain } from '../report-actions';
import { href, navigate } from '../router';
import { usePoll } from '../use-poll';

/** One run: stages, error, deliveries, files and a preview; live while it is queued or running. */
export function ReportDetailPage(props: { id: string }) {
  const { api, announce } = useApp();
  const { t, language, dateTime } = useI18n();
  const [run, setRun] = useState<ReportRun>();
  const [problem, setProblem] = useState<Problem>();

  const load = useCallback(async () => {
    const { data, error, response } = await api.GET('/v1/reports/{id}', { params: { path: { id: props.id } } });
    if (data) {
      setRun((old) => {
        if (old && old.status !== data.status) announce(`${t.detail.title}: ${t.status[data.status]}`);
        return data;
      });
    } else setProblem(asProblem(error, response));
  }, [api, props.id, announce, t]);

  useEffect(() => {
    void load();
  }, [load]);
  // Also while a delivery is still pending: it may settle (or be retried) after the run succeeded.
  const pendingDeliveries = Object.values(run?.deliveries ?? {}).filter((d) => d.status === 'pending').length;
  const live = run?.status === 'queued' || run?.status === 'running' || pendingDeliveries > 0;
  usePoll(live, load, `${run?.status}:${pendingDeliveries}`);

  if (problem) return <ProblemMessage problem={problem} intro={problem.status === 404 ? t.detail.notFound : undefined} />;
  if (!run) return <p>{t.common.loading}</p>;
  const title = run.spec.title ?? `${t.types[run.type]} · ${run.id.slice(0, 8)}`;
  return (
    <article aria-labelledby="report-title">
      <p>
        <a href={href({ page: 'reports' })}>← {t.detail.back}</a>
      </p>
      <div class="page-head">
        <h1 id="report-title">{title}</h1>
        <span aria-live="polite" id="run-status">
          <StatusBadge status={run.status} />
        </span>
      </div>
      <div class="toolbar">
        <button
          type="button"
          class="button button--quiet"
          onClick={() =>
            void runAgain(api, run).then((r) => {
              if (r.ok) navigate({ page: 'report', id: r.id });
              else setProblem(r.problem);
            })
          }
        >
          {t.reports.runAgain}
        </button>
      </div>

      <div class="stats-grid">
        <section aria-labelledby="overview-title" class="card">
          <h2 id="overview-title">{t.detail.overview}</h2>
          <dl class="facts">
            <dt>{t.reports.columns.type}</dt>
            <dd>{t.types[run.type]}</dd>
            <dt>{t.reports.columns.period}</dt>
            <dd>{periodLabel(run, t.form.presets)}</dd>
            <dt>{t.detail.owner}</dt>
            <dd>{run.owner}</dd>
            <dt>{t.reports.columns.startedBy}</dt>
            <dd>
              {run.scheduleId ? <a href={href({ page: 'schedule', id: run.scheduleId })}>{t.reports.schedule(run.scheduleId.slice(0, 8))}</a> : t.reports.api}
            </dd>
            <dt>{t.reports.columns.created}</dt>
            <dd>{dateTime(run.createdAt)}</dd>
            <dt>{t.reports.columns.duration}</dt>
            <dd>{formatDuration(runDuration(run), language)}</dd>
            <dt>{t.detail.attempts}</dt>
            <dd>{run.attempts}</dd>
            {run.nextAttemptAt && (
              <>
                <dt>{t.detail.nextAttempt}</dt>
                <dd>{dateTime(run.nextAttemptAt)}</dd>
              </>
            )}
          </dl>
        </section>

        {run.error && (
          <section aria-labelledby="error-title" class="card card--error">
            <h2 id="error-title">{t.detail.error}</h2>
            <p>
              <code>{run.error.code}</code>
            </p>
            <p data-testid="run-error">{run.error.message}</p>
          </section>
        )}

        <section aria-labelledby="stages-title" class="card">
          <h2 id="stages-title">{t.detail.stages}</h2>
          {run.stages.length === 0 ? (
            <p>{t.common.none}</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">{t.detail.stage}</th>
                  <th scope="col">{t.detail.startedAt}</th>
                  <th scope="col">{t.detail.took}</th>
                </tr>
              </thead>
              <tbody>
                {run.stages.map((s) => (
                  <tr key={s.name + s.startedAt}>
                    <th scope="row">{s.name}</th>
                    <td>{dateTime(s.startedAt)}</td>
                    <td>{formatDuration(s.ms, language)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>

        <section aria-labelledby="deliveries-title" class="card">
          <h2 id="deliveries-title">{t.detail.deliveries}</h2>
          {!run.deliveries || Object.keys(run.deliveries).length === 0 ? (
            <p>{t.detail.noDeliveries}</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">{t.detail.channel}</th>
                  <th scope="col">{t.reports.columns.status}</th>
                  <th scope="col">{t.detail.attempts}</th>
                  <th scope="col">{t.detail.lastError}</th>
                </tr>
              </thead>
              <tbody>
                {Object.entries(run.deliveries).map(([channel, d]) => (
                  <tr key={channel}>
                    <th scope="row">{channel}</th>
                    <td>
                      <StatusBadge status={d.status} />
                      {d.at && <> · {dateTime(d.at)}</>}
                    </td>
                    <td>{d.attempts}</td>
                    <td>{d.error ?? t.common.none}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>

        <section aria-labelledby="files-title" class="card">
          <h2 id="files-title">{t.detail.links}</h2>
          {run.artifacts.length === 0 ? (
            <p>{t.common.none}</p>
          ) : (
            <ul class="files">
              {run.artifacts.map((a) => (
                <li key={a.format}>
                  <button type="button" class="button button--small" data-format={a.format} onClick={() => void downloadArtifact(api, run.id, a.format)}>
                    {t.reports.download(a.format)}
                  </button>{' '}
                  {formatBytes(a.bytes, language)}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
      <section aria-labelledby="preview-title" class="card">
        <h2 id="preview-title">{t.detail.preview}</h2>
        <Preview run={run} />
      </section>

      {run.summary && (
        <section aria-labelledby="summary-title" class="card">
          <h2 id="summary-title">{t.detail.summary}</h2>
          <dl class="facts">
            {Object.entries(run.summary).map(([k, v]) => (
              <Fragment key={k}>
                <dt>{k}</dt>
                <dd>{String(v)}</dd>
              </Fragment>
            ))}
          </dl>
        </section>
      )}
    </article>
  );
}

/**
 * The report itself, without downloading: its HTML in a sandboxed frame that may run no script
 * (`sandbox=""`: no scripts, no same-origin, no forms), or else its PDF from a blob URL.
 */
function Preview(props: { run: ReportRun }) {
  const { t } = useI18n();
  const [html, setHtml] = useState<string>();
  const [pdfUrl, setPdfUrl] = useState<string>();
  const html0 = props.run.artifacts.find((a) => a.format === 'html');
  const pdf0 = props.run.artifacts.find((a) => a.format === 'pdf');
  const source = props.run.status === 'succeeded' ? (html0?.url ?? pdf0?.url) : undefined;
  const isHtml = Boolean(html0?.url);

  useEffect(() => {
    if (!source) return;
    let blobUrl: string | undefined;
    let cancelled = false;
    void fetch(source).then(async (r) => {
      if (!r.ok || cancelled) return;
      if (isHtml) setHtml(await r.text());
      else {
        blobUrl = URL.createObjectURL(new Blob([await r.arrayBuffer()], { type: 'application/pdf' }));
        setPdfUrl(blobUrl);
      }
    });
    return () => {
      cancelled = true;
      if (blobUrl) URL.revokeObjectURL(blobUrl);
    };
    // The presigned URL changes on every read of the run; the artifact does not.
  }, [props.run.id, props.run.status, isHtml]);

  if (!source) return <p>{t.detail.noPreview}</p>;
  if (html !== undefined) return <iframe class="preview" title={t.detail.previewHtml} sandbox="" srcdoc={html} />;
  if (pdfUrl) return <iframe class="preview" title={t.detail.previewPdf} src={`${pdfUrl}#page=1&view=FitH`} />;
  return <p>{t.common.loading}</p>;
}
