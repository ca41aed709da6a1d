import { getAtt, ref, sub, type CfnObject, type CfnResource } from '../../cfn/types.ts';
import type { WsConfig } from '../config/index.ts';
import { routesOfKind } from '../config/route-kinds.ts';
import type { Visitor } from '../context.ts';
import { LOGICAL_IDS } from '../naming.ts';
import { connectionsEndpoint } from './connections-api.ts';
import { distributionUrl } from './edge.ts';
import { RELEASE_GATE_OUTPUT } from '../../shared/smoke-routes.ts';
import { releaseGateAlarmIds } from './alarms.ts';
import { domainTarget } from './domain.ts';
import { smokeOutputs } from './smoke-outputs.ts';

/** The stack-outputs contract the smoke suite reads (docs/architecture.md#stack-outputs). */
export const outputsVisitor: Visitor = (template, { config }) => {
  const api = `\${${LOGICAL_IDS.api}}.execute-api.\${AWS::Region}.\${AWS::URLSuffix}`;
  const stage = `\${${LOGICAL_IDS.stageParameter}}`;
  template.Outputs = {
    APIEndpoint: { Description: 'WebSocket URL of the API stage', Value: sub(`wss://${api}/${stage}`) },
    ...(config.edge.enabled
      ? { Distribution: { Description: 'WebSocket URL of the CloudFront edge (any path)', Value: distributionUrl() } }
      : {}),
    ConnectionsEndpoint: { Description: 'Endpoint of the @connections management API', Value: connectionsEndpoint() },
    Sessions: { Description: 'Sessions table name', Value: ref(LOGICAL_IDS.sessionsTable) },
    Region: { Description: 'Region of the stack', Value: ref('AWS::Region') },
    ...featureOutputs(config),
    ...smokeOutputs(config),
    ...productionOutputs(config, template.Resources),
  };
};

/** What the stack declares beyond the sample, so the smoke suite knows which feature steps to run. */
function featureOutputs({ connect, sessions, routes, edge }: WsConfig): Record<string, CfnObject> {
  const outputs: Record<string, CfnObject> = {};
  if (edge.enabled) {
    outputs['DirectAccess'] = {
      Description:
        "Whether clients may connect to APIEndpoint without the edge (refused: $connect needs the edge's secret header)",
      Value: edge.allowDirectAccess ? 'allowed' : 'refused',
    };
  }
  if (connect.allowedOrigins.length > 0) {
    outputs['AllowedOrigins'] = {
      Description: 'Browser origins allowed to connect (comma-separated)',
      Value: connect.allowedOrigins.join(','),
    };
  }
  if (connect.subprotocols.length > 0) {
    outputs['Subprotocols'] = {
      Description: 'Accepted WebSocket subprotocols, in order of preference',
      Value: connect.subprotocols.join(','),
    };
  }
  if (connect.authorization.type !== 'NONE') {
    outputs['Authorization'] = { Description: 'How $connect authorizes clients', Value: connect.authorization.type };
  }
  if (sessions.identity !== undefined) {
    outputs['IdentityPathPattern'] = {
      Description: 'Viewer path that names each connection',
      Value: sessions.identity.pathPattern,
    };
    outputs['SendToIdentityFunction'] = {
      Description:
        'Lambda function backends invoke (lambda:InvokeFunction) with {"identity", "data"} to send to every connection of an identity',
      Value: ref(LOGICAL_IDS.sendToIdentityFunction),
    };
  }
  const [sendRoute] = routesOfKind(routes, 'sendToIdentity');
  if (sendRoute !== undefined) {
    outputs['SendToIdentityRoute'] = {
      Description: 'Route key that sends a message to an identity',
      Value: sendRoute.key,
    };
  }
  return outputs;
}

/** The URL clients are configured with, and what production adds (the smoke suite connects to PublicURL when present). */
function productionOutputs(config: WsConfig, resources: Record<string, CfnResource>): Record<string, CfnObject> {
  const outputs: Record<string, CfnObject> = {};
  if (config.domain !== undefined) {
    outputs['PublicURL'] = {
      Description: `WebSocket URL of the custom domain (on the ${config.edge.enabled ? 'edge: any path' : 'API: the stage'})`,
      Value: `wss://${config.domain.name}`,
    };
    if (config.domain.hostedZoneId === undefined) {
      outputs['DomainTarget'] = {
        Description: `Point ${config.domain.name} here (CNAME or alias): the stack writes no DNS record`,
        Value: domainTarget(config) as CfnObject,
      };
    }
  }
  if (config.firewall !== undefined && config.edge.enabled) {
    outputs['WebAcl'] = {
      Description: 'AWS WAF web ACL (scope CLOUDFRONT) on the edge',
      Value: config.firewall.webAclArn ?? getAtt(LOGICAL_IDS.webAcl, 'Arn'),
    };
  }
  if (config.alarms !== undefined) {
    outputs['AlarmTopic'] = {
      Description: 'SNS topic the alarms notify',
      Value: config.alarms.topicArn ?? ref(LOGICAL_IDS.alarmTopic),
    };
    const gate = releaseGateAlarmIds(resources);
    if (gate.length > 0) {
      outputs[RELEASE_GATE_OUTPUT] = {
        Description:
          'Alarms the deploy workflow waits on after the smoke suite (npm run release-gate); one in ALARM stops promotion',
        Value: { 'Fn::Join': [',', gate.map((id) => ref(id))] },
      };
    }
  }
  return outputs;
}
