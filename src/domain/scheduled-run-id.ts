import { createHash } from 'node:crypto';

/**
 * The run id of one firing of a schedule: the same schedule and fire time always give the same id,
 * so a message the queue (or EventBridge) delivers twice records one run, not two.
 */
export function scheduledRunId(scheduleId: string, scheduledTime: string): string {
  const h = createHash('sha256').update(`${scheduleId}\n${scheduledTime}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
