import { S3Client } from '@aws-sdk/client-s3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3ArtifactStore } from '../../src/adapters/aws/s3-artifact-store';
import { localS3Credentials, startLocalS3, type LocalS3 } from '../../src/adapters/local/s3-server';

describe('S3ArtifactStore on a local S3-compatible server', () => {
  let dir: string;
  let s3: LocalS3;
  let store: S3ArtifactStore;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 's3-'));
    s3 = await startLocalS3({ directory: dir });
    const client = new S3Client({
      endpoint: s3.endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: localS3Credentials,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    store = new S3ArtifactStore(client, s3.bucket);
  });

  afterAll(async () => {
    await s3?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('stores bytes unchanged and serves them through a presigned URL with a file name', async () => {
    const body = new TextEncoder().encode('%PDF-1.7 not really\n');
    await store.put('reports/r1/report.pdf', body, 'application/pdf');
    const url = await store.presignGet('reports/r1/report.pdf', 60, 'inventory-report-r1.pdf');
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="inventory-report-r1.pdf"');
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(body);
    expect(await store.get('reports/r1/report.pdf')).toEqual(body);
  });

  it('hands out URLs that stop working once they expire', async () => {
    await store.put('reports/r2/report.csv', new TextEncoder().encode('a,b\r\n'), 'text/csv');
    const url = await store.presignGet('reports/r2/report.csv', 1);
    await new Promise((r) => setTimeout(r, 2100));
    const res = await fetch(url);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('Request has expired');
  });

  it('deletes artifacts', async () => {
    await store.put('reports/r3/report.json', new TextEncoder().encode('{}'), 'application/json');
    await store.delete(['reports/r3/report.json']);
    expect(await store.get('reports/r3/report.json')).toBeUndefined();
  });
});
