/**
 * What `sam deploy` of one environment's stack needs, and no more. Resources are scoped to the
 * stack `<prefix>-<env>` wherever AWS allows it; names below mirror template.yaml
 * (`${AWS::StackName}-Sessions`, `-UriRewrite`, the access log group).
 *
 * A `*` remains in a resource name only where CloudFormation or the service picks the name or id
 * (roles and functions get `<stack>-<LogicalId>-<random>`, state machines `<LogicalId>-<random>`,
 * API ids, distribution and origin-request-policy ids are random). The template checks flag these
 * (iam/resource-wildcard); each role accepts exactly these, with the reasons below, in its
 * `Metadata.checks.accept` (checks/accepted.ts), so any new wildcard still fails the checks.
 */
import type { CfnObject } from '../../cfn/types.ts';
import { sub } from '../../cfn/types.ts';
import { stackNameOf, type Environment } from './parameters.ts';

const statement = (sid: string, actions: string[], resources: string[], condition?: CfnObject): CfnObject => ({
  Sid: sid,
  Effect: 'Allow',
  Action: actions,
  Resource: resources.map((resource) => (resource.includes('${') ? sub(resource) : resource)),
  ...(condition === undefined ? {} : { Condition: condition }),
});

const GENERATED_ROLE_NAMES = "CloudFormation names the stack's roles <stack>-<LogicalId>-<random>";

/** Statement Sid → why its resource must keep a `*`. */
export const UNAVOIDABLE_WILDCARDS: Readonly<Record<string, string>> = {
  ManageStackRoles: GENERATED_ROLE_NAMES,
  AttachOnlyTheStacksManagedPolicies: GENERATED_ROLE_NAMES,
  PassStackRolesToTheirServices: GENERATED_ROLE_NAMES,
  ManageFunctions: "CloudFormation names the stack's functions <stack>-<LogicalId>-<random>",
  ManageStateMachines: 'CloudFormation names state machines <LogicalId>-<random>, without the stack name',
  ManageWebSocketApis: 'API Gateway picks the API id',
  ManageDistribution: 'CloudFront picks the distribution id',
  ManageOriginRequestPolicy: 'CloudFront picks the origin request policy id',
  SmokeSuiteUsesConnectionsApi: 'API Gateway picks the API id',
};

const MANAGED_POLICIES = [
  'service-role/AWSLambdaBasicExecutionRole',
  'AWSXrayWriteOnlyAccess',
  'service-role/AmazonAPIGatewayPushToCloudWatchLogs',
];

