/**
 * Ids the API hands out (UUIDs for runs, `[0-9A-Za-z_.-]` for schedules). Anything else in a path is
 * answered 404 without a lookup, which also keeps paths from reaching records that are not resources
 * (idempotency records share the runs table under `idem#…` ids).
 */
const resourceIdPattern = /^[0-9A-Za-z_.-]{1,128}$/;

/** True when `id` could name a report run or a schedule. */
export function isResourceId(id: string): boolean {
  return resourceIdPattern.test(id);
}
