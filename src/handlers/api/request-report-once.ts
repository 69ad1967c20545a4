import type { Ports } from '../../domain/deps';
import type { ReportRun } from '../../domain/report-run';
import { createReportBodySchema } from '../../domain/report-spec';
import { requestReport, type RequestReportDeps } from '../../use-cases/request-report';
import { parseOrThrow } from '../../domain/validate';
import { createIdempotently, type IdempotentCreateResult } from './create-idempotently';
import { requestHash } from './idempotency-key';

/**
 * `requestReport` under an `Idempotency-Key`: the first request with a key makes the run, repeats
 * with the same body get that run back, the key with another body is refused. The body is
 * validated first, so an invalid body never claims a key.
 */
export async function requestReportOnce(
  deps: RequestReportDeps & Pick<Ports, 'idempotency'>,
  input: { owner: string; key: string; body: unknown },
): Promise<IdempotentCreateResult<ReportRun>> {
  parseOrThrow(createReportBodySchema, input.body);
  return createIdempotently({
    store: deps.idempotency,
    logger: deps.logger,
    owner: input.owner,
    key: input.key,
    requestHash: requestHash(input.body),
    now: deps.clock.now(),
    newId: deps.newId,
    // The run takes the id the key was claimed with, so a repeat finds it.
    create: (id) => requestReport({ ...deps, newId: () => id }, { owner: input.owner, body: input.body }),
    find: async (id) => {
      const run = await deps.runs.get(id);
      return run?.owner === input.owner ? run : undefined;
    },
  });
}
