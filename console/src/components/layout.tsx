import type { ComponentChildren } from 'preact';
import { languages, useI18n, type Language } from '../i18n/i18n';
import { href, type Route } from '../router';
import type { ThemeChoice } from '../theme';

/** Header (navigation, language, theme, user), the main region and a polite live region. */
export function Layout(props: {
  route: Route;
  theme: ThemeChoice;
  onTheme(theme: ThemeChoice): void;
  onLanguage(language: Language): void;
  user?: { name: string; admin: boolean; onSignOut(): void };
  message: string;
  children: ComponentChildren;
}) {
  const { t, language } = useI18n();
  const page = props.route.page;
  const current = (pages: Route['page'][]) => (pages.includes(page) ? ('page' as const) : undefined);
  return (
    <>
      <a class="skip" href="#main">
        {t.skipToContent}
      </a>
      <header class="top">
        <a class="brand" href={href({ page: 'reports' })}>
          <img src="/favicon.svg" alt="" width={24} height={24} />
          {t.appName}
        </a>
        {props.user && (
          <nav aria-label={t.nav.main}>
            <ul>
              <li>
                <a href={href({ page: 'reports' })} aria-current={current(['reports', 'report'])}>
                  {t.nav.reports}
                </a>
              </li>
              <li>
                <a href={href({ page: 'new-report' })} aria-current={current(['new-report'])}>
                  {t.nav.newReport}
                </a>
              </li>
              <li>
                <a href={href({ page: 'schedules' })} aria-current={current(['schedules', 'schedule', 'schedule-edit'])}>
                  {t.nav.schedules}
                </a>
              </li>
              <li>
                <a href={href({ page: 'stats' })} aria-current={current(['stats'])}>
                  {t.nav.stats}
                </a>
              </li>
            </ul>
          </nav>
        )}
        <div class="settings">
          <label>
            <span class="visually-hidden">{t.language}</span>
            <select id="language" value={language} onChange={(e) => props.onLanguage(e.currentTarget.value as Language)}>
              {Object.entries(languages).map(([code, name]) => (
                <option key={code} value={code} lang={code}>
                  {name}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span class="visually-hidden">{t.theme.label}</span>
            <select id="theme" value={props.theme} onChange={(e) => props.onTheme(e.currentTarget.value as ThemeChoice)}>
              <option value="system">{`${t.theme.label}: ${t.theme.system}`}</option>
              <option value="light">{`${t.theme.label}: ${t.theme.light}`}</option>
              <option value="dark">{`${t.theme.label}: ${t.theme.dark}`}</option>
            </select>
          </label>
          {props.user && (
            <span class="user">
              <span data-testid="user">{t.signIn.signedInAs(props.user.name)}</span>
              {props.user.admin && <span class="badge badge--admin">admin</span>}
              <button type="button" class="button button--quiet" onClick={props.user.onSignOut}>
                {t.signIn.signOut}
              </button>
            </span>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {props.children}
      </main>
      <div class="live" role="status" aria-live="polite">
        {props.message}
      </div>
    </>
  );
}
