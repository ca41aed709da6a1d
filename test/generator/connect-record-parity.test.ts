/**
 * One `$connect`: the VTL integration (rendered by the local API Gateway VTL engine) and the Lambda `$connect` used
 * with subprotocols (handlers/lib/session-record.ts, fed the description the generator puts in its environment)
 * refuse the same handshakes for the same reason and write the same item for the others.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CfnObject, CfnTemplate } from '../../cfn/types.ts';
import { parseConfig, type WsConfigInput } from '../../generator/config/index.ts';
import { generateTemplate, type ResolvedHandler } from '../../generator/index.ts';
import { parseSessionRecordSpec, sessionRecorder, type ConnectFacts } from '../../handlers/lib/session-record.ts';
import { createVtlEngine } from '../../lang/vtl/index.ts';
import { requestTemplate, resource } from './template-fixture.ts';
import { ROOT_RECORD_ATTRIBUTES } from '../support/session-record-fields.ts';

const handler: ResolvedHandler = { codeUri: 'handlers/', entryPoint: 'x.ts', handler: 'x.handler' };
const handlers = new Map([
  ['$default', handler],
  ['$authorizer', handler],
  ['$connect', handler],
  ['$sendToIdentity', handler],
]);
const SECRET = 'e'.repeat(64);

const authorized: WsConfigInput = {
  routes: { $default: { integration: 'lambda', handler: 'handlers/default.ts' } },
  sessions: {
    ttl: { seconds: 7200 },
    identity: { pathPattern: '/ocpp/{chargePointId}', index: 'ByChargePoint' },
    indexes: [{ name: 'ByTenant', attribute: 'tenant', source: { from: 'header', name: 'X-Tenant' } }],
  },
  connect: {
    authorization: { type: 'REQUEST', handler: 'auth.ts', contextKeys: ['chargePointId', 'role', 'site'] },
    allowedOrigins: ['https://app.example.com'],
  },
};
/** The identity from the path itself: no authorizer. */
const anonymous: WsConfigInput = { ...authorized, connect: { allowedOrigins: ['https://app.example.com'] } };

function generate(input: WsConfigInput): CfnTemplate {
  // Round-trip as the YAML would: plain JSON, no shared objects.
  return JSON.parse(JSON.stringify(generateTemplate(parseConfig(input), { handlers }))) as CfnTemplate;
}

const hostile = '", "ttl": {"N": "1"}, \\ \n 😀 \u0001 \'q\'';
const handshake: ConnectFacts = {
  connectionId: 'L0SM9cOFvHcCIhw=',
  connectedAt: 1_764_000_000_116,
  requestTimeEpoch: 1_764_000_000_123,
  sourceIp: '203.0.113.7',
  headers: {
    Host: 'example.com',
    'ws-uri': '/ocpp/CP%C3%A9+1',
    'X-Tenant': 't-9',
    'X-Hostile': hostile,
    'X-Origin-Verify': SECRET,
  },
  query: { token: hostile, a: '1' },
  authorizer: { principalId: 'CP001', chargePointId: 'CP001', role: 'charger', site: 42 },
};

/** What the VTL $connect asks DynamoDB for, as JSON. */
function vtlRequest(template: CfnTemplate, facts: ConnectFacts): { TableName: string; Item: Record<string, unknown> } {
  const vtl = requestTemplate(template, 'ConnectIntegration', { SessionsTable: 'stack-Sessions' });
  return JSON.parse(
    createVtlEngine().render(vtl, {
      body: '',
      context: {
        connectionId: facts.connectionId,
        connectedAt: facts.connectedAt,
        requestTimeEpoch: facts.requestTimeEpoch,
        eventType: 'CONNECT',
        routeKey: '$connect',
        stage: 'api',
        identity: { sourceIp: facts.sourceIp },
        // API Gateway hands VTL the authorizer context as strings (docs/aws-behaviour.md#apigw-authorizers).
        ...(facts.authorizer
          ? { authorizer: Object.fromEntries(Object.entries(facts.authorizer).map(([k, v]) => [k, String(v)])) }
          : {}),
      },
      params: { path: {}, querystring: facts.query, header: facts.headers },
      stageVariables: { originSecrets: `${SECRET},` },
    }),
  ) as { TableName: string; Item: Record<string, unknown> };
}

/** What a Lambda $connect (the generated one, or yours through handlers/lib/sessions.ts) decides for the same handshake: a refusal, or the item. */
function lambdaOutcome(template: CfnTemplate, facts: ConnectFacts) {
  const environment = (resource(template, 'ConnectFunction').Properties!['Environment'] as CfnObject)[
    'Variables'
  ] as Record<string, unknown>;
  const recorder = sessionRecorder(parseSessionRecordSpec(environment['SESSION_RECORD'] as string), `${SECRET},`);
  return recorder.refusal(facts) ?? recorder.record(facts);
}

