import { describe, expect, it } from 'vitest';
import { apiFakeApp, apiToken } from '../helpers/api-fakes';

const preflight = (origin: string) => ({
  method: 'OPTIONS',
  headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type, idempotency-key' },
});

describe('CORS', () => {
  const { app } = apiFakeApp({}, { corsOrigins: ['https://app.example.com'] });

  it('answers a preflight from an allowed origin with the headers the API takes', async () => {
    const res = await app.request('/v1/reports', preflight('https://app.example.com'));
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(res.headers.get('access-control-allow-headers')).toContain('idempotency-key');
    expect(res.headers.get('access-control-allow-methods')).toContain('PATCH');
  });

  it('exposes Location on answers to an allowed origin', async () => {
    const token = await apiToken('alice', ['reports:write']);
    const res = await app.request('/v1/reports', {
      method: 'POST',
      headers: { origin: 'https://app.example.com', authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'inventory', formats: ['json'] }),
    });
    expect(res.status).toBe(202);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(res.headers.get('access-control-expose-headers')).toContain('location');
  });

  it('grants nothing to another origin', async () => {
    const res = await app.request('/v1/reports', preflight('https://evil.example'));
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('is off unless origins are configured: OPTIONS then lists the methods', async () => {
    const res = await apiFakeApp().app.request('/v1/reports', preflight('https://app.example.com'));
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.headers.get('allow')).toBe('GET, HEAD, POST');
  });
});
