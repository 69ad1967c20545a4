import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { CloudConfigError } from '../../src/adapters/openstack/config/cloud-config-error';
import { SecretsManagerCloudConfigLoader } from '../../src/adapters/aws/secrets-manager-cloud-config-loader';
import { rejection } from './helpers/test-client';

const SECRET_ID = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:openstack-reports/cloud-AbCdEf';
const CLOUDS_YAML = `
clouds:
  prod:
    auth:
      auth_url: https://keystone.example.com/v3
      application_credential_id: ac-1
      application_credential_secret: s3cr3t-value
    region_name: RegionOne
`;

describe('SecretsManagerCloudConfigLoader', () => {
  const sm = mockClient(SecretsManagerClient);
  afterEach(() => sm.reset());

  it('fetches the secret once with exactly its id and reuses it', async () => {
    // Prepare
    sm.on(GetSecretValueCommand).resolves({ SecretString: CLOUDS_YAML });
    const loader = new SecretsManagerCloudConfigLoader({ secretId: SECRET_ID, cloud: 'prod', client: new SecretsManagerClient({ region: 'eu-west-1' }) });
    // Act
    const [first, second] = await Promise.all([loader.load(), loader.load()]);
    const third = await loader.load();
    // Assess
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(1);
    expect(sm.commandCalls(GetSecretValueCommand)[0]!.args[0].input).toEqual({ SecretId: SECRET_ID });
    expect(first).toBe(second);
    expect(third).toBe(first);
    expect(first).toMatchObject({ name: 'prod', regionName: 'RegionOne', auth: { method: 'application_credential', applicationCredentialId: 'ac-1' } });
  });

  it('reads a JSON entry from SecretBinary', async () => {
    const entry = { auth: { auth_url: 'http://k:5000/v3', token: 'tok', project_id: 'p' } };
    sm.on(GetSecretValueCommand).resolves({ SecretBinary: new TextEncoder().encode(JSON.stringify(entry)) });
    const config = await new SecretsManagerCloudConfigLoader({ secretId: 'x', client: new SecretsManagerClient({ region: 'eu-west-1' }) }).load();
    expect(config.auth).toMatchObject({ method: 'token', projectId: 'p' });
  });

  it('tries again on the next load after a transient failure', async () => {
    sm.on(GetSecretValueCommand)
      .rejectsOnce(Object.assign(new Error('slow down'), { name: 'ThrottlingException' }))
      .resolves({ SecretString: CLOUDS_YAML });
    const loader = new SecretsManagerCloudConfigLoader({ secretId: SECRET_ID, client: new SecretsManagerClient({ region: 'eu-west-1' }) });
    await expect(loader.load()).rejects.toThrow('slow down');
    await expect(loader.load()).resolves.toMatchObject({ name: 'prod' });
  });

  it('fails permanently, naming the secret but not its value, when the content is invalid', async () => {
    sm.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify({ auth: { application_credential_secret: 's3cr3t-value' } }) });
    const error = await rejection<CloudConfigError>(
      new SecretsManagerCloudConfigLoader({ secretId: SECRET_ID, client: new SecretsManagerClient({ region: 'eu-west-1' }) }).load(),
    );
    expect(error).toBeInstanceOf(CloudConfigError);
    expect(error.retryable).toBe(false);
    expect(error.message).toContain(SECRET_ID);
    expect(error.message).not.toContain('s3cr3t-value');
  });
});
