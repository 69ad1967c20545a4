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
  /** The request's id, as in the `x-request-id` header. */
  requestId?: string;
  [extension: string]: unknown;
}

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  417: 'Expectation Failed',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

/** The problem type URI for a code such as `validation-failed`. */
export function problemType(code: string): string {
  return `urn:openstack-reports:problem:${code.replace(/_/g, '-')}`;
}

/** A problem body: the app's answers, the local server's answers to what it cannot parse, the OpenAPI examples. */
export function problemBody(status: number, code: string, detail?: string, extra: Partial<Problem> = {}): Problem {
  return { type: problemType(code), title: titles[status] ?? 'Error', status, detail, ...extra };
}

/**
 * Responds with `application/problem+json` (headers set with `c.header` beforehand are kept), with the
 * request's id (also in the `x-request-id` header) for the caller to quote.
 */
export function problem(c: Context, status: ContentfulStatusCode, code: string, detail?: string, extra: Partial<Problem> = {}): Response {
  const requestId: unknown = c.get('requestId');
  const body = problemBody(status, code, detail, { instance: c.req.path, ...(typeof requestId === 'string' ? { requestId } : {}), ...extra });
  return c.body(JSON.stringify(body), status, { 'content-type': 'application/problem+json' });
}
