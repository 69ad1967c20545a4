/**
 * The `swift` channel: every artifact of a succeeded run stored in the container the run names,
 * as `${prefix}${type}-report-${runId}.${format}`. Names depend only on the run, so a retried
 * delivery replaces the same objects instead of adding copies.
 */
import type { ArtifactStore } from '../../domain/ports';
import type { Artifact, ReportRun } from '../../domain/report-run';
import type { Delivery } from '../../domain/report-spec';
import { DeliveryError } from '../../domain/delivery/errors';
import type { ObjectUploader } from '../../domain/delivery/ports';

export type SwiftTarget = NonNullable<Delivery['swift']>;

/** `monthly/cost-report-0b6e….pdf` for prefix `monthly/`. */
export function swiftObjectName(run: Pick<ReportRun, 'id' | 'type'>, artifact: Pick<Artifact, 'format'>, prefix: string | undefined): string {
  return `${prefix ?? ''}${run.type}-report-${run.id}.${artifact.format}`;
}

/**
 * Uploads the run's artifacts one after the other (a report has at most four) and returns their
 * URLs by format. A failure stops at that file; the retry uploads all of them again.
 *
 * @throws DeliveryError `artifact_missing` (permanent) when a file is no longer stored, or what
 * the uploader throws.
 */
export async function uploadArtifactsToSwift(
  artifacts: Pick<ArtifactStore, 'get'>,
  uploader: ObjectUploader,
  run: ReportRun,
  target: SwiftTarget,
): Promise<Record<string, string>> {
  const urls: Record<string, string> = {};
  for (const artifact of run.artifacts) {
    const body = await artifacts.get(artifact.key);
    if (!body) {
      throw new DeliveryError('artifact_missing', `The ${artifact.format.toUpperCase()} of run ${run.id} is no longer stored (${artifact.key}).`, {
        retryable: false,
      });
    }
    const { url } = await uploader.upload(target.container, swiftObjectName(run, artifact, target.prefix), body, artifact.contentType);
    urls[artifact.format] = url;
  }
  return urls;
}
