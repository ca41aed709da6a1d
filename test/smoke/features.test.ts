import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { featureClient, identityAttribute, missingSettings } from '../../smoke/features.ts';
import { parseStackOutputs } from '../../smoke/outputs.ts';
import { DEFAULT_SMOKE_SETTINGS } from '../../smoke/settings.ts';

const base = {
  APIEndpoint: 'wss://abc.execute-api.eu-west-1.amazonaws.com/ocpp',
  Distribution: 'wss://d1.cloudfront.net',
  ConnectionsEndpoint: 'https://abc.execute-api.eu-west-1.amazonaws.com/ocpp',
  Sessions: 'stack-Sessions',
  Region: 'eu-west-1',
};
const features = {
  Subprotocols: 'ocpp2.0.1,ocpp1.6',
  Authorization: 'REQUEST',
  IdentityPathPattern: '/ocpp/{chargePointId}',
  SendToIdentityRoute: 'sendToChargePoint',
};

describe('smoke: connect features from the stack outputs', () => {
  it('parses the declared features and rejects malformed ones by name', () => {
    const outputs = parseStackOutputs({ ...base, ...features }, 'test');
    assert.deepEqual(outputs.Subprotocols, ['ocpp2.0.1', 'ocpp1.6']);
    assert.equal(identityAttribute(outputs), 'chargePointId');
    assert.throws(
      () => parseStackOutputs({ ...base, Authorization: 'JWT', IdentityPathPattern: '/ocpp/CP001' }, 'test'),
      (error: Error) =>
        error.message.includes('Authorization: must be REQUEST or AWS_IAM (got "JWT")') &&
        error.message.includes('IdentityPathPattern: must be a path with one {attribute} segment (got "/ocpp/CP001")'),
    );
  });

  it('demands the credentials and identity a declared feature needs, naming the setting', () => {
    const outputs = parseStackOutputs({ ...base, ...features }, 'test');
    assert.deepEqual(
      missingSettings(outputs, DEFAULT_SMOKE_SETTINGS).map((problem) => problem.split(':')[0]),
      [
        'the stack authorizes $connect (Authorization = REQUEST)',
        'the stack names connections by path (/ocpp/{chargePointId})',
      ],
    );
    assert.deepEqual(
      missingSettings(outputs, { ...DEFAULT_SMOKE_SETTINGS, authorization: 'Basic x', identity: 'CP 1' }),
      [],
    );
  });

  it('builds a well-behaved client: identity path (encoded), credentials, preferred protocol', () => {
    const outputs = parseStackOutputs({ ...base, ...features }, 'test');
    const client = featureClient(outputs, { ...DEFAULT_SMOKE_SETTINGS, authorization: 'Basic x', identity: 'CP 1' });
    assert.deepEqual(client, {
      url: 'wss://d1.cloudfront.net/ocpp/CP%201',
      options: { headers: { Authorization: 'Basic x' }, protocols: ['ocpp2.0.1'] },
    });
    assert.deepEqual(
      featureClient(
        outputs,
        { ...DEFAULT_SMOKE_SETTINGS, authorization: 'Basic x', identity: 'CP1' },
        { authorization: null, protocols: ['x'] },
      ).options,
      { protocols: ['x'] },
    );
  });

  it('connects through the custom domain when the stack names one (PublicURL), and refuses a malformed one', () => {
    const outputs = parseStackOutputs({ ...base, ...features, PublicURL: 'wss://ws.example.com' }, 'test');
    assert.equal(
      featureClient(outputs, { ...DEFAULT_SMOKE_SETTINGS, authorization: 'Basic x', identity: 'CP1' }).url,
      'wss://ws.example.com/ocpp/CP1',
    );
    assert.throws(
      () => parseStackOutputs({ ...base, PublicURL: 'https://ws.example.com/a/b' }, 'test'),
      (error: Error) =>
        error.message.includes(
          'PublicURL: must be ws(s)://host (or ws(s)://host/stage locally) (got "https://ws.example.com/a/b")',
        ),
    );
  });
});