export function deployStatements(environment: Environment): CfnObject[] {
  const stack = stackNameOf(environment);
  const arn = (service: string, resource: string, account = '${AWS::AccountId}') =>
    `arn:\${AWS::Partition}:${service}:\${AWS::Region}:${account}:${resource}`;
  return [
    statement(
      'DeployStack',
      [
        'cloudformation:CreateChangeSet',
        'cloudformation:DescribeChangeSet',
        'cloudformation:ExecuteChangeSet',
        'cloudformation:DeleteChangeSet',
        'cloudformation:DescribeStacks',
        'cloudformation:DescribeStackEvents',
        'cloudformation:DescribeStackResource',
        'cloudformation:DescribeStackResources',
        'cloudformation:ListStackResources',
        'cloudformation:GetTemplate',
        'cloudformation:GetTemplateSummary',
      ],
      [arn('cloudformation', `stack/${stack}/*`)],
    ),
    statement(
      'UseSamTransform',
      ['cloudformation:CreateChangeSet'],
      [arn('cloudformation', 'transform/Serverless-2016-10-31', 'aws')],
    ),
    statement(
      'FindSamArtifactsBucket',
      ['cloudformation:DescribeStacks'],
      [arn('cloudformation', 'stack/aws-sam-cli-managed-default/*')],
    ),
    statement(
      'UploadArtifacts',
      ['s3:PutObject', 's3:GetObject'],
      ['arn:${AWS::Partition}:s3:::${ArtifactsBucketName}/*'],
    ),
    statement(
      'ReadArtifactsBucket',
      ['s3:ListBucket', 's3:GetBucketLocation'],
      ['arn:${AWS::Partition}:s3:::${ArtifactsBucketName}'],
    ),
    statement(
      'ManageStackRoles',
      [
        'iam:CreateRole',
        'iam:DeleteRole',
        'iam:GetRole',
        'iam:UpdateAssumeRolePolicy',
        'iam:TagRole',
        'iam:UntagRole',
        'iam:PutRolePolicy',
        'iam:GetRolePolicy',
        'iam:DeleteRolePolicy',
        'iam:ListRolePolicies',
        'iam:ListAttachedRolePolicies',
      ],
      [`arn:\${AWS::Partition}:iam::\${AWS::AccountId}:role/${stack}-*`],
    ),
    statement(
      'AttachOnlyTheStacksManagedPolicies',
      ['iam:AttachRolePolicy', 'iam:DetachRolePolicy'],
      [`arn:\${AWS::Partition}:iam::\${AWS::AccountId}:role/${stack}-*`],
      {
        ArnEquals: {
          'iam:PolicyARN': MANAGED_POLICIES.map((name) => sub(`arn:\${AWS::Partition}:iam::aws:policy/${name}`)),
        },
      },
    ),
    statement(
      'PassStackRolesToTheirServices',
      ['iam:PassRole'],
      [`arn:\${AWS::Partition}:iam::\${AWS::AccountId}:role/${stack}-*`],
      {
        StringEquals: {
          'iam:PassedToService': ['apigateway.amazonaws.com', 'lambda.amazonaws.com', 'states.amazonaws.com'],
        },
      },
    ),
    statement(
      'ManageFunctions',
      [
        'lambda:CreateFunction',
        'lambda:DeleteFunction',
        'lambda:GetFunction',
        'lambda:GetFunctionConfiguration',
        'lambda:UpdateFunctionCode',
        'lambda:UpdateFunctionConfiguration',
        'lambda:AddPermission',
        'lambda:RemovePermission',
        'lambda:TagResource',
        'lambda:UntagResource',
        'lambda:ListTags',
      ],
      [arn('lambda', `function:${stack}-*`)],
    ),
    statement(
      'ManageStateMachines',
      [
        'states:CreateStateMachine',
        'states:DeleteStateMachine',
        'states:DescribeStateMachine',
        'states:UpdateStateMachine',
        'states:TagResource',
        'states:UntagResource',
        'states:ListTagsForResource',
      ],
      [arn('states', 'stateMachine:*')],
    ),
    statement(
      'ManageSessionsTable',
      [
        'dynamodb:CreateTable',
        'dynamodb:DeleteTable',
        'dynamodb:DescribeTable',
        'dynamodb:UpdateTable',
        'dynamodb:DescribeTimeToLive',
        'dynamodb:UpdateTimeToLive',
        'dynamodb:DescribeContinuousBackups',
        'dynamodb:UpdateContinuousBackups',
        'dynamodb:TagResource',
        'dynamodb:UntagResource',
        'dynamodb:ListTagsOfResource',
      ],
      [arn('dynamodb', `table/${stack}-Sessions`)],
    ),
    statement(
      'ManageWebSocketApis',
      ['apigateway:GET', 'apigateway:POST', 'apigateway:PATCH', 'apigateway:PUT', 'apigateway:DELETE'],
      [arn('apigateway', '/apis', ''), arn('apigateway', '/apis/*', '')],
    ),
    statement('SetApiGatewayLoggingRole', ['apigateway:GET', 'apigateway:PATCH'], [arn('apigateway', '/account', '')]),
    statement(
      'ManageAccessLogGroup',
      [
        'logs:CreateLogGroup',
        'logs:DeleteLogGroup',
        'logs:PutRetentionPolicy',
        'logs:DeleteRetentionPolicy',
        'logs:TagResource',
        'logs:UntagResource',
        'logs:ListTagsForResource',
      ],
      [arn('logs', `log-group:/aws/apigateway/${stack}-WebSocketApi/*`)],
    ),
    statement('ListLogGroups', ['logs:DescribeLogGroups'], ['*']),
    statement(
      'ManageUriRewriteFunction',
      [
        'cloudfront:CreateFunction',
        'cloudfront:DescribeFunction',
        'cloudfront:GetFunction',
        'cloudfront:UpdateFunction',
        'cloudfront:PublishFunction',
        'cloudfront:DeleteFunction',
      ],
      [`arn:\${AWS::Partition}:cloudfront::\${AWS::AccountId}:function/${stack}-UriRewrite`],
    ),
    statement(
      'ManageDistribution',
      [
        'cloudfront:CreateDistribution',
        'cloudfront:GetDistribution',
        'cloudfront:GetDistributionConfig',
        'cloudfront:UpdateDistribution',
        'cloudfront:DeleteDistribution',
        'cloudfront:TagResource',
        'cloudfront:ListTagsForResource',
      ],
      ['arn:${AWS::Partition}:cloudfront::${AWS::AccountId}:distribution/*'],
    ),
    statement(
      'ManageOriginRequestPolicy',
      [
        'cloudfront:CreateOriginRequestPolicy',
        'cloudfront:GetOriginRequestPolicy',
        'cloudfront:UpdateOriginRequestPolicy',
        'cloudfront:DeleteOriginRequestPolicy',
      ],
      ['arn:${AWS::Partition}:cloudfront::${AWS::AccountId}:origin-request-policy/*'],
    ),
    // The deploy job then runs the smoke suite with the same credentials (npm run smoke -- --stack-name).
    statement('SmokeSuiteReadsSessions', ['dynamodb:GetItem'], [arn('dynamodb', `table/${stack}-Sessions`)]),
    statement(
      'SmokeSuiteUsesConnectionsApi',
      ['execute-api:ManageConnections'],
      [arn('execute-api', '*/*/*/@connections/*')],
    ),
    // Stacks that name connections by path: the smoke suite finds a connection through the identity index.
    statement(
      'SmokeSuiteQueriesIdentityIndex',
      ['dynamodb:Query'],
      [arn('dynamodb', `table/${stack}-Sessions/index/*`)],
    ),
  ];
}
