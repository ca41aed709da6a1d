/**
 * What `sam deploy` of one environment's stack needs, and no more. Resources are scoped to the
 * stack `<prefix>-<env>` wherever AWS allows it; names below mirror template.yaml
 * (`${AWS::StackName}-Sessions`, `-UriRewrite`, the access log group). Which groups a role gets is
 * derived from the resource types of the stack's template (./resource-needs.ts), so a config that
 * turns on the custom domain, the web ACL or the alarms gets the permissions to create them.
 *
 * A `*` remains in a resource name only where CloudFormation or the service picks the name or id
 * (roles and functions get `<stack>-<LogicalId>-<random>`, state machines `<LogicalId>-<random>`,
 * API ids, distribution and origin-request-policy ids are random). The template checks flag these
 * (iam/resource-wildcard); each role accepts exactly these, with the reasons below, in its
 * `Metadata.checks.accept` (checks/accepted.ts), so any new wildcard still fails the checks.
 */
import type { CfnObject } from '../../cfn/types.ts';
import { sub } from '../../cfn/types.ts';
import { dashboardName } from '../naming.ts';
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
  SmokeSuiteUsesConnectionsApi: 'API Gateway picks the API id (the action reaches only @connections resources)',
  ManageStackTables: "CloudFormation names the stack's other tables <stack>-<LogicalId>-<random>",
  ManageApiDomainNames: 'API Gateway names a domain mapping by a random id under the domain name',
  RequestCertificates: 'ACM authorizes RequestCertificate on no resource (the certificate id does not exist yet)',
  ManageCertificates: 'ACM picks the certificate id',
  WatchDnsChanges: 'Route 53 picks the change id',
  ManageAlarmTopic: "CloudFormation names the stack's topics <stack>-<LogicalId>-<random>",
  ManageAlarms: "CloudFormation names the stack's alarms <stack>-<LogicalId>-<random>",
  ManageQueues: "CloudFormation names the stack's queues <stack>-<LogicalId>-<random>",
  ManageEventSourceMappings: 'Lambda picks the event source mapping id',
};

const MANAGED_POLICIES = [
  'service-role/AWSLambdaBasicExecutionRole',
  'AWSXrayWriteOnlyAccess',
  'service-role/AmazonAPIGatewayPushToCloudWatchLogs',
];

/** A set of statements the deploy role gets when the stack's template needs it (./resource-needs.ts). */
export type DeployGroup =
  | 'roles'
  | 'functions'
  | 'stateMachines'
  | 'sessionsTable'
  | 'otherTables'
  | 'webSocketApi'
  | 'apiDomainNames'
  | 'apiGatewayAccount'
  | 'logGroups'
  | 'cloudFrontFunction'
  | 'distribution'
  | 'originRequestPolicy'
  | 'edgeWebAcl'
  | 'certificates'
  | 'dnsRecords'
  | 'alarmTopic'
  | 'alarms'
  | 'dashboard'
  | 'queues'
  | 'eventSourceMappings';

/** What the role needs for one stack: the groups, and the hosted zones whose records the stack writes. */
export interface DeployNeeds {
  groups: ReadonlySet<DeployGroup>;
  hostedZoneIds: readonly string[];
}

interface StatementContext {
  stack: string;
  hostedZoneIds: readonly string[];
  arn(service: string, resource: string, account?: string): string;
}

const iamRole = (stack: string) => `arn:\${AWS::Partition}:iam::\${AWS::AccountId}:role/${stack}-*`;
/** AWS WAF keeps CLOUDFRONT-scope web ACLs and IP sets in us-east-1 under `global/`, whatever the stack's region. */
const cloudFrontWaf = (resource: string) =>
  `arn:\${AWS::Partition}:wafv2:us-east-1:\${AWS::AccountId}:global/${resource}`;
const TAGGING = (service: string) => [
  `${service}:TagResource`,
  `${service}:UntagResource`,
  `${service}:ListTagsForResource`,
];

/**
 * Each group's statements, in the order the role lists them. Sids are stable (the template checks'
 * accepted wildcards and the tests name them).
 */
