import type { DeadLetterDeps } from '../../handlers/worker/deps';
import { awsCommon } from './aws-common';

/** The dead-letter function's dependencies on AWS: the stores only, so its bundle stays small. */
export function awsDeadLetterDeps(env: Record<string, string | undefined> = process.env): DeadLetterDeps {
  const common = awsCommon(env);
  return { ...common, settings: { maxReceiveCount: common.config.MAX_RECEIVE_COUNT } };
}
