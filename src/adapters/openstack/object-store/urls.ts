import { AppError } from '../../../domain/errors';
import type { ServiceClient } from '../service-client';

/**
 * Swift URL builders. The endpoint is the account, `…/v1/AUTH_<project_id>`, as the catalog gives
 * it; containers and objects are paths below it.
 */
export const containerUrl = (c: ServiceClient, container: string) => c.url(encodeURIComponent(container));
export const objectUrl = (c: ServiceClient, container: string, name: string) => c.url(`${encodeURIComponent(container)}/${encodeObjectName(name)}`);

/**
 * An object name as a URL path: each `/`-separated segment percent-encoded, the slashes kept (Swift
 * names are flat, but `/` reads as folders in every client and must stay literal on the wire).
 *
 * @throws AppError (`openstack_invalid_object_name`, permanent) for a `.` or `..` segment: URL
 * parsers remove those (even as `%2E`), so the object would land under another name or container.
 */
export function encodeObjectName(name: string): string {
  const segments = name.split('/');
  if (segments.some((s) => s === '.' || s === '..')) {
    throw new AppError('openstack_invalid_object_name', `Object name "${name}" has a "." or ".." segment, which URLs cannot carry.`);
  }
  return segments.map(encodeURIComponent).join('/');
}
