import { createHash } from 'node:crypto';
import { OpenStackHttpError } from '../errors/openstack-http-error';
import { OpenStackResponseError } from '../errors/openstack-response-error';
import { requestIdOf } from '../http/transport';
import type { ServiceClient } from '../service-client';
import { containerUrl, objectUrl } from './urls';

/** A stored object: where it is and the MD5 Swift verified. */
export interface PutObjectResult {
  url: string;
  etag: string;
  requestId?: string;
}

/**
 * `PUT /{container}`: creates the container, or leaves an existing one as it is (201 created,
 * 202 already there).
 */
export async function createContainer(client: ServiceClient, container: string): Promise<void> {
  // An empty body, so fetch sends `Content-Length: 0`: servers may refuse a length-less PUT with 411.
  await client.request('PUT', containerUrl(client, container), [201, 202], undefined, { payload: new Uint8Array(0) });
}

/**
 * `PUT /{container}/{object}` (201), creating the container first when Swift says it is missing
 * (404). Sends `ETag: <MD5 hex of body>`, so Swift refuses a body that arrived altered (422), and
 * checks the ETag it answers with. Replaces an object of the same name, so a retry is harmless.
 *
 * Neither integrity failure is retried: TLS turns random corruption into a connection error (which
 * is), so a mismatch means something on the way rewrites bodies, and will do so again.
 *
 * @throws OpenStackHttpError (403 no operator role, 400 name too long, 413 quota, 422 ETag refused, ...).
 * @throws OpenStackResponseError when Swift stored an object whose ETag is not the body's MD5.
 */
export async function putObject(client: ServiceClient, container: string, name: string, body: Uint8Array, contentType: string): Promise<PutObjectResult> {
  const url = objectUrl(client, container, name);
  const etag = createHash('md5').update(body).digest('hex');
  const send = () => client.request('PUT', url, [201], undefined, { headers: { 'Content-Type': contentType, ETag: etag }, payload: body });
  let response;
  try {
    response = await send();
  } catch (error) {
    if (!(error instanceof OpenStackHttpError) || error.status !== 404) throw explainEtagRefusal(error, etag);
    await createContainer(client, container);
    response = await send().catch((again: unknown) => {
      throw explainEtagRefusal(again, etag);
    });
  }
  const requestId = requestIdOf(response.headers);
  // Swift already compared the body with the ETag sent; an absent ETag (some proxies drop it) is no worse.
  const stored = response.headers.get('etag')?.replace(/^"|"$/g, '').toLowerCase();
  if (stored !== undefined && stored !== etag) {
    throw new OpenStackResponseError({
      service: client.service,
      method: 'PUT',
      url,
      problem: `Swift stored ETag ${stored}, but the MD5 of the body sent is ${etag}${requestId ? ` (request id ${requestId})` : ''}`,
    });
  }
  return { url, etag, ...(requestId ? { requestId } : {}) };
}

/** Swift's 422 page says only "Unprocessable Entity": name the cause. */
function explainEtagRefusal(error: unknown, etag: string): unknown {
  if (!(error instanceof OpenStackHttpError) || error.status !== 422) return error;
  return new OpenStackHttpError(
    {
      service: error.service,
      method: error.method,
      url: error.url,
      status: error.status,
      requestId: error.requestId,
      serviceMessage: `the body Swift received does not match the ETag sent (MD5 ${etag})`,
    },
    { cause: error },
  );
}
