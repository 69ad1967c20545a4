import { Stack } from 'aws-cdk-lib';
import { Grant, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { acknowledgeWildcardResources } from '../compliance';

/** Properties of {@link Mail}. */
export interface MailProps {
  /** Sender address; must be verified in SES (itself or its domain). Empty: no fixed sender. */
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
    this.identityArns = props.fromAddress ? [identity(props.fromAddress), ...(domain ? [identity(domain)] : [])] : [identity('*')];
  }

  /** `ses:SendEmail`/`ses:SendRawEmail` as the configured sender (SES v2 SendEmail authorizes as either). */
  grantSend(grantee: IGrantable): void {
    Grant.addToPrincipal({ grantee, actions: ['ses:SendEmail', 'ses:SendRawEmail'], resourceArns: [...this.identityArns] });
    if (!this.fromAddress) {
      acknowledgeWildcardResources(
        grantee,
        this.identityArns,
        'No sender configured (context openstack-reports:sesFromAddress is empty), so any verified identity of this account may be used; set the context to narrow it to one identity.',
      );
    }
  }
}
