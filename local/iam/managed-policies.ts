import type { PolicyDocument } from './types.ts';

/**
 * AWS managed policies whose documents the local stack knows, keyed by the part of the ARN after
 * `arn:{partition}:iam::aws:policy/`. Documents as published in the AWS Managed Policy Reference
 * (docs.aws.amazon.com/aws-managed-policy/latest/reference/<Name>.html, default versions:
 * AWSLambdaBasicExecutionRole v1, AWSXrayWriteOnlyAccess v2, AWSXRayDaemonWriteAccess v2,
 * AWSLambdaDynamoDBExecutionRole v1, AWSLambdaVPCAccessExecutionRole v3,
 * AmazonAPIGatewayPushToCloudWatchLogs v1, AmazonAPIGatewayInvokeFullAccess v2, AWSLambdaInvocation-DynamoDB v1).
 * Any other managed policy ARN is named in the start-up warning and contributes nothing.
 */
const allow = (actions: string[], resource: string | string[] = '*', sid?: string): PolicyDocument => ({
  Version: '2012-10-17',
  Statement: [{ ...(sid ? { Sid: sid } : {}), Effect: 'Allow', Action: actions, Resource: resource }],
});
const LOGS = ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'];
const XRAY = [
  'xray:PutTraceSegments',
  'xray:PutTelemetryRecords',
  'xray:GetSamplingRules',
  'xray:GetSamplingTargets',
  'xray:GetSamplingStatisticSummaries',
];
const STREAMS = ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'];

const KNOWN: Readonly<Record<string, PolicyDocument>> = {
  'service-role/AWSLambdaBasicExecutionRole': allow(LOGS),
  AWSXrayWriteOnlyAccess: allow(XRAY, ['*']),
  AWSXRayDaemonWriteAccess: allow(XRAY, ['*'], 'AWSXRayDaemonWriteAccess'),
  'service-role/AWSLambdaDynamoDBExecutionRole': allow([...STREAMS, ...LOGS]),
  'service-role/AWSLambdaVPCAccessExecutionRole': allow(
    [
      ...LOGS,
      'ec2:CreateNetworkInterface',
      'ec2:DescribeNetworkInterfaces',
      'ec2:DescribeSubnets',
      'ec2:DeleteNetworkInterface',
      'ec2:AssignPrivateIpAddresses',
      'ec2:UnassignPrivateIpAddresses',
    ],
    '*',
    'AWSLambdaVPCAccessExecutionPermissions',
  ),
  'service-role/AmazonAPIGatewayPushToCloudWatchLogs': allow([
    'logs:CreateLogGroup',
    'logs:CreateLogStream',
    'logs:DescribeLogGroups',
    'logs:DescribeLogStreams',
    'logs:PutLogEvents',
    'logs:GetLogEvents',
    'logs:FilterLogEvents',
  ]),
  AmazonAPIGatewayInvokeFullAccess: allow(
    ['execute-api:Invoke', 'execute-api:ManageConnections'],
    'arn:aws:execute-api:*:*:*',
  ),
  'AWSLambdaInvocation-DynamoDB': {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: ['lambda:InvokeFunction'], Resource: '*' },
      { Effect: 'Allow', Action: STREAMS, Resource: '*' },
    ],
  },
};

const AWS_MANAGED_ARN = /^arn:aws[a-z-]*:iam::aws:policy\/(.+)$/;

/** The document of an AWS managed policy ARN, or undefined when the local stack does not know it. */
export function knownManagedPolicy(arn: string): PolicyDocument | undefined {
  const path = AWS_MANAGED_ARN.exec(arn)?.[1];
  return path !== undefined && Object.hasOwn(KNOWN, path) ? KNOWN[path] : undefined;
}

/**
 * A SAM `Policies` string → the managed policy ARN, as SAM resolves it: a known AWS managed policy name
 * becomes its ARN (SAM uses its bundled name → ARN map; the names here are the subset whose documents are
 * known), an ARN stays as written, anything else stays as written too (and will not be found).
 */
export function managedPolicyArn(nameOrArn: string, partition: string): string {
  if (nameOrArn.startsWith('arn:')) return nameOrArn;
  const path = Object.keys(KNOWN).find((key) => key === nameOrArn || key.endsWith(`/${nameOrArn}`));
  return path === undefined ? nameOrArn : `arn:${partition}:iam::aws:policy/${path}`;
}

/** The ARN SAM gives an AWS managed policy path, e.g. `service-role/AWSLambdaBasicExecutionRole`. */
export const awsManagedPolicyArn = (path: string, partition: string): string =>
  `arn:${partition}:iam::aws:policy/${path}`;
