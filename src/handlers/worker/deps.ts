import type { Ports, Telemetry } from '../../domain/deps';
import type { RetryBackoff } from '../../domain/retry-backoff';
import type { DeliverySettings } from '../../use-cases/deliver-report';

/** Everything the worker function needs; built by `workerDeps` in each environment's wiring. */
export type WorkerDeps = Pick<
  Ports,
  | 'runs'
  | 'artifacts'
  | 'queue'
  | 'retryDelay'
  | 'clock'
  | 'logger'
  | 'newId'
  | 'inventory'
  | 'reportBuilder'
  | 'reportRenderer'
  | 'schedules'
  | 'ledger'
  | 'budgetAlerts'
  | 'mailer'
  | 'webhooks'
  | 'uploader'
  | 'renderEmail'
  | 'statistics'
> &
  Telemetry & {
    settings: {
      /** Receives of one message before the queue dead-letters it. */
      maxReceiveCount: number;
      /** The wait before a failed job is delivered again (default: 10 s × 3^(attempt−1), ±20 %, at most 5 minutes). */
      retryBackoff?: Partial<RetryBackoff>;
      delivery: Partial<DeliverySettings>;
    };
  };

/** Everything the dead-letter function needs; built by `deadLetterDeps` in each environment's wiring. */
export type DeadLetterDeps = Pick<Ports, 'runs' | 'ledger' | 'clock' | 'logger'> &
  Pick<Telemetry, 'metrics'> &
  Partial<Pick<Ports, 'statistics'>> & {
    settings: { maxReceiveCount: number };
  };
