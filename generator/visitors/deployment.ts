import { getAtt, ref } from '../../cfn/types.ts';
import type { Visitor } from '../context.ts';
import { LOGICAL_IDS, deploymentId } from '../naming.ts';
import { acceptedOriginSecrets, edgeGuarded, ORIGIN_SECRETS_STAGE_VARIABLE } from './edge-guard.ts';
import { ACCESS_LOG_FORMAT } from './observability.ts';

const DEPLOYED_TYPES = new Set([
  'AWS::ApiGatewayV2::Route',
  'AWS::ApiGatewayV2::Integration',
  'AWS::ApiGatewayV2::RouteResponse',
  'AWS::ApiGatewayV2::IntegrationResponse',
]);

/**
 * Runs after every route visitor. The deployment depends on every route, integration and
 * response (so CloudFormation never snapshots a half-built API), and its logical ID carries a
 * hash of them, so a changed route gets a new deployment instead of a stale one.
 */
export const deploymentVisitor: Visitor = (template, { config }) => {
  const deployed = Object.entries(template.Resources).filter(([, r]) => DEPLOYED_TYPES.has(r.Type));
  const id = deploymentId(JSON.stringify(deployed));
  template.Resources[id] = {
    Type: 'AWS::ApiGatewayV2::Deployment',
    DependsOn: deployed.map(([logicalId]) => logicalId),
    Properties: { ApiId: ref(LOGICAL_IDS.api), Description: 'Deployment of every route, integration and response' },
  };
  const { accessLogs } = config.observability;
  template.Resources[LOGICAL_IDS.stage] = {
    Type: 'AWS::ApiGatewayV2::Stage',
    ...(accessLogs.enabled && accessLogs.accountRole ? { DependsOn: [LOGICAL_IDS.apiGatewayAccount] } : {}),
    Properties: {
      ApiId: ref(LOGICAL_IDS.api),
      StageName: ref(LOGICAL_IDS.stageParameter),
      DeploymentId: ref(id),
      // Read by the VTL $connect at every handshake: a changed secret takes effect without a new deployment.
      ...(edgeGuarded(config) ? { StageVariables: { [ORIGIN_SECRETS_STAGE_VARIABLE]: acceptedOriginSecrets() } } : {}),
      ...(accessLogs.enabled
        ? {
            AccessLogSettings: { DestinationArn: getAtt(LOGICAL_IDS.accessLogGroup, 'Arn'), Format: ACCESS_LOG_FORMAT },
          }
        : {}),
    },
  };
};
