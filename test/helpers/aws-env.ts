/** The settings every function's AWS configuration requires (`awsConfigSchema`): one account, eu-west-1. */
export const awsStackEnv = {
  RUNS_TABLE: 'runs',
  SCHEDULES_TABLE: 'schedules',
  ARTIFACTS_BUCKET: 'artifacts',
  JOBS_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/123456789012/jobs',
  JOBS_QUEUE_ARN: 'arn:aws:sqs:eu-west-1:123456789012:jobs',
  SCHEDULE_GROUP: 'openstack-reports',
  SCHEDULER_ROLE_ARN: 'arn:aws:iam::123456789012:role/scheduler-send',
  SCHEDULER_DLQ_ARN: 'arn:aws:sqs:eu-west-1:123456789012:scheduler-dlq',
};
