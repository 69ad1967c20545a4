import { SESv2Client } from '@aws-sdk/client-sesv2';
import type { SqsJobQueue } from '../../adapters/aws/sqs-job-queue';
import type { RetryDelay } from '../../domain/ports';
import type { WorkerDeps } from '../../handlers/worker/deps';
import { sesMailer } from '../mailers';
import { deliveryChannels } from '../delivery-channels';
import { chromiumRenderer, reportPipeline } from '../report-pipeline';
import { reportSettings } from '../report-settings';
import { awsCommon, awsWebhookPolicy } from './aws-common';
import { awsSmtpMail } from './smtp-mail';
import { tracedMailer, tracedPdfRenderer, tracedWebhookSender } from '../../adapters/telemetry/traced-ports';
import type { Mailer } from '../../domain/delivery/ports';

/** Where the worker bundle keeps @sparticuz/chromium's binaries (copied there by the CDK bundling hook). */
export const lambdaChromiumBinDir = '/var/task/chromium-bin';

/**
 * ChangeMessageVisibility on the jobs queue, for the retry backoff. The SQS client is imported on the
 * first failure only: most invocations never need it.
 */
function sqsRetryDelay(queueUrl: string): RetryDelay {
  let queue: Promise<SqsJobQueue> | undefined;
  return {
    delay: async (receiptHandle, seconds) => {
      queue ??= Promise.all([import('@aws-sdk/client-sqs'), import('../../adapters/aws/sqs-job-queue')]).then(
        ([sqs, adapter]) => new adapter.SqsJobQueue(new sqs.SQSClient({}), queueUrl),
      );
      queue.catch(() => (queue = undefined));
      return (await queue).delay(receiptHandle, seconds);
    },
  };
}

/** The worker function's dependencies on AWS: reports render with Chromium, e-mail goes through SES (or SMTP_URL's server). */
export function awsWorkerDeps(env: Record<string, string | undefined> = process.env): WorkerDeps {
  const common = awsCommon(env);
  const { config, tracer } = common;
  const channels = deliveryChannels(common.inventory, awsWebhookPolicy);
  const smtp = awsSmtpMail(config, common.logger)?.mailer;
  const ses = !smtp && config.SES_FROM ? sesMailer(new SESv2Client({}), config.SES_FROM, config.SES_REPLY_TO) : undefined;
  const mailer: Mailer | undefined = smtp ? tracedMailer(smtp, tracer, 'smtp') : ses ? tracedMailer(ses, tracer, 'ses') : undefined;
  return {
    ...common,
    ...reportPipeline(
      reportSettings({ priceList: config.PRICE_LIST, branding: config.BRANDING }),
      tracedPdfRenderer(chromiumRenderer({ binDir: lambdaChromiumBinDir }), tracer),
    ),
    ...channels,
    webhooks: tracedWebhookSender(channels.webhooks, tracer),
    retryDelay: sqsRetryDelay(config.JOBS_QUEUE_URL),
    mailer,
    settings: {
      maxReceiveCount: config.MAX_RECEIVE_COUNT,
      delivery: { attachmentMaxBytes: config.EMAIL_ATTACHMENT_MAX_BYTES, publicBaseUrl: config.PUBLIC_BASE_URL },
    },
  };
}
