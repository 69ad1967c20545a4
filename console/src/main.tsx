import { render } from 'preact';
import { useCallback, useMemo, useState } from 'preact/hooks';
import { createApi } from './api/client';
import { AppContext } from './app-context';
import { completeSignIn, isCallback, signOutUrl } from './auth/oidc';
import { clearSession, loadSession, type Session } from './auth/session';
import { Layout } from './components/layout';
import { loadConfig, type ConsoleConfig } from './config';
import { I18nContext, initialLanguage, makeI18n, rememberLanguage, type Language } from './i18n/i18n';
import { NewReportPage } from './pages/new-report-page';
import { ReportDetailPage } from './pages/report-detail-page';
import { ReportsPage } from './pages/reports-page';
import { ScheduleDetailPage } from './pages/schedule-detail-page';
import { ScheduleEditPage } from './pages/schedule-edit-page';
import { SchedulesPage } from './pages/schedules-page';
import { SignInPage } from './pages/sign-in-page';
import { StatsPage } from './pages/stats-page';
import { useRoute, type Route } from './router';
import { applyTheme, initialTheme, type ThemeChoice } from './theme';

function App(props: { config: ConsoleConfig; initialSession?: Session; bootError?: string }) {
  const [language, setLanguage] = useState<Language>(initialLanguage);
  const [theme, setTheme] = useState<ThemeChoice>(initialTheme);
  const [session, setSession] = useState<Session | undefined>(props.initialSession ?? loadSession);
  const [notice, setNotice] = useState<string | undefined>(props.bootError);
  const [message, setMessage] = useState('');
  const route = useRoute();
  const i18n = useMemo(() => makeI18n(language), [language]);

  const signOut = useCallback(
    (expired: boolean) => {
      clearSession();
      setSession(undefined);
      setNotice(expired ? i18n.t.signIn.expired : undefined);
      const url = !expired && props.config.auth.mode === 'oidc' ? signOutUrl(props.config.auth) : undefined;
      if (url) location.assign(url);
    },
    [i18n, props.config],
  );
  const api = useMemo(
    () =>
      createApi(
        props.config.apiBaseUrl,
        () => loadSession()?.token,
        () => signOut(true),
      ),
    [props.config, signOut],
  );
  const announce = useCallback((m: string) => {
    // Cleared first, so the same message twice is announced twice; gone after a while.
    setMessage('');
    setTimeout(() => setMessage(m), 50);
    setTimeout(() => setMessage((current) => (current === m ? '' : current)), 6000);
  }, []);

  return (
    <I18nContext.Provider value={i18n}>
      <Layout
        route={route}
        theme={theme}
        onTheme={(choice) => {
          applyTheme(choice);
          setTheme(choice);
        }}
        onLanguage={(l) => {
          rememberLanguage(l);
          setLanguage(l);
        }}
        user={session && { name: session.subject, admin: session.admin, onSignOut: () => signOut(false) }}
        message={message}
      >
        {session ? (
          <AppContext.Provider value={{ api, session, announce }}>
            <Page route={route} />
          </AppContext.Provider>
        ) : (
          <SignInPage
            config={props.config}
            notice={notice}
            onSignedIn={(s) => {
              setNotice(undefined);
              setSession(s);
            }}
          />
        )}
      </Layout>
    </I18nContext.Provider>
  );
}

function Page(props: { route: Route }) {
  const r = props.route;
  switch (r.page) {
    case 'reports':
      return <ReportsPage />;
    case 'new-report':
      return <NewReportPage />;
    case 'report':
      return <ReportDetailPage key={r.id} id={r.id} />;
    case 'schedules':
      return <SchedulesPage />;
    case 'schedule':
      return <ScheduleDetailPage key={r.id} id={r.id} />;
    case 'schedule-edit':
      return <ScheduleEditPage key={r.id ?? 'new'} id={r.id} />;
    case 'stats':
      return <StatsPage />;
  }
}

async function boot(): Promise<void> {
  const root = document.getElementById('app')!;
  applyTheme(initialTheme());
  rememberLanguage(initialLanguage());
  let config: ConsoleConfig;
  try {
    config = await loadConfig();
  } catch (error) {
    root.textContent = `The console cannot start: ${error instanceof Error ? error.message : String(error)}`;
    return;
  }
  let session: Session | undefined;
  let bootError: string | undefined;
  if (config.auth.mode === 'oidc' && isCallback(config.auth)) {
    try {
      const done = await completeSignIn(config.auth);
      session = done.session;
      history.replaceState(null, '', `/${done.returnTo.startsWith('#') ? done.returnTo : '#/reports'}`);
    } catch (error) {
      bootError = error instanceof Error ? error.message : String(error);
      history.replaceState(null, '', '/#/reports');
    }
  }
  root.textContent = '';
  render(<App config={config} initialSession={session} bootError={bootError} />, root);
}

void boot();
