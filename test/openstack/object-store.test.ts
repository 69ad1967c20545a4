import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDemoCloud, type DemoCloud, type RequestLogEntry } from '../../src/demo-cloud/index';
import { OpenStackHttpError } from '../../src/adapters/openstack/errors/openstack-http-error';
import { OpenStackResponseError } from '../../src/adapters/openstack/errors/openstack-response-error';
import { createContainer, putObject } from '../../src/adapters/openstack/object-store/requests';
import { encodeObjectName } from '../../src/adapters/openstack/object-store/urls';
import { createNodeExchange, type Exchange } from '../../src/adapters/http/http-exchange';
import { demoClient } from './helpers/demo-client';
import { rejection } from './helpers/test-client';

const md5 = (bytes: Uint8Array): string => createHash('md5').update(bytes).digest('hex');
const csv = new TextEncoder().encode('project,cost\nshop,12.50\n');
/** The client's own wire, for tests that play a middlebox around it. */
const wire = createNodeExchange({ verify: true });

describe('object-store requests against the demo cloud', () => {
  let cloud: DemoCloud;
  const log: RequestLogEntry[] = [];
  let containers = 0;
  const newContainer = (): string => `reports-${++containers}`;
  /** Swift requests since the last reset, as `METHOD path-below-the-account status`. */
  const swiftCalls = (): string[] =>
    log.filter((e) => e.service === 'object-store').map((e) => `${e.method} ${e.url.replace(/^\/object-store\/v1\/AUTH_[0-9a-f]+/, '')} ${e.status}`);

  beforeAll(async () => {
    cloud = await startDemoCloud({ servers: 10, onRequest: (entry) => log.push(entry) });
  });
  afterEach(() => {
    cloud.setFaults({});
    log.length = 0;
  });
  afterAll(() => cloud?.close());

  it('stores the bytes under the name, with the content type, and says where', async () => {
    // Prepare
    const client = await demoClient(cloud).service('object-store');
    const container = newContainer();
    await createContainer(client, container);

    // Act
    const result = await putObject(client, container, 'monthly/cost.csv', csv, 'text/csv');

    // Assess
    expect(result).toEqual({ url: `${client.endpoint}/${container}/monthly/cost.csv`, etag: md5(csv), requestId: expect.stringMatching(/^tx[0-9a-f]{21}-/) });
    expect(client.endpoint).toMatch(/\/object-store\/v1\/AUTH_[0-9a-f]{32}$/);
    const stored = cloud.objects().filter((o) => o.container === container);
    expect(stored).toEqual([expect.objectContaining({ name: 'monthly/cost.csv', bytes: csv, contentType: 'text/csv', etag: md5(csv) })]);
  });

  it('creates the container when Swift answers 404, then stores the object', async () => {
    const client = await demoClient(cloud).service('object-store');
    const container = newContainer();
    log.length = 0;

    await putObject(client, container, 'cost.csv', csv, 'text/csv');

    expect(swiftCalls()).toEqual([`PUT /${container}/cost.csv 404`, `PUT /${container} 201`, `PUT /${container}/cost.csv 201`]);
    expect(
      cloud
        .objects()
        .filter((o) => o.container === container)
        .map((o) => o.name),
    ).toEqual(['cost.csv']);
  });

  it('sends one PUT into an existing container, and replaces an object of the same name', async () => {
    const client = await demoClient(cloud).service('object-store');
    const container = newContainer();
    await createContainer(client, container);
    await putObject(client, container, 'cost.csv', new TextEncoder().encode('old'), 'text/csv');
    log.length = 0;

    await putObject(client, container, 'cost.csv', csv, 'text/csv');

    expect(swiftCalls()).toEqual([`PUT /${container}/cost.csv 201`]);
    expect(
      cloud
        .objects()
        .filter((o) => o.container === container)
        .map((o) => o.bytes),
    ).toEqual([csv]);
  });

  it('encodes each segment of a name and keeps its slashes', async () => {
    const client = await demoClient(cloud).service('object-store');
    const container = `relatórios ${newContainer()}`;
    const name = 'custos/2025 11/custo & uso #1?.pdf';

    await putObject(client, container, name, csv, 'application/pdf');

    expect(
      cloud
        .objects()
        .filter((o) => o.container === container)
        .map((o) => o.name),
    ).toEqual([name]);
    expect(encodeObjectName(name)).toBe('custos/2025%2011/custo%20%26%20uso%20%231%3F.pdf');
  });

  it('refuses "." and ".." segments, which a URL cannot carry, before sending anything', async () => {
    const client = await demoClient(cloud).service('object-store');
    log.length = 0;

    const error = await rejection<{ code: string; retryable: boolean }>(putObject(client, newContainer(), 'reports/../escape.pdf', csv, 'application/pdf'));

    expect(error).toMatchObject({ code: 'openstack_invalid_object_name', retryable: false });
    expect(swiftCalls()).toEqual([]);
  });

  it.each(['.', '..'])('refuses the container %j, which a URL cannot carry, before sending anything', async (container) => {
    const client = await demoClient(cloud).service('object-store');
    log.length = 0;

    const error = await rejection<{ code: string; retryable: boolean }>(putObject(client, container, 'report.pdf', csv, 'application/pdf'));

    expect(error).toMatchObject({ code: 'openstack_invalid_container_name', retryable: false });
    expect(swiftCalls()).toEqual([]);
  });

  it('fails, without retrying, when Swift refuses a body altered on the way (422)', async () => {
    // Prepare: a middlebox that flips one byte of every object body.
    const tampering: Exchange = (request) => {
      const body = request.body;
      if (request.method === 'PUT' && body instanceof Uint8Array && body.byteLength > 0) {
        const altered = new Uint8Array(body);
        altered[0] ^= 0xff;
        return wire({ ...request, body: altered });
      }
      return wire(request);
    };
    const client = await demoClient(cloud, 'admin', { exchange: tampering }).service('object-store');
    const container = newContainer();
    await createContainer(client, container);

    // Act
    const error = await rejection<OpenStackHttpError>(putObject(client, container, 'cost.csv', csv, 'text/csv'));

    // Assess
    expect(error).toBeInstanceOf(OpenStackHttpError);
    expect(error).toMatchObject({ status: 422, retryable: false, requestId: expect.stringMatching(/^tx/) });
    expect(error.message).toContain(`the body Swift received does not match the ETag sent (MD5 ${md5(csv)})`);
    expect(cloud.objects().some((o) => o.container === container)).toBe(false);
  });

  it('fails when Swift answers with an ETag that is not the MD5 of the body sent', async () => {
    const lying: Exchange = async (request) => {
      const response = await wire(request);
      if (request.method !== 'PUT' || !response.headers.get('etag')) return response;
      const etag = md5(new TextEncoder().encode('something else'));
      return { ...response, headers: { get: (name) => (name.toLowerCase() === 'etag' ? etag : response.headers.get(name)) } };
    };
    const client = await demoClient(cloud, 'admin', { exchange: lying }).service('object-store');
    const container = newContainer();
    await createContainer(client, container);

    const error = await rejection<OpenStackResponseError>(putObject(client, container, 'cost.csv', csv, 'text/csv'));

    expect(error).toBeInstanceOf(OpenStackResponseError);
    expect(error.message).toMatch(
      new RegExp(
        `^Unexpected response: PUT .*/${container}/cost\\.csv: Swift stored ETag [0-9a-f]{32}, but the MD5 of the body sent is ${md5(csv)} \\(request id tx`,
      ),
    );
  });

  it('reports a 403 with the URL and Swift transaction id, not retryable', async () => {
    const client = await demoClient(cloud).service('object-store');
    cloud.setFaults({ failPathPattern: '^/object-store/v1/', failPathStatus: 403 });

    const error = await rejection<OpenStackHttpError>(putObject(client, newContainer(), 'cost.csv', csv, 'text/csv'));

    expect(error).toMatchObject({ service: 'object-store', method: 'PUT', status: 403, retryable: false, requestId: expect.stringMatching(/^tx/) });
    expect(error.message).toMatch(
      /^Request failed with 403: PUT http:\/\/.*\/cost\.csv \(request id tx[0-9a-f-]+\): Forbidden Access was denied to this resource\.$/,
    );
  });

  it('retries a 503 itself, then gives up with a retryable error', async () => {
    const client = await demoClient(cloud, 'admin', { maxRetries: 2 }).service('object-store');
    cloud.setFaults({ failPathPattern: '^/object-store/v1/', failPathStatus: 503 });
    log.length = 0;

    const error = await rejection<OpenStackHttpError>(putObject(client, newContainer(), 'cost.csv', csv, 'text/csv'));

    expect(error).toMatchObject({ status: 503, retryable: true });
    expect(swiftCalls()).toHaveLength(3);
  });

  it('uses object_store_endpoint_override, with the project id filled in', async () => {
    const client = await demoClient(cloud, 'admin', {}, { object_store_endpoint_override: `${cloud.url}/object-store/v1/AUTH_%(project_id)s` }).service(
      'object-store',
    );
    const catalog = await demoClient(cloud).service('object-store');

    expect(client.endpoint).toBe(catalog.endpoint);
  });
});
