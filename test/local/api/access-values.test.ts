/** The access log's `$context` values: built directly, always equal to the mapping-template `$context` flattened. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { accessValues, flatten } from '../../../local/api/access-values.ts';
import type { EventInput, EventType } from '../../../local/api/types.ts';
import { buildVtlContext } from '../../../local/api/vtl-request.ts';

const BASE: EventInput = {
  connectionId: 'abcdEFGHijklMN=',
  connectedAt: 1_765_000_000_000,
  requestTimeEpoch: 1_765_000_000_123,
  requestId: 'reqIdABCDEFGHI=',
  routeKey: '$default',
  stage: 'dev',
  apiId: 'abc123defg',
  domainName: 'abc123defg.execute-api.us-east-1.amazonaws.com',
  sourceIp: '127.0.0.1',
  headers: {},
  multiValueHeaders: {},
  query: {},
  multiValueQuery: {},
};

const hostileValues: Record<string, string> = JSON.parse(
  '{"principalId":"user \\"1\\"","__proto__":"proto","constructor":"c","a.b":"dotted","":"empty","10":"ten","2":"two","nl":"x\\ny"}',
);

const INPUTS: Array<[string, EventInput]> = [
  ['a plain message', { ...BASE, messageId: 'msgIdABCDEFGHI=', body: 'hello' }],
  ['no message id (connect, disconnect)', { ...BASE }],
  ['a user agent with quotes and controls', { ...BASE, userAgent: 'agent "x"\r\n\u0000', messageId: 'm' }],
  ['an API key', { ...BASE, apiKey: { id: 'key-id', value: 'key-value' } }],
  [
    'an authorizer with hostile context keys',
    { ...BASE, authorizer: { values: hostileValues, integrationLatency: 12, usageIdentifierKey: 'u' } },
  ],
  ['an authorizer with no values', { ...BASE, authorizer: { values: {}, integrationLatency: 0 } }],
  [
    'every optional part at once',
    {
      ...BASE,
      userAgent: 'ua',
      messageId: 'mid',
      apiKey: { id: 'i', value: 'v' },
      authorizer: { values: { principalId: 'p', role: 'admin' }, integrationLatency: 3 },
    },
  ],
];

/** The reference: the mapping template's `$context` (vtl-request.ts), flattened to the access log's names. */
function reference(eventType: EventType, input: EventInput): Record<string, string | number> {
  const values: Record<string, string | number> = {};
  flatten(buildVtlContext(eventType, input), '', values);
  return values;
}

describe('accessValues', () => {
  for (const [what, input] of INPUTS) {
    for (const eventType of ['connect', 'message', 'disconnect'] as const) {
      it(`equals the flattened mapping-template $context: ${what}, ${eventType}`, () => {
        assert.deepStrictEqual(accessValues(eventType, input, { status: 200 }), {
          ...reference(eventType, input),
          status: 200,
        });
      });
    }
  }

  it("adds the request's end: integration status and latency, errors", () => {
    const values = accessValues(
      'message',
      { ...BASE, messageId: 'm' },
      {
        status: 500,
        outcome: { kind: 'failed', reason: 'boom', functionError: true },
        integrationLatency: 7,
        errorMessage: 'Internal server error',
        responseType: 'INTEGRATION_FAILURE',
      },
    );
    assert.deepStrictEqual(values, {
      ...reference('message', { ...BASE, messageId: 'm' }),
      status: 500,
      integrationStatus: 200,
      'integration.status': 200,
      'integration.integrationStatus': 200,
      integrationLatency: 7,
      'integration.latency': 7,
      'integration.error': 'boom',
      'error.message': 'Internal server error',
      'error.messageString': 'Internal server error',
      'error.responseType': 'INTEGRATION_FAILURE',
    });
  });
});
