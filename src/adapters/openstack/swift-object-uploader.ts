import { describeError, isRetryable } from '../../domain/errors';
import type { InventorySource } from '../../domain/ports';
import { DeliveryError } from '../../domain/delivery/errors';
import type { ObjectUploader } from '../../domain/delivery/ports';
import { EndpointNotFoundError } from './auth/catalog';
import type { OpenStackClient } from './client';
import { OpenStackHttpError } from './errors/openstack-http-error';
import type { OpenStackInventorySource } from './inventory-source';
import { putObject } from './object-store/requests';

/**
 * `ObjectUploader` over OpenStack Swift, in the account of the project the client is scoped to
 * (`AUTH_<project_id>` from the catalog), with the client's retries, timeouts and re-authentication.
 * Failures become `DeliveryError`s that say what to fix; transient ones stay retryable.
 */
export class SwiftObjectUploader implements ObjectUploader {
  /** `client` is asked for on each upload, so a cloud whose credentials load lazily is not opened before it is needed. */
  constructor(private readonly client: () => Promise<OpenStackClient>) {}

  /**
   * The uploader for the cloud the reports read: the client behind the deployment's inventory
   * source (`OpenStackInventorySource.client`), so Swift uses the same credentials, project,
   * region and CA settings.
   */
  static forInventory(inventory: () => Promise<InventorySource>): SwiftObjectUploader {
    return new SwiftObjectUploader(async () => {
      const client = clientOf(await inventory());
      if (client) return client;
      throw new DeliveryError('swift_not_available', 'Swift delivery needs an OpenStack cloud, and this deployment reads its inventory from elsewhere.', {
        retryable: false,
      });
    });
  }

  async upload(container: string, name: string, body: Uint8Array, contentType: string): Promise<{ url: string }> {
    try {
      const objectStore = await (await this.client()).service('object-store');
      const { url } = await putObject(objectStore, container, name, body, contentType);
      return { url };
    } catch (error) {
      throw explain(error, container, name);
    }
  }
}

/**
 * The OpenStack client of an inventory source, by shape rather than `instanceof`: a second copy of
 * the module (ESM and CJS loaders side by side, as in tests) makes a class check fail.
 */
function clientOf(source: InventorySource): OpenStackClient | undefined {
  const client = (source as Partial<Pick<OpenStackInventorySource, 'client'>>).client;
  return client && typeof client.service === 'function' ? client : undefined;
}

function explain(error: unknown, container: string, name: string): unknown {
  if (error instanceof DeliveryError) return error;
  const what = `"${name}" in Swift container "${container}"`;
  if (error instanceof EndpointNotFoundError) {
    return new DeliveryError('swift_not_available', `Cannot store ${what}: the cloud has no object storage: ${error.message}`, {
      retryable: false,
      cause: error,
    });
  }
  if (error instanceof OpenStackHttpError && error.service === 'object-store' && (error.status === 401 || error.status === 403)) {
    return new DeliveryError(
      'swift_forbidden',
      `Swift refused to store "${name}" in container "${container}"; the cloud credentials need an operator role (such as member or swiftoperator) in their project. ${error.message}`,
      { retryable: false, cause: error },
    );
  }
  return new DeliveryError('swift_upload_failed', `Could not store ${what}: ${describeError(error)}`, { retryable: isRetryable(error), cause: error });
}
