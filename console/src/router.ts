import { useEffect, useState } from 'preact/hooks';

/**
 * Hash routes (`#/reports/abc`): the console is one static document, so any path works from a
 * bucket without rewrite rules.
 */
export type Route =
  | { page: 'reports' }
  | { page: 'new-report' }
  | { page: 'report'; id: string }
  | { page: 'schedules' }
  | { page: 'schedule'; id: string }
  | { page: 'schedule-edit'; id?: string }
  | { page: 'stats' };

export function parseRoute(hash: string): Route {
  const [path = ''] = hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'reports' && parts[1] === 'new') return { page: 'new-report' };
  if (parts[0] === 'reports' && parts[1]) return { page: 'report', id: parts[1] };
  if (parts[0] === 'schedules' && parts[1] === 'new') return { page: 'schedule-edit' };
  if (parts[0] === 'schedules' && parts[1] && parts[2] === 'edit') return { page: 'schedule-edit', id: parts[1] };
  if (parts[0] === 'schedules' && parts[1]) return { page: 'schedule', id: parts[1] };
  if (parts[0] === 'schedules') return { page: 'schedules' };
  if (parts[0] === 'stats') return { page: 'stats' };
  return { page: 'reports' };
}

export function href(route: Route): string {
  switch (route.page) {
    case 'reports':
      return '#/reports';
    case 'new-report':
      return '#/reports/new';
    case 'report':
      return `#/reports/${encodeURIComponent(route.id)}`;
    case 'schedules':
      return '#/schedules';
    case 'schedule':
      return `#/schedules/${encodeURIComponent(route.id)}`;
    case 'schedule-edit':
      return route.id ? `#/schedules/${encodeURIComponent(route.id)}/edit` : '#/schedules/new';
    case 'stats':
      return '#/stats';
  }
}

export function navigate(route: Route): void {
  location.hash = href(route);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
