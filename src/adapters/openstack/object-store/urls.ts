import { AppError } from '../../../domain/errors';
import type { ServiceClient } from '../service-client';

/**
 * Swift URL builders. The endpoint is the account, `…/v1/AUTH_<project_id>`, as the catalog gives
 * it; containers and objects are paths below it.
 */
export const containerUrl = (c: ServiceClient, container: string) => c.url(encodeContainerName(container));
export const objectUrl = (c: ServiceClient, container: string, name: string) => c.url(`${encodeContainerName(container)}/${encodeObjectName(name)}`);

/**
 * A container name as a URL path segment.
 *
 * @throws AppError (`openstack_invalid_container_name`, permanent) for `.`, `..` or a name with `/`:
 * the request would address the account (`PUT …/v1/AUTH_x/./name` is `PUT …/v1/AUTH_x/name`,
 * which creates a container and stores nothing) or another container.
 */
export function encodeContainerName(container: string): string {
  if (container === '' || container === '.' || container === '..' || container.includes('/')) {
    throw new AppError(
      'openstack_invalid_container_name',
      `Container name "${container}" cannot be carried by a Swift URL: it is empty, "." or "..", or has a "/".`,
    );
  }
  return encodeURIComponent(container);
}

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
