import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import S3rver from 's3rver';

/** s3rver's built-in local account: a fixed, public pair that only this local server accepts. */
export const localS3Credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

export interface LocalS3 {
  endpoint: string;
  bucket: string;
  close(): Promise<void>;
}

/**
 * Lets a page read an artifact through its presigned URL (the URL is the credential): the web
 * console previews a report's HTML or PDF this way, as a bucket CORS rule allows on AWS.
 */
const readAnywhereCors = `<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod><AllowedMethod>HEAD</AllowedMethod><AllowedHeader>*</AllowedHeader></CORSRule></CORSConfiguration>`;

/** An S3-compatible server on 127.0.0.1 (s3rver) that checks signatures and presigned-URL expiry. */
export async function startLocalS3(options: { directory: string; bucket?: string; port?: number }): Promise<LocalS3> {
  const bucket = options.bucket ?? 'openstack-reports';
  await mkdir(options.directory, { recursive: true });
  const server = new S3rver({
    address: '127.0.0.1',
    port: options.port ?? 0,
    silent: true,
    directory: options.directory,
    configureBuckets: [{ name: bucket, configs: [readAnywhereCors] }],
  });
  const address: AddressInfo = await server.run();
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    bucket,
    close: () => server.close(),
  };
}
