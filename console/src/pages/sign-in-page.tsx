import { useState } from 'preact/hooks';
import { localSignIn } from '../auth/local';
import { beginSignIn } from '../auth/oidc';
import type { Session } from '../auth/session';
import { Field } from '../components/field';
import type { ConsoleConfig } from '../config';
import { useI18n } from '../i18n/i18n';

/** Local: a name (and admin or not) for a development token. AWS: a button to the provider's page. */
export function SignInPage(props: { config: ConsoleConfig; notice?: string; onSignedIn(session: Session): void }) {
  const { t } = useI18n();
  const [subject, setSubject] = useState('');
  const [admin, setAdmin] = useState(false);
  const [error, setError] = useState<string>();
  const [fieldError, setFieldError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    setFieldError(undefined);
    try {
      if (props.config.auth.mode === 'oidc') {
        await beginSignIn(props.config.auth, location.hash || '#/reports');
        return;
      }
      const result = await localSignIn(subject, admin);
      if (result.ok) props.onSignedIn(result.session);
      else {
        const subjectError = result.problem.errors?.find((e) => e.path === 'subject')?.message;
        if (subjectError) setFieldError(subjectError);
        else setError(result.problem.detail ?? t.signIn.failed);
      }
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card narrow" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">{t.signIn.title}</h1>
      {props.notice && <p class="alert">{props.notice}</p>}
      {error && (
        <div class="alert" role="alert">
          <strong>{t.signIn.failed}</strong>
          <p>{error}</p>
        </div>
      )}
      <form onSubmit={(e) => void submit(e)} noValidate>
        {props.config.auth.mode === 'local' ? (
          <>
            <p>{t.signIn.localIntro}</p>
            <Field id="subject" label={t.signIn.subject} error={fieldError}>
              {(c) => <input {...c} name="subject" autoComplete="username" required value={subject} onInput={(e) => setSubject(e.currentTarget.value)} />}
            </Field>
            <div class="check">
              <input id="admin" type="checkbox" checked={admin} onChange={(e) => setAdmin(e.currentTarget.checked)} />
              <label for="admin">{t.signIn.admin}</label>
            </div>
            <button class="button" type="submit" disabled={busy}>
              {t.signIn.submit}
            </button>
          </>
        ) : (
          <>
            <p>{t.signIn.oidcIntro}</p>
            <button class="button" type="submit" disabled={busy}>
              {t.signIn.oidcSubmit}
            </button>
          </>
        )}
      </form>
    </section>
  );
}
