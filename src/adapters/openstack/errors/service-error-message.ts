import type { ServiceType } from '../service-type';

/** Long enough for any OpenStack fault message; short enough that an HTML error page stays readable. */
const MAX_LENGTH = 400;

type Extractor = (body: Record<string, unknown>) => string | undefined;

/** Keystone (and keystonemiddleware in front of any service): `{error: {code, title, message}}`. */
const keystone: Extractor = (body) => {
  const error = record(body.error);
  if (!error) return undefined;
  return text(error.message) ?? text(error.title);
};

/** Neutron: `{NeutronError: {type, message, detail}}`. */
const neutron: Extractor = (body) => {
  const error = record(body.NeutronError);
  if (!error) return undefined;
  const message = text(error.message);
  const type = text(error.type);
  return type && message ? `${type}: ${message}` : (message ?? type);
};

/** Placement (and the API-WG guideline some services follow): `{errors: [{title, detail}]}`. */
const placement: Extractor = (body) => {
  if (!Array.isArray(body.errors)) return undefined;
  const parts = body.errors
    .map((e) => record(e))
    .map((e) => (e ? (text(e.detail) ?? text(e.title)) : undefined))
    .filter((m): m is string => m !== undefined);
  return parts.length > 0 ? parts.join('; ') : undefined;
};

/** Nova and Cinder: `{<faultName>: {code, message}}` with one key such as `itemNotFound`. */
const fault: Extractor = (body) => {
  const keys = Object.keys(body);
  if (keys.length !== 1) return undefined;
  const inner = record(body[keys[0]!]);
  return inner ? text(inner.message) : undefined;
};

/** Glance and various proxies: `{message}` or `{title, description}`. */
const flat: Extractor = (body) => text(body.message) ?? text(body.description) ?? text(body.title);

const ORDER: Record<ServiceType, Extractor[]> = {
  identity: [keystone, fault, placement, neutron, flat],
  compute: [fault, keystone, placement, neutron, flat],
  'block-storage': [fault, keystone, placement, neutron, flat],
  network: [neutron, keystone, fault, placement, flat],
  image: [flat, keystone, fault, placement, neutron],
  placement: [placement, keystone, fault, neutron, flat],
  // Swift answers errors as short HTML or plain text, reduced to text above; JSON is keystonemiddleware's.
  'object-store': [keystone, flat, fault, placement, neutron],
};

/**
 * The human message inside a service's error body. Each service has its own envelope, and a 401
 * from keystonemiddleware may use keystone's instead, so the service's shape is tried first and
 * the others after it. Non-JSON bodies (webob HTML pages, proxies) are reduced to their text.
 */
export function extractServiceMessage(service: ServiceType, bodyText: string): string | undefined {
  const trimmed = bodyText.trim();
  if (trimmed === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    return truncate(plainText(trimmed));
  }
  const body = record(parsed);
  if (!body) return truncate(plainText(trimmed));
  for (const extract of ORDER[service]) {
    const message = extract(body);
    if (message) return truncate(message);
  }
  return truncate(trimmed);
}

function plainText(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function truncate(value: string): string | undefined {
  const clean = value.replace(/\s+/g, ' ').trim();
  if (clean === '') return undefined;
  return clean.length > MAX_LENGTH ? `${clean.slice(0, MAX_LENGTH)}…` : clean;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
