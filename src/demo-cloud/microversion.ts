/**
 * Microversion negotiation as Nova and Cinder do it: `OpenStack-API-Version: <service> X.Y`
 * (Nova also reads the legacy `X-OpenStack-Nova-API-Version`), `latest` meaning the maximum,
 * 400 on a malformed version and 406 outside [min, max].
 */
import type { IncomingHttpHeaders } from 'node:http';

/** A `major.minor` microversion. */
export interface ApiVersion {
  major: number;
  minor: number;
}

/** Whether `v` is at least `major.minor`. */
export function atLeast(v: ApiVersion, major: number, minor: number): boolean {
  return v.major > major || (v.major === major && v.minor >= minor);
}

/** `2.47` style. */
export function formatVersion(v: ApiVersion): string {
  return `${v.major}.${v.minor}`;
}

/** How a service negotiates. */
export interface MicroversionSpec {
  /** `compute` or `volume`: the token in `OpenStack-API-Version`. */
  serviceType: string;
  /** Nova's `X-OpenStack-Nova-API-Version`; undefined for Cinder. */
  legacyHeader?: string;
  min: ApiVersion;
  max: ApiVersion;
}

/** Result of negotiation: a version, or the status and message to refuse with. */
export type Negotiated = { ok: true; version: ApiVersion } | { ok: false; status: 400 | 406; message: string };

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(',') : value;
}

/** Picks the requested version, or the minimum when none is asked for. */
export function negotiate(headers: IncomingHttpHeaders, spec: MicroversionSpec): Negotiated {
  let requested: string | undefined;
  const modern = header(headers, 'OpenStack-API-Version');
  if (modern) {
    for (const part of modern.split(',')) {
      const [service, version] = part.trim().split(/\s+/);
      if (service?.toLowerCase() === spec.serviceType && version) requested = version;
    }
  }
  if (requested === undefined && spec.legacyHeader) requested = header(headers, spec.legacyHeader)?.trim();
  if (requested === undefined || requested === '') return { ok: true, version: spec.min };
  if (requested.toLowerCase() === 'latest') return { ok: true, version: spec.max };
  const match = /^([1-9]\d*)\.(0|[1-9]\d*)$/.exec(requested);
  if (!match) {
    return { ok: false, status: 400, message: `API Version String ${requested} is of invalid format. Must be of format MajorNum.MinorNum.` };
  }
  const version = { major: Number(match[1]), minor: Number(match[2]) };
  if (!atLeast(version, spec.min.major, spec.min.minor) || !atLeast(spec.max, version.major, version.minor)) {
    return {
      ok: false,
      status: 406,
      message: `Version ${requested} is not supported by the API. Minimum is ${formatVersion(spec.min)} and maximum is ${formatVersion(spec.max)}.`,
    };
  }
  return { ok: true, version };
}

/** Headers a microversioned response carries. */
export function versionHeaders(spec: MicroversionSpec, version: ApiVersion): Record<string, string> {
  const headers: Record<string, string> = {
    'OpenStack-API-Version': `${spec.serviceType} ${formatVersion(version)}`,
    Vary: spec.legacyHeader ? `OpenStack-API-Version, ${spec.legacyHeader}` : 'OpenStack-API-Version',
  };
  if (spec.legacyHeader) headers[spec.legacyHeader] = formatVersion(version);
  return headers;
}
