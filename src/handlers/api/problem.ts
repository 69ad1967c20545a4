import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { FieldIssue } from '../../domain/errors';

/** RFC 9457 problem details. `type` is stable per kind of problem; `errors` lists invalid fields. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldIssue[];
  [extension: string]: unknown;
}

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

/** The problem type URI for a code such as `validation-failed`. */
export function problemType(code: string): string {
  return `urn:openstack-reports:problem:${code.replace(/_/g, '-')}`;
}

/** Responds with `application/problem+json` (headers set with `c.header` beforehand are kept). */
export function problem(c: Context, status: ContentfulStatusCode, code: string, detail?: string, extra: Partial<Problem> = {}): Response {
  const body: Problem = { type: problemType(code), title: titles[status] ?? 'Error', status, detail, instance: c.req.path, ...extra };
  return c.body(JSON.stringify(body), status, { 'content-type': 'application/problem+json' });
}
