import type { WireServer } from './wire-server';

/**
 * The check of `wireServerSchema` written out by hand for the shape Nova sends every day. At
 * 50,000 servers a run, walking zod's generic object and union machinery costs as much as the
 * `JSON.parse` of the pages; this costs a tenth of it.
 *
 * It may only say yes to what the schema accepts (a test holds the two side by side over every
 * official sample and thousands of mutations of them). Anything unusual is a no, and the caller
 * asks zod, which also writes every error message.
 */
export function isWireServer(v: unknown): v is WireServer {
  if (!isRecord(v)) return false;
  return (
    typeof v.id === 'string' &&
    typeof v.status === 'string' &&
    optional(v.name, isString) &&
    optional(v.tenant_id, isString) &&
    optional(v.user_id, isString) &&
    optional(v['OS-EXT-STS:power_state'], isNumber) &&
    optional(v['OS-EXT-STS:task_state'], isStringOrNull) &&
    optional(v.flavor, isFlavor) &&
    optional(v.image, isImage) &&
    optional(v['OS-EXT-AZ:availability_zone'], isStringOrNull) &&
    optional(v['OS-EXT-SRV-ATTR:host'], isStringOrNull) &&
    optional(v['OS-EXT-SRV-ATTR:hypervisor_hostname'], isStringOrNull) &&
    optional(v.addresses, isAddresses) &&
    optional(v.metadata, isRecord) &&
    optional(v.tags, isStringArray) &&
    optional(v.created, isString) &&
    optional(v.updated, isString) &&
    optional(v['OS-SRV-USG:launched_at'], isStringOrNull) &&
    optional(v['os-extended-volumes:volumes_attached'], isIdArray)
  );
}

type Check = (v: unknown) => boolean;

const optional = (v: unknown, check: Check): boolean => v === undefined || check(v);
const isString: Check = (v) => typeof v === 'string';
const isStringOrNull: Check = (v) => v === null || typeof v === 'string';
/** JSON has no NaN or Infinity, which zod refuses; a number from `JSON.parse` is finite. */
const isNumber: Check = (v) => typeof v === 'number' && Number.isFinite(v);

/** A plain object, as zod's object and record schemas want (not an array, not null). */
function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isStringArray(v: unknown): boolean {
  if (!Array.isArray(v)) return false;
  for (const item of v) if (typeof item !== 'string') return false;
  return true;
}

function isIdArray(v: unknown): boolean {
  if (!Array.isArray(v)) return false;
  for (const item of v) if (!isRecord(item) || typeof item.id !== 'string') return false;
  return true;
}

/** `""`, null, or `{id, ...}`. */
function isImage(v: unknown): boolean {
  return v === '' || v === null || (isRecord(v) && typeof v.id === 'string');
}

/**
 * The embedded flavor (2.47+), or a `{id}` reference without `original_name`: a reference that
 * also carries a malformed `original_name` is left to zod's union, whose answer differs.
 */
function isFlavor(v: unknown): boolean {
  if (!isRecord(v)) return false;
  if (v.original_name === undefined) return typeof v.id === 'string' && optional(v.links, isLinks);
  return (
    typeof v.original_name === 'string' &&
    isNumber(v.vcpus) &&
    isNumber(v.ram) &&
    isNumber(v.disk) &&
    optional(v.ephemeral, isNumber) &&
    optional(v.swap, (s) => s === '' || isNumber(s)) &&
    optional(v.extra_specs, isExtraSpecs)
  );
}

/** `[{href, rel?, type?}]`. */
function isLinks(v: unknown): boolean {
  if (!Array.isArray(v)) return false;
  for (const l of v) {
    if (!isRecord(l) || typeof l.href !== 'string' || !optional(l.rel, isString) || !optional(l.type, isString)) return false;
  }
  return true;
}

function isExtraSpecs(v: unknown): boolean {
  if (!isRecord(v)) return false;
  for (const key in v) {
    const value = v[key];
    if (typeof value !== 'string' && typeof value !== 'boolean' && !isNumber(value)) return false;
  }
  return true;
}

function isAddresses(v: unknown): boolean {
  if (!isRecord(v)) return false;
  for (const network in v) {
    const entries = v[network];
    if (!Array.isArray(entries)) return false;
    for (const a of entries) {
      if (!isRecord(a) || typeof a.addr !== 'string' || !isNumber(a.version)) return false;
      if (!optional(a['OS-EXT-IPS:type'], isString) || !optional(a['OS-EXT-IPS-MAC:mac_addr'], isString)) return false;
    }
  }
  return true;
}
