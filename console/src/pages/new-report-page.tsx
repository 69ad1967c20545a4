import { useState } from 'preact/hooks';
import { asProblem, fieldErrors, type Problem } from '../api/client';
import { useApp } from '../app-context';
import { focusFirstInvalid } from '../components/field';
import { ProblemMessage } from '../components/problem-message';
import { ReportSpecFields } from '../components/report-spec-fields';
import { useI18n } from '../i18n/i18n';
import { navigate } from '../router';
import { deliveryOf, emptyDraft, specOf, type SpecDraft } from '../spec-draft';

/** The whole report spec as a form; the API's field errors show beside their fields. */
export function NewReportPage() {
  const { api } = useApp();
  const { t, language } = useI18n();
  const [draft, setDraft] = useState<SpecDraft>(() => emptyDraft(language));
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    try {
      const delivery = deliveryOf(draft);
      const { data, error, response } = await api.POST('/v1/reports', { body: { ...specOf(draft), ...(delivery ? { delivery } : {}) } });
      if (data) {
        navigate({ page: 'report', id: data.id });
        return;
      }
      const p = asProblem(error, response);
      setProblem(p);
      focusFirstInvalid();
    } finally {
      setBusy(false);
    }
  };

  const errors = fieldErrors(problem);
  return (
    <section aria-labelledby="new-report-title">
      <h1 id="new-report-title">{t.form.title}</h1>
      <p>{t.form.intro}</p>
      <ProblemMessage problem={problem} intro={problem?.errors?.length ? t.form.invalid : undefined} />
      <form class="spec-form" onSubmit={(e) => void submit(e)} noValidate>
        <ReportSpecFields draft={draft} onChange={setDraft} errors={errors} />
        <div class="form-actions">
          <button class="button" type="submit" disabled={busy}>
            {busy ? t.form.submitting : t.form.submit}
          </button>
        </div>
      </form>
    </section>
  );
}