const GROUP_STATEMENTS: Record<DeployGroup, (context: StatementContext) => CfnObject[]> = {
  roles: ({ stack }) => [
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
      [iamRole(stack)],
    ),
    statement(
      'AttachOnlyTheStacksManagedPolicies',
      ['iam:AttachRolePolicy', 'iam:DetachRolePolicy'],
      [iamRole(stack)],
      {
        ArnEquals: {
          'iam:PolicyARN': MANAGED_POLICIES.map((name) => sub(`arn:\${AWS::Partition}:iam::aws:policy/${name}`)),
        },
      },
    ),
    statement('PassStackRolesToTheirServices', ['iam:PassRole'], [iamRole(stack)], {
      StringEquals: {
        'iam:PassedToService': ['apigateway.amazonaws.com', 'lambda.amazonaws.com', 'states.amazonaws.com'],
      },
    }),
  ],
  functions: ({ stack, arn }) => [
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
  ],
  stateMachines: ({ arn }) => [
    statement(
      'ManageStateMachines',
      [
        'states:CreateStateMachine',
        'states:DeleteStateMachine',
        'states:DescribeStateMachine',
        'states:UpdateStateMachine',
        ...TAGGING('states'),
      ],
      [arn('states', 'stateMachine:*')],
    ),
  ],
  sessionsTable: ({ stack, arn }) => [
    statement('ManageSessionsTable', TABLE_ACTIONS, [arn('dynamodb', `table/${stack}-Sessions`)]),
  ],
  otherTables: ({ stack, arn }) => [
    statement('ManageStackTables', TABLE_ACTIONS, [arn('dynamodb', `table/${stack}-*`)]),
  ],
  webSocketApi: ({ arn }) => [
    statement(
      'ManageWebSocketApis',
      ['apigateway:GET', 'apigateway:POST', 'apigateway:PATCH', 'apigateway:PUT', 'apigateway:DELETE'],
      [arn('apigateway', '/apis', ''), arn('apigateway', '/apis/*', '')],
    ),
  ],
  apiDomainNames: ({ arn }) => [
    statement(
      'ManageApiDomainNames',
      ['apigateway:GET', 'apigateway:POST', 'apigateway:PATCH', 'apigateway:DELETE'],
      [arn('apigateway', '/domainnames', ''), arn('apigateway', '/domainnames/*', '')],
    ),
  ],
  apiGatewayAccount: ({ arn }) => [
    statement('SetApiGatewayLoggingRole', ['apigateway:GET', 'apigateway:PATCH'], [arn('apigateway', '/account', '')]),
  ],
  logGroups: ({ stack, arn }) => [
    statement(
      'ManageAccessLogGroup',
      [
        'logs:CreateLogGroup',
        'logs:DeleteLogGroup',
        'logs:PutRetentionPolicy',
        'logs:DeleteRetentionPolicy',
        ...TAGGING('logs'),
      ],
      [arn('logs', `log-group:/aws/apigateway/${stack}-WebSocketApi/*`)],
    ),
    statement('ListLogGroups', ['logs:DescribeLogGroups'], ['*']),
  ],
  cloudFrontFunction: ({ stack }) => [
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
  ],
  distribution: () => [
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
  ],
  originRequestPolicy: () => [
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
  ],
  // Associating a web ACL with a distribution is CloudFront's UpdateDistribution plus wafv2:GetWebACL on the ACL.
  edgeWebAcl: ({ stack }) => [
    statement(
      'ManageEdgeWebAcl',
      [
        'wafv2:CreateWebACL',
        'wafv2:GetWebACL',
        'wafv2:UpdateWebACL',
        'wafv2:DeleteWebACL',
        'wafv2:CreateIPSet',
        'wafv2:GetIPSet',
        'wafv2:UpdateIPSet',
        'wafv2:DeleteIPSet',
        ...TAGGING('wafv2'),
      ],
      [cloudFrontWaf(`webacl/${stack}-*/*`), cloudFrontWaf(`ipset/${stack}-*/*`)],
    ),
  ],
  certificates: ({ arn }) => [
    statement('RequestCertificates', ['acm:RequestCertificate'], ['*']),
    statement(
      'ManageCertificates',
      [
        'acm:DescribeCertificate',
        'acm:DeleteCertificate',
        'acm:AddTagsToCertificate',
        'acm:RemoveTagsFromCertificate',
        'acm:ListTagsForCertificate',
      ],
      [arn('acm', 'certificate/*')],
    ),
  ],
  dnsRecords: ({ hostedZoneIds }) => [
    statement(
      'ChangeDnsRecordsInTheConfiguredZones',
      ['route53:ChangeResourceRecordSets', 'route53:ListResourceRecordSets', 'route53:GetHostedZone'],
      hostedZoneIds.map((zone) => `arn:\${AWS::Partition}:route53:::hostedzone/${zone}`),
    ),
    statement('WatchDnsChanges', ['route53:GetChange'], ['arn:${AWS::Partition}:route53:::change/*']),
  ],
  alarmTopic: ({ stack, arn }) => [
    statement(
      'ManageAlarmTopic',
      [
        'sns:CreateTopic',
        'sns:DeleteTopic',
        'sns:GetTopicAttributes',
        'sns:SetTopicAttributes',
        'sns:Subscribe',
        'sns:Unsubscribe',
        'sns:ListSubscriptionsByTopic',
        ...TAGGING('sns'),
      ],
      [arn('sns', `${stack}-*`)],
    ),
  ],
  // DescribeAlarms also serves the release gate (npm run release-gate) after the smoke suite.
  alarms: ({ stack, arn }) => [
    statement(
      'ManageAlarms',
      ['cloudwatch:PutMetricAlarm', 'cloudwatch:DeleteAlarms', 'cloudwatch:DescribeAlarms', ...TAGGING('cloudwatch')],
      [arn('cloudwatch', `alarm:${stack}-*`)],
    ),
  ],
  dashboard: ({ stack }) => [
    statement(
      'ManageDashboard',
      ['cloudwatch:PutDashboard', 'cloudwatch:GetDashboard', 'cloudwatch:DeleteDashboards'],
      [`arn:\${AWS::Partition}:cloudwatch::\${AWS::AccountId}:dashboard/${dashboardName(stack)}`],
    ),
  ],
  queues: ({ stack, arn }) => [
    statement(
      'ManageQueues',
      [
        'sqs:CreateQueue',
        'sqs:DeleteQueue',
        'sqs:GetQueueAttributes',
        'sqs:SetQueueAttributes',
        'sqs:GetQueueUrl',
        'sqs:TagQueue',
        'sqs:UntagQueue',
        'sqs:ListQueueTags',
      ],
      [arn('sqs', `${stack}-*`)],
    ),
  ],
  eventSourceMappings: ({ arn }) => [
    statement(
      'ManageEventSourceMappings',
      [
        'lambda:CreateEventSourceMapping',
        'lambda:GetEventSourceMapping',
        'lambda:UpdateEventSourceMapping',
        'lambda:DeleteEventSourceMapping',
      ],
      [arn('lambda', 'event-source-mapping:*')],
    ),
  ],
};

