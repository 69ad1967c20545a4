import { describe, expect, it } from 'vitest';
import { routeTable } from '../../src/handlers/api/route-table';

const table = routeTable([
  { method: 'ALL', path: '/v1/*' },
  { method: 'GET', path: '/v1/reports' },
  { method: 'POST', path: '/v1/reports' },
  { method: 'GET', path: '/v1/reports/:id' },
  { method: 'DELETE', path: '/v1/reports/:id' },
  { method: 'GET', path: '/v1/reports/:id/download' },
  { method: 'GET', path: '/v1/openapi.json' },
]);

describe('routeTable', () => {
  it.each([
    ['/v1/reports', ['GET', 'HEAD', 'POST']],
    ['/v1/reports/abc', ['DELETE', 'GET', 'HEAD']],
    ['/v1/reports/abc/download', ['GET', 'HEAD']],
    ['/v1/openapi.json', ['GET', 'HEAD']],
    ['/v1/openapiXjson', []],
    ['/v1/reports/', []],
    ['/v1/reports/a/b', []],
    ['/v1/anything', []],
  ])('allows on %s: %j (middleware is no route)', (path, methods) => {
    expect(table.allowed(path)).toEqual(methods);
  });

  it('matches HEAD where GET is registered, case-insensitively', () => {
    expect(table.matches('head', '/v1/reports/x')).toBe(true);
    expect(table.matches('PUT', '/v1/reports/x')).toBe(false);
  });
});
