import { S3Client } from '@aws-sdk/client-s3';
import type { ArtifactStore } from '../../domain/ports';
import { s3Artifacts } from '../stores';

/**
 * The artifact store on S3, for the wiring to `import()` on first use. A module of its own because a
 * dynamic import of `@aws-sdk/client-s3` itself would keep every S3 command in the bundle; this file
 * imports only what it names.
 */
export function s3ArtifactStore(bucket: string): ArtifactStore {
  return s3Artifacts(new S3Client({}), bucket);
}
