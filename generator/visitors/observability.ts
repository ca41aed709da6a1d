import { sub } from '../../cfn/types.ts';
import type { Visitor } from '../context.ts';
import { LOGICAL_IDS } from '../naming.ts';

/**
 * Stage access logs: a log group with retention and, optionally, the account-level role API
 * Gateway needs once per account and region before it may write to CloudWatch Logs.
 */
export const observabilityVisitor: Visitor = (template, { config }) => {
  const { accessLogs } = config.observability;
  if (!accessLogs.enabled) return;
  template.Resources[LOGICAL_IDS.accessLogGroup] = {
    Type: 'AWS::Logs::LogGroup',
    Properties: {
      LogGroupName: sub(`/aws/apigateway/\${AWS::StackName}-WebSocketApi/\${${LOGICAL_IDS.stageParameter}}`),
      RetentionInDays: accessLogs.retentionDays,
    },
  };
  if (!accessLogs.accountRole) return;
  template.Resources[LOGICAL_IDS.apiGatewayAccountRole] = {
    Type: 'AWS::IAM::Role',
    Properties: {
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { Service: ['apigateway.amazonaws.com'] }, Action: ['sts:AssumeRole'] },
        ],
      },
      ManagedPolicyArns: [
        sub('arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs'),
      ],
    },
  };
  template.Resources[LOGICAL_IDS.apiGatewayAccount] = {
    Type: 'AWS::ApiGateway::Account',
    Properties: { CloudWatchRoleArn: { 'Fn::GetAtt': [LOGICAL_IDS.apiGatewayAccountRole, 'Arn'] } },
  };
};

/** One JSON line per event; `$context` variables from the WebSocket access-log list. */
export const ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  requestTime: '$context.requestTime',
  eventType: '$context.eventType',
  routeKey: '$context.routeKey',
  status: '$context.status',
  connectionId: '$context.connectionId',
  integrationStatus: '$context.integrationStatus',
  integrationLatency: '$context.integrationLatency',
  errorMessage: '$context.error.message',
});
