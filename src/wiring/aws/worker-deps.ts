import { SESv2Client } from '@aws-sdk/client-sesv2';
import type { WorkerDeps } from '../../handlers/worker/deps';
import { sesMailer } from '../mailers';
import { deliveryChannels } from '../delivery-channels';
import { chromiumRenderer, reportPipeline } from '../report-pipeline';
import { reportSettings } from '../report-settings';
import { awsCommon, awsWebhookPolicy } from './aws-common';

/** Where the worker bundle keeps @sparticuz/chromium's binaries (copied there by the CDK bundling hook). */
export const lambdaChromiumBinDir = '/var/task/chromium-bin';

/** The worker function's dependencies on AWS: reports render with Chromium, e-mail goes through SES. */
export function awsWorkerDeps(env: Record<string, string | undefined> = process.env): WorkerDeps {
  const common = awsCommon(env);
  const { config } = common;
  return {
    ...common,
    ...reportPipeline(reportSettings({ priceList: config.PRICE_LIST, branding: config.BRANDING }), chromiumRenderer({ binDir: lambdaChromiumBinDir })),
    ...deliveryChannels(common.inventory, awsWebhookPolicy),
    mailer: config.SES_FROM ? sesMailer(new SESv2Client({}), config.SES_FROM, config.SES_REPLY_TO) : undefined,
    settings: {
      maxReceiveCount: config.MAX_RECEIVE_COUNT,
      delivery: { attachmentMaxBytes: config.EMAIL_ATTACHMENT_MAX_BYTES, publicBaseUrl: config.PUBLIC_BASE_URL },
    },
  };
}
