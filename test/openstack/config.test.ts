import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CloudConfigError } from '../../src/adapters/openstack/config/cloud-config-error';
import { cloudConfigFromDocument } from '../../src/adapters/openstack/config/cloud-config-from-document';
import { loadCloudConfig } from '../../src/adapters/openstack/config/load-cloud-config';
import { authRequestBody } from '../../src/adapters/openstack/identity/auth-request-body';
import { sample } from './helpers/samples';
import { rejection } from './helpers/test-client';

const PASSWORD = 'correct-horse-battery-staple';

const CLOUDS_YAML = `
clouds:
  prod:
    auth:
      auth_url: https://keystone.example.com:5000/v3
      username: reporter
      project_name: ops
      user_domain_name: Default
      project_domain_id: default
    region_name: RegionTwo
    interface: internal
    cacert: /etc/ssl/cloud-ca.pem
    compute_endpoint_override: https://nova.example.com/v2.1/%(project_id)s
  lab:
    auth:
      auth_url: http://lab:5000
      application_credential_id: 423f19a4ac1e4f48bbb4180756e6eb6c
      application_credential_secret: app-secret
    auth_type: v3applicationcredential
    verify: false
`;

const SECURE_YAML = `
clouds:
  prod:
    auth:
      password: ${PASSWORD}
`;

