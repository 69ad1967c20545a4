import { HttpWebhookSender } from '../adapters/http/http-webhook-sender';
import { SwiftObjectUploader } from '../adapters/openstack/swift-object-uploader';
import type { Ports } from '../domain/deps';
import type { WebhookPolicy } from '../domain/delivery/webhook-policy';
import { renderReportEmail } from '../presentation/email/report-email';

/**
 * The delivery channels besides e-mail: webhooks under the environment's policy, and Swift uploads
 * with the credentials of the cloud the reports read.
 */
export function deliveryChannels(inventory: Ports['inventory'], webhookPolicy: WebhookPolicy): Pick<Ports, 'webhooks' | 'uploader' | 'renderEmail'> {
  return {
    webhooks: new HttpWebhookSender(webhookPolicy),
    uploader: SwiftObjectUploader.forInventory(inventory),
    renderEmail: renderReportEmail,
  };
}
