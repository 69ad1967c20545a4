/**
 * Error bodies in each service's own format. Nova and Cinder wrap `{code, message}` in a fault
 * name, Keystone uses `{"error": {code, title, message}}`, Neutron `{"NeutronError": ...}`,
 * Glance lets webob render by `Accept` (HTML, JSON or plain text), and Swift sends a short HTML
 * page whatever the `Accept`.
 */
import type { DemoResponse, ServiceType } from './http';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  411: 'Length Required',
  412: 'Precondition Failed',
  413: 'Request Entity Too Large',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  503: 'Service Unavailable',
};

// nova/api/openstack/wsgi.py Fault._fault_names; anything else falls back to computeFault.
const FAULT_NAMES: Record<number, string> = {
  400: 'badRequest',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'itemNotFound',
  405: 'badMethod',
  409: 'conflictingRequest',
  413: 'overLimit',
  415: 'badMediaType',
  429: 'overLimit',
  501: 'notImplemented',
  503: 'serviceUnavailable',
};

const NEUTRON_TYPES: Record<number, string> = {
  400: 'HTTPBadRequest',
  403: 'HTTPForbidden',
  404: 'HTTPNotFound',
  405: 'HTTPMethodNotAllowed',
  429: 'HTTPTooManyRequests',
  500: 'HTTPInternalServerError',
  503: 'HTTPServiceUnavailable',
};

/** Options that only some formats use. */
export interface ErrorOptions {
  /** Neutron exception class name, e.g. `PortNotFound`. */
  neutronType?: string;
  /** Seconds for 429 (`Retry-After` header, and Nova/Cinder `retryAfter`). */
  retryAfter?: number;
  /** The request's `Accept` header (Glance/webob picks the body format from it). */
  accept?: string;
  /** `WWW-Authenticate` value for 401s. */
  wwwAuthenticate?: string;
}

/** webob's explanation of each 4xx, which Swift (and the others' generic paths) put in the page. */
const EXPLANATIONS: Record<number, string> = {
  400: 'The server could not comply with the request since it is either malformed or otherwise incorrect.',
  401: 'This server could not verify that you are authorized to access the document you requested.',
  403: 'Access was denied to this resource.',
  404: 'The resource could not be found.',
  405: 'The method is not allowed for this resource.',
  409: 'There was a conflict when trying to complete your request.',
  411: 'Content-Length header required.',
  413: 'The body of your request was too large for this server.',
  422: 'Unable to process the contained instructions',
  429: 'Too Many Requests',
};

/** Swift's error page: `<html><h1>Not Found</h1><p>The resource could not be found.</p></html>`. */
export function swiftError(status: number, message = EXPLANATIONS[status] ?? TITLES[status] ?? 'Error'): DemoResponse {
  return { status, text: `<html><h1>${TITLES[status] ?? 'Error'}</h1><p>${message}</p></html>`, contentType: 'text/html; charset=UTF-8' };
}

/** Keystone's error body; keystonemiddleware uses the same one for 401s in front of every service. */
export function keystoneError(status: number, message: string): DemoResponse {
  return { status, body: { error: { code: status, title: TITLES[status] ?? 'Error', message } } };
}

function glanceError(status: number, message: string, accept: string): DemoResponse {
  const title = TITLES[status] ?? 'Error';
  const statusLine = `${status} ${title}`;
  const wantsJson = /application\/json/i.test(accept) && !/text\/html/i.test(accept);
  if (wantsJson) return { status, body: { message, code: statusLine, title } };
  if (/text\/plain/i.test(accept) && !/text\/html|\*\/\*/i.test(accept)) {
    return { status, text: `${statusLine}\n\n${message}\n\n   `, contentType: 'text/plain; charset=UTF-8' };
  }
  const escaped = message.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return {
    status,
    text: `<html>\n <head>\n  <title>${statusLine}</title>\n </head>\n <body>\n  <h1>${statusLine}</h1>\n  ${escaped}<br /><br />\n\n\n\n </body>\n</html>`,
    contentType: 'text/html; charset=UTF-8',
  };
}

/** An error response in `service`'s format. */
export function serviceError(service: ServiceType, status: number, message: string, options: ErrorOptions = {}): DemoResponse {
  let response: DemoResponse;
  switch (service) {
    case 'identity':
      response = keystoneError(status, message);
      break;
    case 'compute':
    case 'volume': {
      const fault: Record<string, unknown> = { code: status, message };
      if ((status === 413 || status === 429) && options.retryAfter !== undefined) fault.retryAfter = String(options.retryAfter);
      response = { status, body: { [FAULT_NAMES[status] ?? 'computeFault']: fault } };
      break;
    }
    case 'network':
      response = {
        status,
        body: { NeutronError: { type: options.neutronType ?? NEUTRON_TYPES[status] ?? 'HTTPError', message, detail: '' } },
      };
      break;
    case 'image':
      response = glanceError(status, message, options.accept ?? '');
      break;
    case 'object-store':
      response = swiftError(status, message);
      break;
  }
  const headers: Record<string, string> = {};
  if (options.retryAfter !== undefined) headers['Retry-After'] = String(options.retryAfter);
  if (options.wwwAuthenticate) headers['WWW-Authenticate'] = options.wwwAuthenticate;
  response.headers = { ...response.headers, ...headers };
  return response;
}

/** The message a real service puts on an unexpected failure (or an injected 4xx). */
export function internalErrorMessage(service: ServiceType, status: number): string {
  if (status < 500) return EXPLANATIONS[status] ?? TITLES[status] ?? 'Error';
  if (status === 503) return 'The server is currently unavailable. Please try again at a later time.';
  switch (service) {
    case 'compute':
      return "Unexpected API Error. Please report this at http://bugs.launchpad.net/nova/ and attach the Nova API log if possible.\n<class 'demo_cloud.InjectedFault'>";
    case 'volume':
      return 'The server has either erred or is incapable of performing the requested operation.';
    case 'network':
      return 'Request Failed: internal server error while processing your request.';
    case 'identity':
      return 'An unexpected error prevented the server from fulfilling your request.';
    case 'image':
      return 'The server has either erred or is incapable of performing the requested operation.';
    case 'object-store':
      return 'An error occurred';
  }
}