describe('loadCloudConfig', () => {
  let dir: string;
  let home: string;
  let system: string;
  let cwd: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'os-config-'));
    home = join(dir, 'home');
    system = join(dir, 'etc-openstack');
    cwd = join(dir, 'work');
    await Promise.all([mkdir(join(home, '.config', 'openstack'), { recursive: true }), mkdir(system), mkdir(cwd)]);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const load = (options: { cloud?: string; env?: Record<string, string | undefined> }) =>
    loadCloudConfig({ env: {}, cwd, homeDir: home, systemConfigDir: system, ...options });

  it('reads the named cloud from ~/.config/openstack and merges secure.yaml over it', async () => {
    // Arrange
    await writeFile(join(home, '.config', 'openstack', 'clouds.yaml'), CLOUDS_YAML);
    await writeFile(join(home, '.config', 'openstack', 'secure.yaml'), SECURE_YAML);
    // Act
    const config = await load({ env: { OS_CLOUD: 'prod' } });
    // Assess
    expect(config).toMatchObject({
      name: 'prod',
      regionName: 'RegionTwo',
      interface: 'internal',
      cacert: '/etc/ssl/cloud-ca.pem',
      verify: true,
      endpointOverrides: { compute: 'https://nova.example.com/v2.1/%(project_id)s' },
      auth: {
        authUrl: 'https://keystone.example.com:5000/v3',
        method: 'password',
        username: 'reporter',
        userDomainName: 'Default',
        projectName: 'ops',
        projectDomainId: 'default',
      },
    });
    expect(config.auth.password?.reveal()).toBe(PASSWORD);
    expect(config.source).toContain('secure.yaml');
  });

  it('prefers OS_CLIENT_CONFIG_FILE, then ./clouds.yaml, over the home and system directories', async () => {
    await writeFile(join(system, 'clouds.yaml'), 'clouds: {lab: {auth: {auth_url: http://system:5000, token: t}}}');
    await writeFile(join(cwd, 'clouds.yaml'), 'clouds: {lab: {auth: {auth_url: http://cwd:5000, token: t}}}');
    await writeFile(join(dir, 'explicit.yaml'), 'clouds: {lab: {auth: {auth_url: http://explicit:5000, token: t}}}');

    expect((await load({ cloud: 'lab' })).auth.authUrl).toBe('http://cwd:5000');
    expect((await load({ cloud: 'lab', env: { OS_CLIENT_CONFIG_FILE: join(dir, 'explicit.yaml') } })).auth.authUrl).toBe('http://explicit:5000');
    await rm(join(cwd, 'clouds.yaml'));
    expect((await load({ cloud: 'lab' })).auth.authUrl).toBe('http://system:5000');
  });

  it('takes an explicit cloud name over OS_CLOUD', async () => {
    await writeFile(join(cwd, 'clouds.yaml'), CLOUDS_YAML);
    const config = await load({ cloud: 'lab', env: { OS_CLOUD: 'prod' } });
    expect(config).toMatchObject({ name: 'lab', verify: false, auth: { method: 'application_credential' } });
  });

  it('names the file and the clouds it has when the cloud is missing', async () => {
    await writeFile(join(cwd, 'clouds.yaml'), CLOUDS_YAML);
    await expect(load({ cloud: 'x' })).rejects.toThrow(new CloudConfigError(`cloud "x" not found in ${join(cwd, 'clouds.yaml')}; clouds there: prod, lab`));
  });

  it('says where it looked when there is no clouds.yaml', async () => {
    await expect(load({ cloud: 'prod' })).rejects.toThrow(/no clouds.yaml was found \(looked in: .*clouds.yaml/);
  });

  it('reads OS_* variables when no cloud is named', async () => {
    const config = await load({
      env: {
        OS_AUTH_URL: 'https://keystone:5000',
        OS_USERNAME: 'demo',
        OS_PASSWORD: PASSWORD,
        OS_PROJECT_ID: 'p-123',
        OS_USER_DOMAIN_ID: 'default',
        OS_REGION_NAME: 'RegionOne',
        OS_INTERFACE: 'publicURL',
        OS_CACERT: '/ca.pem',
        OS_INSECURE: 'true',
        OS_VOLUME_ENDPOINT_OVERRIDE: 'http://cinder:8776/v3',
      },
    });
    expect(config).toMatchObject({
      name: 'envvars',
      source: 'environment',
      regionName: 'RegionOne',
      interface: 'public',
      cacert: '/ca.pem',
      verify: false,
      endpointOverrides: { 'block-storage': 'http://cinder:8776/v3' },
      auth: { method: 'password', username: 'demo', userDomainId: 'default', projectId: 'p-123' },
    });
  });

  it('reads an application credential and a token from OS_* variables', async () => {
    const appCred = await load({
      env: { OS_AUTH_URL: 'http://k:5000/v3', OS_APPLICATION_CREDENTIAL_ID: 'ac1', OS_APPLICATION_CREDENTIAL_SECRET: 's' },
    });
    expect(appCred.auth).toMatchObject({ method: 'application_credential', applicationCredentialId: 'ac1' });
    const token = await load({ env: { OS_AUTH_URL: 'http://k:5000/v3', OS_TOKEN: 'gAAAA', OS_PROJECT_ID: 'p' } });
    expect(token.auth).toMatchObject({ method: 'token', projectId: 'p' });
  });

  it('names the missing variable, not the clouds.yaml key, for the environment', async () => {
    await expect(load({ env: { OS_AUTH_URL: 'http://k:5000', OS_USERNAME: 'u', OS_PROJECT_NAME: 'p' } })).rejects.toThrow(
      'OS_* environment variables: OS_PASSWORD is required for password authentication',
    );
  });

  it('fails clearly when nothing selects a cloud', async () => {
    await expect(load({})).rejects.toThrow(/no OpenStack cloud selected: set OS_CLOUD/);
  });

  it('never shows secrets when printed, serialised or in errors', async () => {
    await writeFile(join(cwd, 'clouds.yaml'), CLOUDS_YAML);
    await writeFile(join(cwd, 'secure.yaml'), SECURE_YAML);
    const config = await load({ cloud: 'prod' });
    const lab = await load({ cloud: 'lab' });

    for (const shown of [JSON.stringify(config), inspect(config, { depth: 10 }), `${config.auth.password}`, JSON.stringify({ ...config.auth })]) {
      expect(shown).not.toContain(PASSWORD);
    }
    expect(JSON.stringify(lab)).not.toContain('app-secret');
    expect(inspect(lab, { depth: 10 })).not.toContain('app-secret');
    expect(JSON.stringify(config.auth.password)).toBe('"[redacted]"');

    await writeFile(join(cwd, 'clouds.yaml'), `clouds:\n  bad:\n    auth:\n      password: ${PASSWORD}\n      username: x\n`);
    const error = await rejection<Error>(load({ cloud: 'bad' }));
    expect(error).toBeInstanceOf(CloudConfigError);
    expect(String(error)).not.toContain(PASSWORD);
    expect((error as Error).message).toContain('auth.auth_url is required');
  });

  it('does not quote the file in YAML syntax errors', async () => {
    await writeFile(join(cwd, 'clouds.yaml'), `clouds:\n  prod:\n    auth: {password: "${PASSWORD}"\n`);
    const error = await rejection<Error>(load({ cloud: 'prod' }));
    expect(error).toBeInstanceOf(CloudConfigError);
    expect((error as Error).message).not.toContain(PASSWORD);
  });
});

