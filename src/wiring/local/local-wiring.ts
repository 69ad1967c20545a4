import { S3Client } from '@aws-sdk/client-s3';
import { randomUUID } from 'node:crypto';
import { DynamoRunStore } from '../../adapters/aws/dynamo-run-store';
import { ChromiumPdfRenderer } from '../../adapters/chromium/chromium-pdf-renderer';
import { PowertoolsLoggerAdapter, silentLogger } from '../../adapters/aws/powertools-logger';
import { S3ArtifactStore } from '../../adapters/aws/s3-artifact-store';
import type { Deps } from '../../domain/deps';
import type { InventorySource, JobQueue, Logger, PdfRenderer } from '../../domain/ports';
import type { PriceList } from '../../domain/price-list';
import type { Branding } from '../../report-engine';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { localConfigSchema, parseConfig, type LocalConfig } from '../config';

/** Reads the local runtime's configuration from the environment (the only place that does). */
export function loadLocalConfig(env: Record<string, string | undefined> = process.env): LocalConfig {
  return parseConfig(localConfigSchema, env);
}

/** The local stand-ins the local runtime started. */
export interface LocalServices {
  s3: { endpoint: string; bucket: string; credentials: { accessKeyId: string; secretAccessKey: string } };
  dynamo: { client: DynamoDBClient; runsTable: string };
  queue: JobQueue;
  inventory: () => Promise<InventorySource>;
  pdf?: PdfRenderer;
  logger?: Logger;
  defaultPriceList?: PriceList;
  branding?: Branding;
}

/** Builds the same `Deps` as the AWS wiring, from local services. */
export function buildLocalDeps(config: Pick<LocalConfig, 'MAX_RECEIVE_COUNT' | 'DOWNLOAD_URL_TTL_SECONDS'>, services: LocalServices): Deps {
  const s3 = new S3Client({
    endpoint: services.s3.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: services.s3.credentials,
    // s3rver would store aws-chunked framing inside streamed uploads otherwise.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  return {
    runs: new DynamoRunStore(services.dynamo.client, services.dynamo.runsTable),
    artifacts: new S3ArtifactStore(s3, services.s3.bucket),
    queue: services.queue,
    inventory: services.inventory,
    pdf: services.pdf ?? new ChromiumPdfRenderer({ browsers: 2 }),
    clock: { now: () => new Date() },
    logger: services.logger ?? new PowertoolsLoggerAdapter(),
    newId: randomUUID,
    settings: {
      maxReceiveCount: config.MAX_RECEIVE_COUNT,
      downloadUrlTtlSeconds: config.DOWNLOAD_URL_TTL_SECONDS,
      defaultPriceList: services.defaultPriceList,
      branding: services.branding,
    },
  };
}

export { silentLogger };
