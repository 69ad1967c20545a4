import { useEffect, useState } from 'preact/hooks';
import { asProblem, fieldErrors, type Problem } from '../api/client';
import { useApp } from '../app-context';
import { Field, focusFirstInvalid } from '../components/field';
import { ProblemMessage } from '../components/problem-message';
import { ReportSpecFields } from '../components/report-spec-fields';
import { useI18n } from '../i18n/i18n';
import { specBody } from '../report-actions';
import { href, navigate } from '../router';
import { browserTimeZone, deliveryOf, draftOf, emptyDraft, specOf, type SpecDraft } from '../spec-draft';

interface Preview {
  /** The expression and zone the preview is of: saving needs a preview of what is typed now. */
  of: string;
  description: string;
  nextFireTimes: string[];
}

/**
 * Creates or edits a schedule. The expression is previewed by the server (in words, and the next
 * five fire times) before it can be saved; errors show beside their fields.
 */
export function ScheduleEditPage(props: { id?: string }) {
  const { api, announce } = useApp();
  const { t, language, dateTime } = useI18n();
  const [name, setName] = useState('');
  const [expression, setExpression] = useState('cron(0 8 ? * MON *)');
  const [timezone, setTimezone] = useState(browserTimeZone);
  const [enabled, setEnabled] = useState(true);
  const [draft, setDraft] = useState<SpecDraft>(() => emptyDraft(language));
  const [preview, setPreview] = useState<Preview>();
  const [problem, setProblem] = useState<Problem>();
  const [loaded, setLoaded] = useState(!props.id);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!props.id) return;
    void api.GET('/v1/schedules/{id}', { params: { path: { id: props.id } } }).then(({ data, error, response }) => {
      if (!data) return setProblem(asProblem(error, response));
      setName(data.name ?? '');
      setExpression(data.expression);
      setTimezone(data.timezone);
      setEnabled(data.enabled);
      setDraft(draftOf(specBody(data.report), data.delivery));
      setLoaded(true);
    });
  }, [api, props.id]);

  const current = `${expression}\n${timezone}`;
  const previewed = preview?.of === current;

  const runPreview = async () => {
    const { data, error, response } = await api.POST('/v1/schedules/preview', { body: { expression, timezone, locale: language } });
    if (!data) {
      setPreview(undefined);
      setProblem(asProblem(error, response));
      return;
    }
    setProblem(undefined);
    setPreview({ of: current, description: data.description, nextFireTimes: data.next });
    announce(data.description);
  };

  const save = async (event: Event) => {
    event.preventDefault();
    if (!previewed) return runPreview();
    setBusy(true);
    try {
      const delivery = deliveryOf(draft);
      const body = { ...(name.trim() ? { name: name.trim() } : {}), expression, timezone, enabled, report: specOf(draft), ...(delivery ? { delivery } : {}) };
      const result = props.id ? await api.PUT('/v1/schedules/{id}', { params: { path: { id: props.id } }, body }) : await api.POST('/v1/schedules', { body });
      if (result.data) {
        announce(t.schedules.saved);
        navigate({ page: 'schedule', id: result.data.id });
        return;
      }
      setProblem(asProblem(result.error, result.response));
      focusFirstInvalid();
    } finally {
      setBusy(false);
    }
  };

  if (!loaded) return problem ? <ProblemMessage problem={problem} /> : <p>{t.common.loading}</p>;
  const errors = fieldErrors(problem);
  return (
    <section aria-labelledby="schedule-edit-title">
      <p>
        <a href={href(props.id ? { page: 'schedule', id: props.id } : { page: 'schedules' })}>← {t.schedules.back}</a>
      </p>
      <h1 id="schedule-edit-title">{props.id ? t.schedules.editTitle : t.schedules.newTitle}</h1>
      <ProblemMessage problem={problem} intro={problem?.errors?.length ? t.form.invalid : undefined} />
      <form class="spec-form" onSubmit={(e) => void save(e)} noValidate>
        <fieldset class="fieldset">
          <legend>{t.schedules.when}</legend>
          <div class="row">
            <Field id="schedule-name" label={t.schedules.name} error={errors.name}>
              {(c) => <input {...c} value={name} onInput={(e) => setName(e.currentTarget.value)} />}
            </Field>
            <Field id="schedule-expression" label={t.schedules.expression} hint={t.schedules.expressionHint} error={errors.expression}>
              {(c) => <input {...c} class="mono" value={expression} onInput={(e) => setExpression(e.currentTarget.value)} />}
            </Field>
            <Field id="schedule-timezone" label={t.form.timezone} error={errors.timezone}>
              {(c) => <input {...c} list="time-zones" value={timezone} onInput={(e) => setTimezone(e.currentTarget.value)} />}
            </Field>
          </div>
          <div class="check">
            <input id="schedule-enabled" type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.currentTarget.checked)} />
            <label for="schedule-enabled">{t.schedules.enabled}</label>
          </div>
          <button type="button" class="button button--quiet" id="schedule-preview" onClick={() => void runPreview()}>
            {t.schedules.preview}
          </button>
          <div class="preview-box" aria-live="polite" id="schedule-preview-result">
            {previewed ? (
              <>
                <p class="in-words">{preview.description}</p>
                <h3>{t.schedules.nextFive}</h3>
                <ol class="fire-times">
                  {preview.nextFireTimes.map((f) => (
                    <li key={f}>
                      <time dateTime={f}>{dateTime(f, timezone)}</time>
                    </li>
                  ))}
                </ol>
              </>
            ) : (
              <p class="muted">{t.schedules.previewFirst}</p>
            )}
          </div>
        </fieldset>
        <h2>{t.schedules.report}</h2>
        <ReportSpecFields draft={draft} onChange={setDraft} errors={errors} prefix="report." />
        <div class="form-actions">
          <button class="button" type="submit" disabled={busy || !previewed}>
            {t.schedules.save}
          </button>
        </div>
      </form>
    </section>
  );
}
