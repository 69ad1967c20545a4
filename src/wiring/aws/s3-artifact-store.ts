import { S3Client } from '@aws-sdk/client-s3';
import { S3ArtifactStore } from '../../adapters/aws/s3-artifact-store';
import type { ArtifactStore } from '../../domain/ports';

/**
 * The artifact store on S3, for the wiring to `import()` on first use. A module of its own because a
 * dynamic import of `@aws-sdk/client-s3` itself would keep every S3 command in the bundle; this file
 * imports only what it names.
 */
export function s3ArtifactStore(bucket: string): ArtifactStore {
  return new S3ArtifactStore(new S3Client({}), bucket);
}
