import type { Branding } from '../report-engine';
import type { PriceList } from './price-list';
import type { ArtifactStore, Clock, InventorySource, JobQueue, Logger, PdfRenderer, RunStore } from './ports';

/** What the use cases need; built once per environment by `src/wiring/*`. */
export interface Deps {
  runs: RunStore;
  artifacts: ArtifactStore;
  queue: JobQueue;
  /** Opened lazily: the API never needs cloud credentials except for health checks. */
  inventory: () => Promise<InventorySource>;
  pdf: PdfRenderer;
  clock: Clock;
  logger: Logger;
  newId: () => string;
  settings: {
    /** Receives of one message before the queue dead-letters it. */
    maxReceiveCount: number;
    downloadUrlTtlSeconds: number;
    /** The price list cost reports use when the spec has none. */
    defaultPriceList?: PriceList;
    /** Logo, colours and title of the brand theme. */
    branding?: Branding;
  };
}
