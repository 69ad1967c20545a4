import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TtlCache } from '../../src/adapters/openstack/cache/ttl-cache';
import { OpenStackClient } from '../../src/adapters/openstack/client';
import { cloudConfigFromDocument } from '../../src/adapters/openstack/config/cloud-config-from-document';
import { OpenStackNetworkError } from '../../src/adapters/openstack/errors/openstack-network-error';
import { rejection } from './helpers/test-client';

const CERT = new URL('./fixtures/tls/cert.pem', import.meta.url);
const KEY = new URL('./fixtures/tls/key.pem', import.meta.url);

describe('TLS settings', () => {
  let server: Server;
  let url: string;

  beforeAll(async () => {
    // A keystone that answers every token request, over HTTPS with a self-signed certificate.
    server = createServer({ cert: readFileSync(CERT), key: readFileSync(KEY) }, (_req, res) => {
      res.writeHead(201, { 'Content-Type': 'application/json', 'X-Subject-Token': 'tls-token' });
      res.end(
        JSON.stringify({
          token: {
            expires_at: new Date(Date.now() + 3600_000).toISOString(),
            issued_at: new Date().toISOString(),
            methods: ['password'],
            user: { id: 'u', name: 'u' },
            project: { id: 'p', name: 'p' },
            roles: [{ id: 'r', name: 'member' }],
            catalog: [],
          },
        }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/v3`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const client = (extra: Record<string, unknown>) =>
    new OpenStackClient(cloudConfigFromDocument({ auth: { auth_url: url, username: 'u', password: 'p', project_id: 'p' }, ...extra }), {
      cache: new TtlCache(),
      maxRetries: 0,
    });

  it('rejects an unknown CA with a non-retryable network error that says what to set', async () => {
    const error = await rejection<OpenStackNetworkError>(client({}).authenticate());
    expect(error).toBeInstanceOf(OpenStackNetworkError);
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('set cacert');
  });

  it('trusts the CA bundle named by cacert (a file, or PEM text from a secret)', async () => {
    await expect(client({ cacert: CERT.pathname }).authenticate()).resolves.toMatchObject({ projectId: 'p' });
    await expect(client({ cacert: readFileSync(CERT, 'utf8') }).authenticate()).resolves.toMatchObject({ projectId: 'p' });
  });

  it('skips verification with verify: false', async () => {
    await expect(client({ verify: false }).authenticate()).resolves.toMatchObject({ projectId: 'p' });
  });
});
