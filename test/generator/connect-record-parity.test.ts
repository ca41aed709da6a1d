/**
 * One record shape: the VTL `$connect` (rendered by the local API Gateway VTL engine) and the
 * Lambda `$connect` used with subprotocols (handlers/lib/session-record.ts, fed the description
 * the generator puts in its environment) write the same item for the same handshake.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CfnObject, CfnTemplate } from '../../cfn/types.ts';
import { parseConfig, type WsConfigInput } from '../../generator/config/index.ts';
import { generateTemplate, type ResolvedHandler } from '../../generator/index.ts';
import { parseSessionRecordSpec, sessionRecord } from '../../handlers/lib/session-record.ts';
import { createVtlEngine } from '../../lang/vtl/index.ts';
import { requestTemplate, resource } from './template-fixture.ts';

const handler: ResolvedHandler = { codeUri: 'handlers/', entryPoint: 'x.ts', handler: 'x.handler' };
const handlers = new Map([['$default', handler], ['$authorizer', handler], ['$connect', handler]]);

const base: WsConfigInput = {
  routes: { $default: { integration: 'lambda', handler: 'handlers/default.ts' } },
  sessions: {
    ttl: { seconds: 7200 },
    identity: { pathPattern: '/ocpp/{chargePointId}', index: 'ByChargePoint' },
    indexes: [{ name: 'ByTenant', attribute: 'tenant', source: { from: 'header', name: 'X-Tenant' } }],
  },
  connect: { authorization: { type: 'REQUEST', handler: 'auth.ts', contextKeys: ['role', 'site'] } },
};

function generate(input: WsConfigInput): CfnTemplate {
  // Round-trip as the YAML would: plain JSON, no shared objects.
  return JSON.parse(JSON.stringify(generateTemplate(parseConfig(input), { handlers }))) as CfnTemplate;
}

const hostile = '", "ttl": {"N": "1"}, \\ \n 😀 \u0001 \'q\'';
const handshake = {
  connectionId: 'L0SM9cOFvHcCIhw=',
  connectedAt: 1_764_000_000_116,
  requestTimeEpoch: 1_764_000_000_123,
  sourceIp: '203.0.113.7',
  headers: { Host: 'example.com', 'ws-uri': '/ocpp/CP001', 'X-Tenant': 't-9', 'X-Hostile': hostile },
  query: { token: hostile, a: '1' },
  authorizer: { principalId: 'CP001', role: 'charger', site: 42 },
};

describe('session record parity: VTL $connect and Lambda $connect', () => {
  const vtlTemplate = generate(base);
  const lambdaTemplate = generate({ ...base, connect: { ...base.connect, subprotocols: ['ocpp1.6'] } });

  it('the subprotocol variant routes $connect to the Lambda and keeps $disconnect on VTL', () => {
    const connectIntegration = resource(lambdaTemplate, 'ConnectIntegration').Properties!;
    assert.equal(connectIntegration['IntegrationType'], 'AWS_PROXY');
    assert.equal(resource(lambdaTemplate, 'DisconnectIntegration').Properties!['IntegrationType'], 'AWS');
    assert.equal(lambdaTemplate.Resources['ConnectIntegrationRole'], undefined);
  });

  it('writes the same item for the same handshake, hostile values included', () => {
    const vtl = requestTemplate(vtlTemplate, 'ConnectIntegration', { SessionsTable: 'stack-Sessions' });
    const rendered = JSON.parse(createVtlEngine().render(vtl, {
      body: '',
      context: {
        connectionId: handshake.connectionId, connectedAt: handshake.connectedAt, requestTimeEpoch: handshake.requestTimeEpoch,
        eventType: 'CONNECT', routeKey: '$connect', stage: 'api', identity: { sourceIp: handshake.sourceIp },
        // API Gateway hands VTL the authorizer context as strings (semantics doc §12).
        authorizer: { principalId: 'CP001', role: 'charger', site: '42' },
      },
      params: { path: {}, querystring: handshake.query, header: handshake.headers },
      stageVariables: {},
    })) as { TableName: string; Item: unknown };

    const environment = ((resource(lambdaTemplate, 'ConnectFunction').Properties!['Environment'] as CfnObject)['Variables'] as Record<string, string>);
    const item = sessionRecord(parseSessionRecordSpec(environment['SESSION_RECORD']), handshake);

    assert.equal(rendered.TableName, 'stack-Sessions');
    assert.deepEqual(item, rendered.Item);
    assert.deepEqual(Object.keys(item).sort(), ['authorizer', 'chargePointId', 'connectedAt', 'connectionid', 'headers', 'path', 'principalId', 'querystring', 'sourceIp', 'tenant', 'ttl']);
  });
});
