import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDemoCloud, type DemoCloud } from '../../src/demo-cloud/index';
import { call, login } from './helpers';

const md5 = (bytes: Uint8Array | string): string => createHash('md5').update(bytes).digest('hex');

describe('demo cloud object store (Swift)', () => {
  let cloud: DemoCloud;
  let token: string;
  let account: string;
  let memberToken: string;
  let containers = 0;

  beforeAll(async () => {
    cloud = await startDemoCloud({ servers: 10 });
    const admin = await login(cloud, 'admin');
    token = admin.token;
    account = admin.body.token.catalog.find((s: { type: string }) => s.type === 'object-store').endpoints[0].url;
    memberToken = (await login(cloud, 'member')).token;
  });
  afterEach(() => cloud.setFaults({}));
  afterAll(() => cloud.close());

  /** A fresh container name per test: objects stay in the cloud for the whole file. */
  const newContainer = (): string => `reports-${++containers}`;
  const put = (url: string, body?: Uint8Array<ArrayBuffer> | string, headers: Record<string, string> = {}, as = token) =>
    fetch(url, { method: 'PUT', headers: { 'X-Auth-Token': as, ...headers }, body: body ?? new Uint8Array(0) });
  const get = (url: string, method = 'GET', as = token) => fetch(url, { method, headers: { 'X-Auth-Token': as } });

  it('lists the account in the catalog as type object-store, name swift, and serves /info without a token', async () => {
    const reply = await call(cloud, '/object-store/info');

    expect(account).toMatch(new RegExp(`^${cloud.url}/object-store/v1/AUTH_[0-9a-f]{32}$`));
    expect(reply.status).toBe(200);
    expect(reply.body.swift).toMatchObject({ max_object_name_length: 1024, max_container_name_length: 256 });
  });

  it('refuses a request without a token with 401', async () => {
    const reply = await fetch(`${account}/reports`, { method: 'PUT' });

    expect(reply.status).toBe(401);
    expect(reply.headers.get('www-authenticate')).toContain('Keystone uri=');
  });

  it('creates a container (201, then 202), stores an object and serves it back with its ETag', async () => {
    // Prepare
    const container = newContainer();
    const body = new TextEncoder().encode('name,cost\nweb-1,12.50\n');

    // Act
    const created = await put(`${account}/${container}`);
    const again = await put(`${account}/${container}`);
    const stored = await put(`${account}/${container}/2025/cost.csv`, body, { 'Content-Type': 'text/csv', ETag: md5(body) });
    const read = await get(`${account}/${container}/2025/cost.csv`);
    const head = await get(`${account}/${container}/2025/cost.csv`, 'HEAD');

    // Assess
    expect([created.status, again.status]).toEqual([201, 202]);
    expect(stored.status).toBe(201);
    expect(stored.headers.get('etag')).toBe(md5(body));
    expect(stored.headers.get('x-trans-id')).toMatch(/^tx[0-9a-f]{21}-[0-9a-f]{10}$/);
    expect(stored.headers.get('x-openstack-request-id')).toBe(stored.headers.get('x-trans-id'));
    expect(read.status).toBe(200);
    expect(read.headers.get('content-type')).toBe('text/csv');
    expect(new Uint8Array(await read.arrayBuffer())).toEqual(body);
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(body.byteLength));
    expect(await head.text()).toBe('');
    expect(cloud.objects().filter((o) => o.container === container)).toEqual([
      { projectId: account.split('AUTH_')[1], container, name: '2025/cost.csv', bytes: body, contentType: 'text/csv', etag: md5(body) },
    ]);
  });

  it('keeps binary bodies byte for byte', async () => {
    const container = newContainer();
    const body = new Uint8Array(256 * 1024).map((_, i) => (i * 31) % 256);
    await put(`${account}/${container}`);

    await put(`${account}/${container}/report.pdf`, body, { 'Content-Type': 'application/pdf' });

    const [object] = cloud.objects().filter((o) => o.container === container);
    expect(md5(object!.bytes)).toBe(md5(body));
  });

  it('answers 404 to an object PUT into a missing container, as Swift does', async () => {
    const container = newContainer();

    const reply = await put(`${account}/${container}/report.pdf`, 'x');

    expect(reply.status).toBe(404);
    expect(await reply.text()).toBe('<html><h1>Not Found</h1><p>The resource could not be found.</p></html>');
    expect(cloud.objects().some((o) => o.container === container)).toBe(false);
  });

  it('refuses a body that does not match the ETag sent with 422 and stores nothing', async () => {
    const container = newContainer();
    await put(`${account}/${container}`);

    const reply = await put(`${account}/${container}/report.csv`, 'the bytes sent', { ETag: md5('other bytes') });

    expect(reply.status).toBe(422);
    expect(cloud.objects().some((o) => o.container === container)).toBe(false);
  });

  it("refuses another project's account with 403", async () => {
    const reply = await put(`${account}/${newContainer()}`, undefined, {}, memberToken);

    expect(reply.status).toBe(403);
    expect(await reply.text()).toContain('Access was denied to this resource.');
  });

  it('lists containers and objects as text, or as JSON with ?format=json', async () => {
    // Prepare
    const container = newContainer();
    await put(`${account}/${container}`);
    for (const name of ['b.csv', 'a.pdf', 'dir/c.json']) await put(`${account}/${container}/${name}`, name);

    // Act
    const text = await get(`${account}/${container}`);
    const listing = await call(cloud, `${account}/${container}?format=json`, { token });
    const prefixed = await call(cloud, `${account}/${container}?format=json&prefix=dir/`, { token });
    const accountListing = await call(cloud, `${account}?format=json`, { token });

    // Assess
    expect(await text.text()).toBe('a.pdf\nb.csv\ndir/c.json\n');
    expect(listing.body).toEqual([
      {
        hash: md5('a.pdf'),
        last_modified: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/),
        bytes: 5,
        name: 'a.pdf',
        content_type: 'text/plain;charset=UTF-8',
      },
      expect.objectContaining({ name: 'b.csv' }),
      expect.objectContaining({ name: 'dir/c.json' }),
    ]);
    expect(listing.headers.get('x-container-object-count')).toBe('3');
    expect(prefixed.body.map((o: { name: string }) => o.name)).toEqual(['dir/c.json']);
    expect(accountListing.body).toContainEqual(expect.objectContaining({ name: container, count: 3, bytes: 5 + 5 + 10 }));
  });

  it('answers 204 to an empty text listing and [] to an empty JSON one', async () => {
    const container = newContainer();
    await put(`${account}/${container}`);

    expect((await get(`${account}/${container}`)).status).toBe(204);
    expect((await call(cloud, `${account}/${container}?format=json`, { token })).body).toEqual([]);
  });

  it('deletes objects, and a container only once it is empty (409 before)', async () => {
    const container = newContainer();
    await put(`${account}/${container}`);
    await put(`${account}/${container}/x`, 'x');

    const notEmpty = await get(`${account}/${container}`, 'DELETE');
    const object = await get(`${account}/${container}/x`, 'DELETE');
    const emptied = await get(`${account}/${container}`, 'DELETE');
    const gone = await get(`${account}/${container}`, 'HEAD');

    expect([notEmpty.status, object.status, emptied.status, gone.status]).toEqual([409, 204, 204, 404]);
  });

  it('keeps slashes, spaces and non-ASCII in object names', async () => {
    const container = newContainer();
    await put(`${account}/${container}`);
    const name = 'relatórios/2025 11/custo & uso.pdf';

    const stored = await put(`${account}/${container}/${name.split('/').map(encodeURIComponent).join('/')}`, 'pdf');

    expect(stored.status).toBe(201);
    expect(cloud.objects().find((o) => o.container === container)?.name).toBe(name);
  });

  it('refuses names longer than Swift allows with 400', async () => {
    const longContainer = await put(`${account}/${'c'.repeat(257)}`);
    const container = newContainer();
    await put(`${account}/${container}`);
    const longObject = await put(`${account}/${container}/${'o'.repeat(1025)}`, 'x');

    expect(longContainer.status).toBe(400);
    expect(await longContainer.text()).toContain('Container name length of 257 longer than 256');
    expect(longObject.status).toBe(400);
  });

  it('injects any error status on matching paths in Swift format (failPathStatus)', async () => {
    cloud.setFaults({ failPathPattern: '^/object-store/v1/', failPathStatus: 403 });

    const reply = await put(`${account}/${newContainer()}`);

    expect(reply.status).toBe(403);
    expect(await reply.text()).toBe('<html><h1>Forbidden</h1><p>Access was denied to this resource.</p></html>');
    expect(() => cloud.setFaults({ failPathPattern: 'x', failPathStatus: 200 })).toThrow(/failPathStatus/);
  });
});