const TABLE_ACTIONS = [
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
];

/** The groups in the order the role lists them (the order of GROUP_STATEMENTS). */
export const DEPLOY_GROUPS = Object.keys(GROUP_STATEMENTS) as DeployGroup[];

export function deployStatements(environment: Environment, needs: DeployNeeds): CfnObject[] {
  const stack = stackNameOf(environment);
  const arn = (service: string, resource: string, account = '${AWS::AccountId}') =>
    `arn:\${AWS::Partition}:${service}:\${AWS::Region}:${account}:${resource}`;
  const context: StatementContext = { stack, hostedZoneIds: needs.hostedZoneIds, arn };
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
    ...DEPLOY_GROUPS.filter((group) => needs.groups.has(group)).flatMap((group) => GROUP_STATEMENTS[group](context)),
    // The deploy job then runs the smoke suite with the same credentials (npm run smoke -- --stack-name).
    // GetItem reads a record; Scan (keys only) tells a new connection apart from those before it (smoke/connection-id.ts).
    statement(
      'SmokeSuiteReadsSessions',
      ['dynamodb:GetItem', 'dynamodb:Scan', 'dynamodb:DescribeTable', 'dynamodb:DescribeTimeToLive'],
      [arn('dynamodb', `table/${stack}-Sessions`)],
    ),
    // ManageConnections applies to @connections resources only, so `*` grants no more than `*/*/*/@connections/*`;
    // a pattern that starts with a wildcard segment is one the local IAM evaluator reads as a wildcard in the resource
    // type and never matches (local/FEATURES.md), so the role says `*` as AWS's own managed policies do.
    statement('SmokeSuiteUsesConnectionsApi', ['execute-api:ManageConnections'], [arn('execute-api', '*')]),
    // Stacks that name connections by path: the smoke suite finds a connection through the identity index.
    statement(
      'SmokeSuiteQueriesIdentityIndex',
      ['dynamodb:Query'],
      [arn('dynamodb', `table/${stack}-Sessions/index/*`)],
    ),
  ];
}