const variants: Array<[string, (facts: ConnectFacts) => ConnectFacts]> = [
  ['as sent', (f) => f],
  [
    'without the edge secret',
    (f) => ({ ...f, headers: Object.fromEntries(Object.entries(f.headers).filter(([k]) => k !== 'X-Origin-Verify')) }),
  ],
  ['with a wrong edge secret', (f) => ({ ...f, headers: { ...f.headers, 'x-origin-verify': 'f'.repeat(64) } })],
  ['from another origin', (f) => ({ ...f, headers: { ...f.headers, Origin: 'https://evil.example.com' } })],
  ['from the allowed origin', (f) => ({ ...f, headers: { ...f.headers, ORIGIN: 'https://app.example.com' } })],
  ['on a forged path (finding 1)', (f) => ({ ...f, headers: { ...f.headers, 'ws-uri': '/ocpp/CP002/CP001' } })],
  ['on an encoded slash', (f) => ({ ...f, headers: { ...f.headers, 'ws-uri': '/ocpp/CP%2F001' } })],
  [
    "without the authorizer's identity",
    (f) => ({ ...f, authorizer: { principalId: 'CP001', role: 'charger', site: 42 } }),
  ],
];

for (const [name, config] of [
  ['with a REQUEST authorizer', authorized],
  ['with the identity from the path', anonymous],
] as const) {
  describe(`$connect parity, ${name}: VTL and Lambda`, () => {
    const vtlTemplate = generate(config);
    const lambdaTemplate = generate({ ...config, connect: { ...config.connect, subprotocols: ['ocpp1.6'] } });
    const ownTemplate = generate({
      ...config,
      routes: { ...config.routes, $connect: { integration: 'lambda', handler: 'handlers/own-connect.ts' } },
    });

    it('your own $connect Lambda gets the same record description, PutItem on the table and the authorizer; $disconnect stays on VTL', () => {
      const variables = (template: CfnTemplate) =>
        (resource(template, 'ConnectFunction').Properties!['Environment'] as CfnObject)['Variables'] as CfnObject;
      assert.equal(variables(ownTemplate)['SESSION_RECORD'], variables(lambdaTemplate)['SESSION_RECORD']);
      assert.deepEqual(variables(ownTemplate)['ORIGIN_SECRETS'], variables(lambdaTemplate)['ORIGIN_SECRETS']);
      const statements = (resource(ownTemplate, 'ConnectFunction').Properties!['Policies'] as CfnObject[])[0]![
        'Statement'
      ] as CfnObject[];
      assert.deepEqual(statements, [
        { Effect: 'Allow', Action: ['dynamodb:PutItem'], Resource: [{ 'Fn::GetAtt': ['SessionsTable', 'Arn'] }] },
      ]);
      const route = resource(ownTemplate, 'ConnectRoute').Properties!;
      assert.equal(route['AuthorizationType'], resource(vtlTemplate, 'ConnectRoute').Properties!['AuthorizationType']);
      assert.equal(route['RouteResponseSelectionExpression'], undefined, '$connect sends no route response');
      assert.equal(resource(ownTemplate, 'ConnectIntegration').Properties!['IntegrationType'], 'AWS_PROXY');
      assert.equal(resource(ownTemplate, 'DisconnectIntegration').Properties!['IntegrationType'], 'AWS');
      assert.equal(ownTemplate.Resources['ConnectIntegrationRole'], undefined);
    });

    it('the subprotocol variant routes $connect to the Lambda and keeps $disconnect on VTL', () => {
      assert.equal(resource(lambdaTemplate, 'ConnectIntegration').Properties!['IntegrationType'], 'AWS_PROXY');
      assert.equal(resource(lambdaTemplate, 'DisconnectIntegration').Properties!['IntegrationType'], 'AWS');
      assert.equal(lambdaTemplate.Resources['ConnectIntegrationRole'], undefined);
    });

    for (const [variant, change] of variants) {
      it(`refuses or records the same handshake ${variant}, hostile values included`, () => {
        const facts = change(handshake);
        const rendered = vtlRequest(vtlTemplate, facts);
        const outcome = lambdaOutcome(lambdaTemplate, facts);
        assert.deepEqual(lambdaOutcome(ownTemplate, facts), outcome, 'your own $connect decides as the generated one');
        assert.equal(rendered.TableName, 'stack-Sessions');
        if (typeof outcome === 'string') {
          // The VTL's refusal: an item without its key, which DynamoDB refuses, so nothing is written.
          assert.deepEqual(rendered.Item, { refused: { S: outcome } });
        } else {
          assert.deepEqual(outcome, rendered.Item);
          assert.equal(JSON.stringify(outcome).includes(SECRET), false, 'the edge secret must never be stored');
        }
      });
    }

    it('stores the verified identity, decoded once, and records the expected attributes', () => {
      const item = lambdaOutcome(lambdaTemplate, handshake);
      assert.notEqual(typeof item, 'string');
      const record = item as Record<string, { S?: string }>;
      assert.equal(record['chargePointId']?.S, config === authorized ? 'CP001' : 'CPé+1');
      assert.deepEqual(
        Object.keys(record).sort(),
        // The root's attributes, the identity and tenant indexes, and (authorized) what the authorizer said.
        [
          ...ROOT_RECORD_ATTRIBUTES,
          'chargePointId',
          'tenant',
          ...(config === authorized ? ['authorizer', 'principalId'] : []),
        ].sort(),
      );
    });
  });
}
