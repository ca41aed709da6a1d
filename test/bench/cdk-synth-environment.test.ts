/**
 * The CDK bench synthesizes offline: whatever the caller's environment holds (credentials, a profile, a default
 * account, a proxy of its own, in any letter case), `cdk synth` gets none of it, and its HTTP(S) requests go to a
 * closed loopback port, so nothing can reach AWS.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { offlineEnvironment } from '../../bench/cdk-synth.ts';

describe('cdk synth environment', () => {
  const env = offlineEnvironment({
    PATH: '/usr/bin',
    HOME: '/home/someone',
    AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'secret',
    AWS_SESSION_TOKEN: 'token',
    AWS_PROFILE: 'prod',
    aws_profile: 'prod-lowercase',
    AWS_REGION: 'eu-west-1',
    AWS_DEFAULT_REGION: 'eu-west-1',
    AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://169.254.170.2/creds',
    CDK_DEFAULT_ACCOUNT: '123456789012',
    CDK_DEFAULT_REGION: 'us-east-1',
    https_proxy: 'http://proxy.example:3128',
    HTTP_PROXY: 'http://proxy.example:3128',
    NO_PROXY: '*',
  });

  it('keeps nothing that names AWS credentials, a profile, a region, a default account or a proxy', () => {
    const leaked = Object.keys(env).filter((name) =>
      /^aws_(?!EC2_METADATA_DISABLED$|CONFIG_FILE$|SHARED_CREDENTIALS_FILE$)|^cdk_default_|^no_proxy$/i.test(name),
    );
    assert.deepEqual(leaked, []);
    assert.equal(env.https_proxy, undefined);
    assert.equal(env.NO_PROXY, undefined);
  });

  it('sends every HTTP(S) request to a closed loopback port and turns off what calls home', () => {
    assert.equal(env.HTTP_PROXY, 'http://127.0.0.1:9');
    assert.equal(env.HTTPS_PROXY, 'http://127.0.0.1:9');
    assert.equal(env.AWS_EC2_METADATA_DISABLED, 'true');
    assert.equal(env.CDK_DISABLE_VERSION_CHECK, '1');
    assert.equal(env.CDK_DISABLE_CLI_TELEMETRY, 'true');
    assert.match(env.AWS_CONFIG_FILE ?? '', /cdk-bench-no-aws-config$/);
    assert.equal(env.AWS_SHARED_CREDENTIALS_FILE, env.AWS_CONFIG_FILE);
  });

  it("keeps the caller's other variables (PATH, HOME)", () => {
    assert.equal(env.PATH, '/usr/bin');
    assert.equal(env.HOME, '/home/someone');
  });
});
