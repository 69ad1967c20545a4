/** The trace context in job messages: kept when it is a W3C traceparent, dropped (never the job) when it is not. */
import { describe, expect, it } from 'vitest';
import { reportJobSchema } from '../../src/domain/job-schema';

const valid = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('the traceparent of a job message', () => {
  it.each([
    ['run', { kind: 'run', runId: 'r1' }],
    ['deliver', { kind: 'deliver', runId: 'r1', channel: 'email' }],
  ])('is kept on a %s job', (_kind, job) => {
    expect(reportJobSchema.parse({ ...job, traceparent: valid })).toEqual({ ...job, traceparent: valid });
  });

  it.each([
    ['an all-zero trace id', '00-00000000000000000000000000000000-00f067aa0ba902b7-01'],
    ['an all-zero parent id', '00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01'],
    ['upper-case hex', '00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01'],
    ['another version', '01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'],
    ['not a string', 42],
  ])('is dropped when it has %s, and the job still runs', (_what, traceparent) => {
    expect(reportJobSchema.parse({ kind: 'run', runId: 'r1', traceparent })).toEqual({ kind: 'run', runId: 'r1' });
  });
});
