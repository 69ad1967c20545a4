import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SwiftObjectUploader } from '../../src/adapters/openstack/swift-object-uploader';
import { createNodeExchange, type Exchange } from '../../src/adapters/http/http-exchange';
import { OpenStackInventorySource } from '../../src/adapters/openstack/inventory-source';
import { startDemoCloud, type DemoCloud, type RequestLogEntry } from '../../src/demo-cloud/index';
import { fakeInventory } from '../helpers/fake-inventory';
import { demoClient } from '../openstack/helpers/demo-client';
import { rejection } from '../openstack/helpers/test-client';

const csv = new TextEncoder().encode('project,cost\nshop,12.50\n');

describe('SwiftObjectUploader (demo cloud on 127.0.0.1)', () => {
  let cloud: DemoCloud;
  const log: RequestLogEntry[] = [];
  let containers = 0;
  const newContainer = (): string => `uploads-${++containers}`;
  const uploader = (options: Parameters<typeof demoClient>[2] = {}, extra: Record<string, unknown> = {}) =>
    SwiftObjectUploader.forInventory(async () => new OpenStackInventorySource(demoClient(cloud, 'admin', options, extra)));

  beforeAll(async () => {
    cloud = await startDemoCloud({ servers: 10, onRequest: (entry) => log.push(entry) });
  });
  afterEach(() => {
    cloud.setFaults({});
    log.length = 0;
  });
  afterAll(() => cloud.close());

  it('stores objects under their names with their bytes, creating the container when missing', async () => {
    // Prepare
    const container = newContainer();
    const pdf = new Uint8Array(64 * 1024).map((_, i) => (i * 7) % 256);
    const swift = uploader();

    // Act
    const first = await swift.upload(container, 'monthly/cost-report-run-1.pdf', pdf, 'application/pdf');
    await swift.upload(container, 'monthly/cost-report-run-1.csv', csv, 'text/csv');

    // Assess
    expect(first.url).toMatch(new RegExp(`/object-store/v1/AUTH_[0-9a-f]{32}/${container}/monthly/cost-report-run-1\\.pdf$`));
    expect(
      cloud
        .objects()
        .filter((o) => o.container === container)
        .map(({ name, bytes, contentType }) => ({ name, bytes, contentType })),
    ).toEqual([
      { name: 'monthly/cost-report-run-1.csv', bytes: csv, contentType: 'text/csv' },
      { name: 'monthly/cost-report-run-1.pdf', bytes: pdf, contentType: 'application/pdf' },
    ]);
    const puts = log.filter((e) => e.service === 'object-store').map((e) => `${e.method} ${e.status}`);
    expect(puts).toEqual(['PUT 404', 'PUT 201', 'PUT 201', 'PUT 201']);
  });

  it('fails permanently when the bytes Swift received do not match their ETag', async () => {
    const wire = createNodeExchange({ verify: true });
    const tampering: Exchange = (request) => {
      const body = request.body;
      if (request.method === 'PUT' && body instanceof Uint8Array && body.byteLength > 0) return wire({ ...request, body: body.slice(1) });
      return wire(request);
    };
    const container = newContainer();

    const error = await rejection<{ code: string; retryable: boolean; message: string }>(
      uploader({ exchange: tampering }).upload(container, 'cost.csv', csv, 'text/csv'),
    );

    expect(error).toMatchObject({ name: 'DeliveryError', code: 'swift_upload_failed', retryable: false });
    expect(error.message).toMatch(
      new RegExp(`^Could not store "cost.csv" in Swift container "${container}": Request failed with 422: .*does not match the ETag sent`),
    );
    expect(cloud.objects().some((o) => o.container === container)).toBe(false);
  });

  it('explains a 403: the credentials need an operator role', async () => {
    cloud.setFaults({ failPathPattern: '^/object-store/v1/', failPathStatus: 403 });

    const error = await rejection<{ code: string; retryable: boolean; message: string }>(uploader().upload('reports', 'cost.csv', csv, 'text/csv'));

    expect(error).toMatchObject({ code: 'swift_forbidden', retryable: false });
    expect(error.message).toMatch(
      /^Swift refused to store "cost.csv" in container "reports"; the cloud credentials need an operator role .* Request failed with 403: PUT /,
    );
  });

  it('keeps a 503 retryable once the client has retried it', async () => {
    cloud.setFaults({ failPathPattern: '^/object-store/v1/', failPathStatus: 503 });

    const error = await rejection(uploader({ maxRetries: 1 }).upload('reports', 'cost.csv', csv, 'text/csv'));

    expect(error).toMatchObject({ code: 'swift_upload_failed', retryable: true });
  });

  it('fails permanently when the cloud has no object storage for its region', async () => {
    const error = await rejection<{ code: string; retryable: boolean; message: string }>(
      uploader({}, { region_name: 'RegionTwo' }).upload('reports', 'cost.csv', csv, 'text/csv'),
    );

    expect(error).toMatchObject({ code: 'swift_not_available', retryable: false });
    expect(error.message).toContain('no object-store endpoint');
  });

  it('fails permanently when the inventory source is not an OpenStack cloud', async () => {
    const swift = SwiftObjectUploader.forInventory(async () => fakeInventory([], []));

    const error = await rejection(swift.upload('reports', 'cost.csv', csv, 'text/csv'));

    expect(error).toMatchObject({ code: 'swift_not_available', retryable: false });
  });
});
