import { HOSTILE_HEADER_NAMES, HOSTILE_QUERY_KEYS, HOSTILE_STRINGS } from '../../../checks/hostile-input.ts';
import { sampleContext } from '../../../checks/vtl-templates.ts';
import type { VtlRequest } from '../../../lang/vtl/index.ts';

/**
 * Requests for differential tests: the checks' hostile strings in every client-controlled place, and bodies a
 * client may send (unicode, quotes, nested JSON, missing fields, huge numbers, arrays, non-JSON text).
 */
function context(eventType: string, routeKey: string, sourceIp = '203.0.113.7'): Record<string, unknown> {
  return {
    ...sampleContext(eventType, routeKey),
    identity: { sourceIp, userAgent: 'corpus', cognitoIdentityId: null },
    authorizer: { principalId: 'user-1', integrationLatency: 12, claims: { sub: 'abc', groups: ['a', 'b'] } },
  };
}

const BODIES: readonly string[] = [
  '',
  '{}',
  '[]',
  'null',
  'not json at all',
  '{"action":"sync_sfn","data":"benign"}',
  '{"action":"sync_sfn","data":{"nested":{"deep":[1,2,{"x":"y"}]},"n":null}}',
  '{"action":"async_sfn"}',
  '{"data":"ünïcødé ✓ 日本 😀 \\u2028 \\u2029"}',
  '{"data":"quotes \\" and \\\\ backslashes \' and </script>"}',
  '{"data":12345678901234567890123,"big":1e308,"neg":-0,"frac":0.1}',
  '{"data":[1,"two",null,true,{"k":"v"},[3]]}',
  '{"data":"#set($x = 1)$context.connectionId ${AWS::Region}"}',
  '{"data":true,"message":"hello","to":"L0SM9cOFvHcCIhw="}',
  '{"data":{"length":3,"constructor":"c","__proto__":{"polluted":1}}}',
  '{"action":"sendmessage","message":{"text":"hi","list":["a","b"]}}',
];

function withHeaders(value: string): VtlRequest['params'] {
  const header: Record<string, string> = {
    Host: 'example.com',
    'Ws-Uri': `/ocpp/${value}-id`,
    'x-origin-verify': value,
  };
  for (const name of HOSTILE_HEADER_NAMES) header[name] = value;
  const querystring: Record<string, string> = { plain: value, token: value };
  for (const key of HOSTILE_QUERY_KEYS) querystring[key] = value;
  return { path: {}, querystring, header };
}

export function requestCorpus(): VtlRequest[] {
  const requests: VtlRequest[] = [];
  for (const body of BODIES) {
    requests.push({
      body,
      context: context('MESSAGE', '$default'),
      params: { path: {}, querystring: {}, header: {} },
      stageVariables: { originSecrets: 's3cret,old' },
    });
  }
  for (const value of HOSTILE_STRINGS) {
    for (const [eventType, routeKey] of [
      ['CONNECT', '$connect'],
      ['MESSAGE', 'sync_sfn'],
    ] as const) {
      requests.push({
        body: JSON.stringify({ action: 'sync_sfn', data: { text: value, list: [value, 1, null, true] } }),
        context: context(eventType, routeKey, value),
        params: withHeaders(value),
        stageVariables: { originSecrets: `${value},other` },
      });
    }
  }
  // The edge's origin header with the expected secret, and a CONNECT without any header.
  requests.push({
    body: '',
    context: context('CONNECT', '$connect'),
    params: {
      path: {},
      querystring: { chargePointId: 'CP001' },
      header: { 'X-Origin-Verify': 'local-OriginSecret', 'Sec-WebSocket-Protocol': 'ocpp1.6', 'Ws-Uri': '/ocpp/CP001' },
    },
    stageVariables: { originSecrets: 'local-OriginSecret,old' },
  });
  requests.push({
    body: '',
    context: context('CONNECT', '$connect'),
    params: { path: {}, querystring: {}, header: {} },
    stageVariables: {},
  });
  return requests;
}
