/** The outputs loader: the contract's rules, the file path, and CloudFormation DescribeStacks over the real SDK. */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { describeStackOutputs } from '../../smoke/cloudformation.ts';
import { parseStackOutputs, readOutputsFile } from '../../smoke/outputs.ts';
import { startCloudFormationEndpoint, type CloudFormationEndpoint } from './cloudformation-endpoint.ts';

const AWS_OUTPUTS = {
  APIEndpoint: 'wss://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/api',
  Distribution: 'wss://d111111abcdef8.cloudfront.net',
  ConnectionsEndpoint: 'https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/api',
  Sessions: 'ws-dev-SessionsTable-1ABCDEFG',
  Region: 'eu-west-1',
};

describe('stack outputs', () => {
  it('accepts the contract and names every missing or malformed key', () => {
    assert.deepEqual(parseStackOutputs(AWS_OUTPUTS, 'x'), AWS_OUTPUTS);
    const { Sessions: _sessions, ...withoutSessions } = AWS_OUTPUTS;
    assert.throws(() => parseStackOutputs({ ...withoutSessions, APIEndpoint: 'https://wrong' }, 'stack dev'), {
      message:
        'stack dev: invalid stack outputs:\n' +
        '  Sessions: missing (the stack must output it; see the stack-outputs contract)\n' +
        '  APIEndpoint: must be ws(s)://host/stage (got "https://wrong")',
    });
  });

  it('reads an outputs file and explains an unreadable one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'outputs-'));
    const file = join(dir, 'outputs.json');
    writeFileSync(file, JSON.stringify({ ...AWS_OUTPUTS, DynamoDBEndpoint: 'http://127.0.0.1:8000' }));
    assert.equal(readOutputsFile(file).DynamoDBEndpoint, 'http://127.0.0.1:8000');
    assert.throws(
      () => readOutputsFile(join(dir, 'absent.json')),
      /absent\.json: cannot read the outputs file \(ENOENT\); start the local stack with `npm start`/,
    );
    writeFileSync(file, '{"APIEndpoint": ');
    assert.throws(() => readOutputsFile(file), /outputs\.json: not JSON/);
  });

  describe('from CloudFormation DescribeStacks (awsQuery wire format on loopback)', () => {
    let endpoint: CloudFormationEndpoint;
    const client = () => ({
      endpoint: endpoint.url,
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    });
    before(async () => {
      endpoint = await startCloudFormationEndpoint([
        { name: 'ws-dev', status: 'UPDATE_COMPLETE', outputs: { ...AWS_OUTPUTS, Extra: 'ignored' } },
        { name: 'ws-broken', status: 'UPDATE_ROLLBACK_COMPLETE', outputs: AWS_OUTPUTS },
        { name: 'ws-old', status: 'CREATE_COMPLETE', outputs: { APIEndpoint: AWS_OUTPUTS.APIEndpoint } },
      ]);
    });
    after(() => endpoint.stop());

    it('reads the outputs of a complete stack with a signed DescribeStacks', async () => {
      const outputs = await describeStackOutputs({ stackName: 'ws-dev', region: 'eu-west-1', client: client() });
      assert.deepEqual(outputs, AWS_OUTPUTS);
      assert.deepEqual(endpoint.requests.at(-1), {
        Action: 'DescribeStacks',
        Version: '2010-05-15',
        StackName: 'ws-dev',
      });
      assert.match(
        endpoint.authorizations.at(-1) ?? '',
        /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/cloudformation\/aws4_request/,
      );
    });

    it('refuses a rolled-back stack, names missing outputs, and passes on CloudFormation errors', async () => {
      await assert.rejects(describeStackOutputs({ stackName: 'ws-broken', region: 'eu-west-1', client: client() }), {
        message:
          'stack ws-broken: status UPDATE_ROLLBACK_COMPLETE is not usable for a smoke run (need CREATE_COMPLETE or UPDATE_COMPLETE)',
      });
      await assert.rejects(
        describeStackOutputs({ stackName: 'ws-old', region: 'eu-west-1', client: client() }),
        /stack ws-old: invalid stack outputs:\n {2}ConnectionsEndpoint: missing/,
      );
      await assert.rejects(
        describeStackOutputs({ stackName: 'ws-none', region: 'eu-west-1', client: client() }),
        (error: Error) => error.name === 'ValidationError' && error.message === 'Stack with id ws-none does not exist',
      );
    });
  });
});
