import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { DeliveryError } from '../../domain/delivery/errors';

/** SMTP credentials as the secret holds them. */
export interface SecretSmtpCredentials {
  username: string;
  password: string;
}

/**
 * Reads SMTP credentials from a Secrets Manager secret whose value is
 * `{"username": "…", "password": "…"}` (for SES's SMTP endpoint: the SMTP user name and password
 * derived from an IAM access key). No message ever repeats the secret's value.
 */
export async function readSmtpCredentials(
  secretId: string,
  client: Pick<SecretsManagerClient, 'send'> = new SecretsManagerClient({}),
): Promise<SecretSmtpCredentials> {
  let text: string | undefined;
  try {
    const output = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
    text = output.SecretString ?? (output.SecretBinary ? Buffer.from(output.SecretBinary).toString('utf8') : undefined);
  } catch (error) {
    const name = (error as { name?: string }).name ?? 'Error';
    // A missing secret or permission will not fix itself; throttling and outages may.
    const permanent = name === 'ResourceNotFoundException' || name === 'AccessDeniedException' || name === 'DecryptionFailure';
    throw new DeliveryError('email_credentials_unavailable', `cannot read secret ${secretId}: ${name}`, { retryable: !permanent });
  }
  let value: unknown;
  try {
    value = text === undefined ? undefined : JSON.parse(text);
  } catch {
    value = undefined;
  }
  const { username, password } = (value ?? {}) as Record<string, unknown>;
  if (typeof username !== 'string' || !username || typeof password !== 'string' || !password) {
    throw new DeliveryError('email_credentials_unavailable', `secret ${secretId} must hold JSON {"username": "…", "password": "…"}`, { retryable: false });
  }
  return { username, password };
}
