import { Stack } from 'aws-cdk-lib';
import { Grant, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

/** Properties of {@link Mail}. */
export interface MailProps {
  /** Sender address; must be verified in SES (itself or its domain). Empty: no e-mail through SES. */
  readonly fromAddress: string;
  readonly replyTo: string;
}

/**
 * E-mail delivery through SES. The identity is verified outside the stack (verification needs a mailbox
 * or DNS), so this unit only knows the sender and grants permission to send as it.
 */
export class Mail extends Construct {
  readonly fromAddress: string;
  readonly replyTo: string;
  /** SES identities the grant covers. */
  readonly identityArns: readonly string[];

  constructor(scope: Construct, id: string, props: MailProps) {
    super(scope, id);
    this.fromAddress = props.fromAddress;
    this.replyTo = props.replyTo;

    const stack = Stack.of(this);
    const identity = (name: string) => stack.formatArn({ service: 'ses', resource: 'identity', resourceName: name });
    const domain = props.fromAddress.split('@')[1];
    // SES authorizes against the identity that verified the sender: the address itself, or its domain.
    this.identityArns = props.fromAddress ? [identity(props.fromAddress), ...(domain ? [identity(domain)] : [])] : [];
  }

  /**
   * `ses:SendEmail`/`ses:SendRawEmail` as the configured sender (SES v2 SendEmail authorizes as
   * either). Without a sender nothing is granted: the worker could send nothing anyway, and the API
   * refuses e-mail deliveries on such a deployment.
   */
  grantSend(grantee: IGrantable): void {
    if (this.identityArns.length === 0) return;
    Grant.addToPrincipal({ grantee, actions: ['ses:SendEmail', 'ses:SendRawEmail'], resourceArns: [...this.identityArns] });
  }
}
