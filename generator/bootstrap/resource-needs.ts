/**
 * Which deploy permissions a stack's template needs, from its resource types: the deploy role of
 * deploy/bootstrap.yaml is derived from the root template, so turning on a feature (a custom domain,
 * a web ACL, alarms, queues) gives the role what creating its resources takes, and nothing more. A
 * resource type this table does not know stops `npm run generate` by name: a role that silently
 * lacks a permission would fail the first deploy instead.
 */
import type { CfnResource, CfnTemplate, CfnValue } from '../../cfn/types.ts';
import { LOGICAL_IDS } from '../naming.ts';
import type { DeployGroup, DeployNeeds } from './permissions.ts';

/** SAM expands a function or state machine into the resource, its role (unless given one) and its event sources. */
const GROUPS_BY_TYPE: Readonly<Record<string, readonly DeployGroup[]>> = {
  'AWS::IAM::Role': ['roles'],
  'AWS::Serverless::Function': ['functions', 'roles'],
  'AWS::Lambda::Function': ['functions'],
  'AWS::Lambda::Permission': ['functions'],
  'AWS::Serverless::StateMachine': ['stateMachines', 'roles'],
  'AWS::StepFunctions::StateMachine': ['stateMachines'],
  'AWS::ApiGatewayV2::Api': ['webSocketApi'],
  'AWS::ApiGatewayV2::Deployment': ['webSocketApi'],
  'AWS::ApiGatewayV2::Stage': ['webSocketApi'],
  'AWS::ApiGatewayV2::Route': ['webSocketApi'],
  'AWS::ApiGatewayV2::RouteResponse': ['webSocketApi'],
  'AWS::ApiGatewayV2::Integration': ['webSocketApi'],
  'AWS::ApiGatewayV2::IntegrationResponse': ['webSocketApi'],
  'AWS::ApiGatewayV2::Authorizer': ['webSocketApi'],
  'AWS::ApiGatewayV2::Model': ['webSocketApi'],
  'AWS::ApiGatewayV2::DomainName': ['apiDomainNames'],
  'AWS::ApiGatewayV2::ApiMapping': ['apiDomainNames'],
  'AWS::ApiGateway::Account': ['apiGatewayAccount'],
  'AWS::Logs::LogGroup': ['logGroups'],
  'AWS::CloudFront::Function': ['cloudFrontFunction'],
  'AWS::CloudFront::Distribution': ['distribution'],
  'AWS::CloudFront::OriginRequestPolicy': ['originRequestPolicy'],
  'AWS::WAFv2::WebACL': ['edgeWebAcl'],
  'AWS::WAFv2::IPSet': ['edgeWebAcl'],
  'AWS::CertificateManager::Certificate': ['certificates'],
  'AWS::Route53::RecordSet': ['dnsRecords'],
  'AWS::SNS::Topic': ['alarmTopic'],
  'AWS::CloudWatch::Alarm': ['alarms'],
  'AWS::CloudWatch::Dashboard': ['dashboard'],
  'AWS::SQS::Queue': ['queues'],
  'AWS::Lambda::EventSourceMapping': ['eventSourceMappings'],
};

/** The resource types a deploy role can be derived for. */
export const KNOWN_RESOURCE_TYPES: readonly string[] = [...Object.keys(GROUPS_BY_TYPE), 'AWS::DynamoDB::Table'];

function groupsOf(id: string, resource: CfnResource): readonly DeployGroup[] {
  if (resource.Type === 'AWS::DynamoDB::Table')
    return [id === LOGICAL_IDS.sessionsTable ? 'sessionsTable' : 'otherTables'];
  const groups = GROUPS_BY_TYPE[resource.Type];
  if (groups === undefined) return [];
  const events = (resource.Properties?.['Events'] ?? {}) as Record<string, { Type?: string }>;
  const consumesQueue = Object.values(events).some((event) => event?.Type === 'SQS');
  return consumesQueue ? [...groups, 'eventSourceMappings'] : groups;
}

/** Hosted zones the stack writes records in: its alias records and its certificates' DNS validation. */
function hostedZonesOf(resource: CfnResource): CfnValue[] {
  const properties = resource.Properties ?? {};
  if (resource.Type === 'AWS::Route53::RecordSet') return [properties['HostedZoneId'] as CfnValue];
  if (resource.Type !== 'AWS::CertificateManager::Certificate') return [];
  const options = (properties['DomainValidationOptions'] ?? []) as Array<{ HostedZoneId?: CfnValue }>;
  return options.flatMap((option) => (option.HostedZoneId === undefined ? [] : [option.HostedZoneId]));
}

export function deployNeedsOf(template: CfnTemplate, source = 'template.yaml'): DeployNeeds {
  const groups = new Set<DeployGroup>();
  const zones = new Set<string>();
  const problems: string[] = [];
  for (const [id, resource] of Object.entries(template.Resources)) {
    if (resource.Type !== 'AWS::DynamoDB::Table' && GROUPS_BY_TYPE[resource.Type] === undefined) {
      problems.push(
        `Resources.${id}: type ${resource.Type} has no deploy permissions (add them in generator/bootstrap/permissions.ts and resource-needs.ts)`,
      );
      continue;
    }
    for (const group of groupsOf(id, resource)) groups.add(group);
    for (const zone of hostedZonesOf(resource)) {
      if (typeof zone === 'string' && /^[A-Z0-9]{1,32}$/.test(zone)) zones.add(zone);
      else
        problems.push(
          `Resources.${id}: hosted zone ${JSON.stringify(zone)} must be a literal Route 53 zone id (the deploy role is scoped to it)`,
        );
    }
  }
  if (problems.length > 0)
    throw new Error(`${source}: cannot derive the deploy role of deploy/bootstrap.yaml:\n  ${problems.join('\n  ')}`);
  return { groups, hostedZoneIds: [...zones].sort() };
}