describe('cloudConfigFromDocument', () => {
  const entry = {
    auth: { auth_url: 'http://k:5000/v3', username: 'u', password: PASSWORD, project_id: 'p1', user_domain_id: 'default' },
    region_name: 'R1',
  };

  it('reads one clouds.yaml entry', () => {
    expect(cloudConfigFromDocument(entry)).toMatchObject({ name: 'secret', source: 'document', regionName: 'R1', auth: { projectId: 'p1' } });
  });

  it('reads a whole clouds.yaml, choosing the named cloud', () => {
    const doc = { clouds: { a: entry, b: { ...entry, region_name: 'R2' } } };
    expect(cloudConfigFromDocument(doc, 'b').regionName).toBe('R2');
    expect(cloudConfigFromDocument({ ...doc, cloud: 'a' }).regionName).toBe('R1');
    expect(() => cloudConfigFromDocument(doc)).toThrow('the cloud document defines several clouds (a, b); name one with "cloud"');
    expect(() => cloudConfigFromDocument(doc, 'c')).toThrow('cloud "c" not found in the cloud document; clouds there: a, b');
  });

  it('accepts JSON and YAML text, with inline PEM as cacert', () => {
    const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
    expect(cloudConfigFromDocument(JSON.stringify({ ...entry, cacert: pem })).cacert).toBe(pem);
    const yaml = `clouds:\n  only:\n    auth:\n      auth_url: http://k:5000\n      application_credential_name: mon\n      application_credential_secret: s\n      username: u\n      user_domain_name: Default\n`;
    expect(cloudConfigFromDocument(yaml)).toMatchObject({
      name: 'only',
      auth: { method: 'application_credential', applicationCredentialName: 'mon', username: 'u', userDomainName: 'Default' },
    });
  });

  it('rejects unsupported auth types by name', () => {
    expect(() => cloudConfigFromDocument({ ...entry, auth_type: 'v3oidcpassword' })).toThrow(/auth_type "v3oidcpassword" is not supported/);
  });
});

describe('Keystone auth request bodies', () => {
  it.each([
    ['project-id-password', { user_id: 'ee4dfb6e5540447cb3741905149d9b6e', password: 'devstacker', project_id: 'a6944d763bf64ee6a275f1263fae0352' }],
    ['project-name-password', { user_id: 'ee4dfb6e5540447cb3741905149d9b6e', password: 'devstacker', project_name: 'admin', project_domain_id: 'default' }],
    ['application-credential-id', { application_credential_id: '423f19a4ac1e4f48bbb4180756e6eb6c', application_credential_secret: 'rEaqvJka48mpv' }],
    [
      'application-credential-name',
      { application_credential_name: 'monitoring', application_credential_secret: 'rEaqvJka48mpv', user_id: '423f19a4ac1e4f48bbb4180756e6eb6c' },
    ],
  ])('matches keystone sample %s', (name, auth) => {
    const config = cloudConfigFromDocument({ auth: { auth_url: 'http://k/identity', ...auth } });
    expect(authRequestBody(config.auth)).toEqual(sample(`keystone/auth-request.${name}.json`));
  });

  it('scopes a user by name with both domains by name', () => {
    const config = cloudConfigFromDocument({
      auth: { auth_url: 'http://k', username: 'u', password: 'p', project_name: 'ops', user_domain_name: 'Users', project_domain_name: 'Projects' },
    });
    expect(authRequestBody(config.auth)).toEqual({
      auth: {
        identity: { methods: ['password'], password: { user: { name: 'u', domain: { name: 'Users' }, password: 'p' } } },
        scope: { project: { name: 'ops', domain: { name: 'Projects' } } },
      },
    });
  });

  it('rescopes a password or token to another project', () => {
    const config = cloudConfigFromDocument({ auth: { auth_url: 'http://k', token: 'tkn', project_id: 'p1' } });
    expect(authRequestBody(config.auth, 'p2')).toEqual({
      auth: { identity: { methods: ['token'], token: { id: 'tkn' } }, scope: { project: { id: 'p2' } } },
    });
  });
});
