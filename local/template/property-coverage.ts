/**
 * Every property of every resource type the local stack reads, in exactly one of two lists: what it emulates
 * (`emulated`: acted on as AWS acts on it; `inert`: changes nothing a client of the stack could observe, on AWS
 * either, such as a description), or what it does not (`notEmulated`: refused at start, or a loud warning where
 * refusing would block common templates). `test/local/template/property-coverage.test.ts` walks the CloudFormation
 * resource spec and fails on a property in neither list, so a new AWS property cannot load silently.
 *
 * A property whose value is AWS's default (`ApiKeyRequired: false`) changes nothing and is accepted: `unless`.
 * Tables of different types look alike but each holds its own type's AWS facts: nothing in them is shared on purpose.
 */

export interface NotEmulated {
  /** `refuse`: the start stops naming it; `warn`: a start-up warning, repeated in the start summary. */
  action: 'refuse' | 'warn';
  why: string;
  /** Values that mean AWS's default behaviour, so the local stack does what AWS would. */
  unless?: (value: unknown) => boolean;
  /** The module that already warns about it by name (local/iam warns only when IAM is evaluated, the only time it matters). */
  reportedBy?: string;
}

export interface TypeCoverage {
  emulated: readonly string[];
  inert: readonly string[];
  notEmulated: Readonly<Record<string, NotEmulated>>;
}

/** Types the local stack does not create at all; their reason goes into the start-up `not emulated:` line. */
export const TYPES_NOT_EMULATED: Readonly<Record<string, string>> = {
  'AWS::ApiGatewayV2::VpcLink': 'VPC links (HTTP APIs) are not emulated',
  'AWS::ApiGatewayV2::ApiGatewayManagedOverrides':
    'overrides of quick-create HTTP APIs; the local stack runs WebSocket APIs',
  'AWS::ApiGatewayV2::RoutingRule': 'routing rules of custom domain names are not emulated',
  'AWS::ApiGatewayV2::PortalProduct': 'API portals are not emulated',
};

const isFalse = (value: unknown) => value === false || value === 'false';
const isEmpty = (value: unknown) =>
  value === undefined ||
  (Array.isArray(value) && value.length === 0) ||
  (typeof value === 'object' && value !== null && Object.keys(value).length === 0);
const is =
  (...allowed: string[]) =>
  (value: unknown) =>
    typeof value === 'string' && allowed.includes(value);

const refuse = (why: string, unless?: NotEmulated['unless']): NotEmulated =>
  unless ? { action: 'refuse', why, unless } : { action: 'refuse', why };
const warn = (why: string, unless?: NotEmulated['unless']): NotEmulated =>
  unless ? { action: 'warn', why, unless } : { action: 'warn', why };
const iamWarns = (why: string): NotEmulated => ({ action: 'warn', why, reportedBy: 'local/iam' });
const NO_BOUNDARY = 'permission boundaries are not evaluated';

const HTTP_API_ONLY = 'an HTTP API setting; the local stack runs WebSocket APIs';
const NO_BINARY = 'binary payload conversion is not emulated (binary frames are refused with 1003 locally)';
const NO_TRACING = 'X-Ray tracing is not emulated (no traces are written)';
const NO_CONCURRENCY =
  'concurrency settings are not emulated (each function has one warm sandbox, at most 1,000 invocations in flight)';
/** There is one copy of each function locally, so every alias and version runs it. */
const ONE_CODE = "every alias and version runs the function's current code";
const NO_VPC = "functions run on this machine's network, not in a VPC";

const API: TypeCoverage = {
  // ApiKeySelectionExpression: local/template/api-keys.ts (only AWS's two values load).
  emulated: ['Name', 'ProtocolType', 'RouteSelectionExpression', 'ApiKeySelectionExpression'],
  inert: ['Description', 'Tags', 'Version'],
  notEmulated: {
    DisableExecuteApiEndpoint: warn('the local API always answers on its own endpoint', isFalse),
    IpAddressType: warn('the local API listens on 127.0.0.1 (IPv4) only', is('ipv4')),
    Body: refuse('OpenAPI import is not emulated (define routes as resources)'),
    BodyS3Location: refuse('OpenAPI import is not emulated (define routes as resources)'),
    BasePath: refuse('only used with an OpenAPI Body, which is not emulated'),
    FailOnWarnings: warn('only used with an OpenAPI Body, which is not emulated', isFalse),
    DisableSchemaValidation: warn('only used with an OpenAPI Body, which is not emulated', isFalse),
    CorsConfiguration: refuse(HTTP_API_ONLY),
    CredentialsArn: refuse(`quick create: ${HTTP_API_ONLY}`),
    RouteKey: refuse(`quick create: ${HTTP_API_ONLY}`),
    Target: refuse(`quick create: ${HTTP_API_ONLY}`),
  },
};

const ROUTE: TypeCoverage = {
  // ApiKeyRequired: checked on $connect (local/api/api-keys.ts); on another route it is warned about (routes.ts).
  emulated: [
    'ApiId',
    'RouteKey',
    'Target',
    'AuthorizationType',
    'AuthorizerId',
    'RouteResponseSelectionExpression',
    'ApiKeyRequired',
    // Request validation: local/template/models.ts, local/api/request-validation.ts.
    'RequestModels',
    'ModelSelectionExpression',
    // $connect's header and query string parameters: local/template/request-parameters.ts.
    'RequestParameters',
  ],
  inert: ['OperationName'],
  notEmulated: {
    AuthorizationScopes: refuse(
      'authorization scopes are for JWT authorizers, which WebSocket APIs do not have',
      isEmpty,
    ),
  },
};

const INTEGRATION: TypeCoverage = {
  emulated: [
    'ApiId',
    'IntegrationType',
    'IntegrationUri',
    'IntegrationMethod',
    'CredentialsArn',
    'RequestTemplates',
    'TemplateSelectionExpression',
    'PassthroughBehavior',
    'TimeoutInMillis',
    // HTTP and HTTP_PROXY mappings (others refused there): local/template/request-parameters.ts.
    'RequestParameters',
  ],
  inert: ['Description'],
  notEmulated: {
    ConnectionType: refuse('VPC link integrations are not emulated', is('INTERNET')),
    ConnectionId: refuse('VPC link integrations are not emulated'),
    ContentHandlingStrategy: refuse(NO_BINARY),
    PayloadFormatVersion: refuse('WebSocket APIs take only 1.0', is('1.0')),
    ResponseParameters: refuse(HTTP_API_ONLY, isEmpty),
    IntegrationSubtype: refuse(HTTP_API_ONLY),
    TlsConfig: refuse(HTTP_API_ONLY),
  },
};

const INTEGRATION_RESPONSE: TypeCoverage = {
  emulated: ['ApiId', 'IntegrationId', 'IntegrationResponseKey', 'ResponseTemplates', 'TemplateSelectionExpression'],
  inert: [],
  notEmulated: {
    ContentHandlingStrategy: refuse(NO_BINARY),
    ResponseParameters: refuse('integration response parameter mappings are not emulated', isEmpty),
  },
};

const ROUTE_RESPONSE: TypeCoverage = {
  emulated: ['ApiId', 'RouteId', 'RouteResponseKey'],
  // API Gateway does not validate responses against models; they document the route for SDK generation.
  inert: ['ResponseModels', 'ModelSelectionExpression'],
  notEmulated: {
    ResponseParameters: refuse('route response parameters are not emulated', isEmpty),
  },
};

const AUTHORIZER: TypeCoverage = {
  emulated: ['ApiId', 'Name', 'AuthorizerType', 'AuthorizerUri', 'IdentitySource'],
  // WebSocket APIs do not cache authorizer results (ApiGatewayV2 reference), so the TTL changes nothing.
  inert: ['AuthorizerResultTtlInSeconds'],
  notEmulated: {
    AuthorizerCredentialsArn: warn(
      "the authorizer is invoked as the function's resource policy allows, not as this role",
    ),
    IdentityValidationExpression: refuse('identity validation expressions are not checked locally'),
    JwtConfiguration: refuse('JWT authorizers are for HTTP APIs'),
    AuthorizerPayloadFormatVersion: refuse(HTTP_API_ONLY),
    EnableSimpleResponses: refuse(HTTP_API_ONLY, isFalse),
  },
};

/** Route settings whose only members are the throttle (emulated: stage-throttling.ts) or logging and metrics left off. */
const THROTTLE_OR_OFF: Readonly<Record<string, (value: unknown) => boolean>> = {
  ThrottlingBurstLimit: () => true,
  ThrottlingRateLimit: () => true,
  LoggingLevel: (value) => value === 'OFF',
  DataTraceEnabled: isFalse,
  DetailedMetricsEnabled: isFalse,
};
const onlyThrottling = (settings: unknown) =>
  typeof settings === 'object' &&
  settings !== null &&
  Object.entries(settings).every(
    ([key, value]) => Object.hasOwn(THROTTLE_OR_OFF, key) && THROTTLE_OR_OFF[key]?.(value),
  );
const NO_EXECUTION_LOGS = 'execution logging and detailed metrics are not emulated (the throttle is)';

const STAGE: TypeCoverage = {
  emulated: ['ApiId', 'StageName', 'StageVariables', 'AccessLogSettings', 'DeploymentId', 'AutoDeploy'],
  inert: ['Description', 'Tags'],
  notEmulated: {
    DefaultRouteSettings: warn(NO_EXECUTION_LOGS, onlyThrottling),
    RouteSettings: warn(
      NO_EXECUTION_LOGS,
      (value) => typeof value === 'object' && value !== null && Object.values(value).every(onlyThrottling),
    ),
    AccessPolicyId: refuse('stage access policies are not emulated'),
    ClientCertificateId: refuse('client certificates for backends are not emulated'),
  },
};

/** Custom domains: the gateway answers their Host under each mapping's key, and outputs naming one without a key become the local stage URL. */
const DOMAIN_NAME: TypeCoverage = {
  emulated: ['DomainName'],
  inert: ['Tags'],
  notEmulated: {
    DomainNameConfigurations: warn(
      'certificates and endpoint types are not emulated: the local API answers the domain (as Host) on 127.0.0.1 with its own certificate',
    ),
    MutualTlsAuthentication: refuse(
      'mutual TLS is not emulated: a client without a certificate would connect locally and be refused on AWS',
    ),
    RoutingMode: warn('routing rules are not emulated: only API mappings are read', is('API_MAPPING_ONLY')),
  },
};

/** The gateway answers a mapped domain's Host under its key (local/api/custom-domains.ts). */
const API_MAPPING: TypeCoverage = {
  emulated: ['ApiId', 'DomainName', 'Stage', 'ApiMappingKey'],
  inert: [],
  notEmulated: {},
};

/** Models: JSON Schema draft 4 for a route's request validation (local/template/models.ts). */
const MODEL: TypeCoverage = {
  emulated: ['ApiId', 'Name', 'Schema', 'ContentType'],
  inert: ['Description'],
  notEmulated: {},
};

const DEPLOYMENT: TypeCoverage = { emulated: ['ApiId', 'StageName'], inert: ['Description'], notEmulated: {} };

const TABLE: TypeCoverage = {
  emulated: [
    'TableName',
    'AttributeDefinitions',
    'KeySchema',
    'BillingMode',
    'ProvisionedThroughput',
    'GlobalSecondaryIndexes',
    'LocalSecondaryIndexes',
    'TimeToLiveSpecification',
  ],
  inert: [
    'Tags',
    'SSESpecification',
    'PointInTimeRecoverySpecification',
    'DeletionProtectionEnabled',
    'TableClass',
    'ContributorInsightsSpecification',
  ],
  notEmulated: {
    StreamSpecification: warn("DynamoDB Streams are not emulated: nothing reads the table's changes"),
    KinesisStreamSpecification: warn('Kinesis streaming of changes is not emulated'),
    ImportSourceSpecification: warn('the table starts empty: importing from S3 is not emulated'),
    ResourcePolicy: warn("the table's resource policy is not evaluated"),
    OnDemandThroughput: warn('DynamoDB throttling is not emulated'),
    WarmThroughput: warn('DynamoDB throttling is not emulated'),
    VectorIndexes: refuse('vector indexes are not emulated'),
  },
};

const SIMPLE_TABLE: TypeCoverage = {
  emulated: ['PrimaryKey', 'ProvisionedThroughput', 'TableName'],
  inert: ['SSESpecification', 'Tags'],
  notEmulated: {},
};

/** Shared by SAM and CloudFormation functions (spelled the same in both). */
const FUNCTION_COMMON = {
  emulated: [
    'FunctionName',
    'Handler',
    'Runtime',
    'Timeout',
    'MemorySize',
    'Environment',
    'Layers',
    'Role',
    'PackageType',
  ],
  // Architectures: the code runs on this machine's CPU; JavaScript and Python code does not see the difference.
  inert: [
    'Description',
    'Tags',
    'Architectures',
    'KmsKeyArn',
    'CodeSigningConfigArn',
    'ImageConfig',
    'RuntimeManagementConfig',
  ],
  notEmulated: {
    VpcConfig: warn(NO_VPC),
    FileSystemConfigs: warn('EFS file systems are not mounted locally'),
    ReservedConcurrentExecutions: warn(NO_CONCURRENCY),
    SnapStart: warn('SnapStart is not emulated'),
    EphemeralStorage: warn('the size of /tmp is not limited locally'),
    RecursiveLoop: warn('recursive loop detection is not emulated'),
  } satisfies Record<string, NotEmulated>,
};

/** Newer Lambda properties SAM passes through unchanged (spelled the same in both). */
const FUNCTION_NEWER: Record<string, NotEmulated> = {
  LoggingConfig: warn("function output goes to the stack's stdout/stderr, not to a log group"),
  TenancyConfig: warn('tenant isolation is not emulated'),
  CapacityProviderConfig: warn('capacity providers are not emulated'),
  DurableConfig: warn('durable functions are not emulated'),
  FunctionScalingConfig: warn(NO_CONCURRENCY),
  PublishToLatestPublished: warn('versions are not emulated: only $LATEST exists locally'),
};

const LAMBDA_FUNCTION: TypeCoverage = {
  emulated: [...FUNCTION_COMMON.emulated, 'Code'],
  inert: FUNCTION_COMMON.inert,
  notEmulated: {
    ...FUNCTION_COMMON.notEmulated,
    ...FUNCTION_NEWER,
    DeadLetterConfig: warn('dead-letter queues are not emulated (nothing is sent on a failed asynchronous invocation)'),
    TracingConfig: warn(
      NO_TRACING,
      (value) =>
        typeof value === 'object' && value !== null && (value as Record<string, unknown>)['Mode'] === 'PassThrough',
    ),
  },
};

const SAM_FUNCTION: TypeCoverage = {
  emulated: [
    ...FUNCTION_COMMON.emulated,
    'CodeUri',
    'InlineCode',
    'Policies',
    'AssumeRolePolicyDocument',
    'RolePath',
    'ImageUri',
  ],
  inert: [
    ...FUNCTION_COMMON.inert,
    'VersionDescription',
    'AutoPublishCodeSha256',
    'PropagateTags',
    'SourceKMSKeyArn',
    'VersionDeletionPolicy',
  ],
  notEmulated: {
    ...FUNCTION_COMMON.notEmulated,
    ...FUNCTION_NEWER,
    PermissionsBoundary: iamWarns(NO_BOUNDARY),
    Events: warn('event sources are not emulated: nothing invokes the function for them'),
    Tracing: warn(NO_TRACING, is('PassThrough', 'Disabled')),
    DeadLetterQueue: warn('dead-letter queues are not emulated (nothing is sent on a failed asynchronous invocation)'),
    EventInvokeConfig: warn('asynchronous invocation settings are not emulated'),
    ProvisionedConcurrencyConfig: warn(NO_CONCURRENCY),
    AutoPublishAlias: warn(
      `the alias and version exist to refer to (Fn.Alias, Fn.Version), but versions are not emulated: ${ONE_CODE}`,
    ),
    AutoPublishAliasAllProperties: warn(`versions are not emulated: ${ONE_CODE}`),
    DeploymentPreference: warn('gradual deployments are not emulated'),
    FunctionUrlConfig: warn('function URLs are not emulated'),
  },
};

const LAMBDA_ALIAS: TypeCoverage = {
  emulated: ['FunctionName', 'Name'],
  inert: ['Description'],
  notEmulated: {
    FunctionVersion: warn(`versions are not emulated: ${ONE_CODE}`, is('$LATEST')),
    RoutingConfig: warn(`weighted routing between versions is not emulated: ${ONE_CODE}`),
    ProvisionedConcurrencyConfig: warn(NO_CONCURRENCY),
  },
};
// CodeSha256 guards a publish on AWS (it fails when the code differs); nothing is published locally.
const LAMBDA_VERSION: TypeCoverage = {
  emulated: ['FunctionName'],
  inert: ['Description', 'RuntimePolicy'],
  notEmulated: {
    CodeSha256: warn(`not checked: nothing is published locally, ${ONE_CODE}`),
    ProvisionedConcurrencyConfig: warn(NO_CONCURRENCY),
    FunctionScalingConfig: warn(NO_CONCURRENCY),
  },
};

const LAYER_COMMON = { inert: ['Description', 'LicenseInfo', 'CompatibleRuntimes'] };
const SAM_LAYER: TypeCoverage = {
  emulated: ['ContentUri', 'LayerName'],
  inert: [...LAYER_COMMON.inert, 'RetentionPolicy'],
  notEmulated: {},
};
const LAMBDA_LAYER: TypeCoverage = {
  emulated: ['Content', 'LayerName'],
  inert: [...LAYER_COMMON.inert, 'CompatibleArchitectures'],
  notEmulated: {},
};

const SAM_STATE_MACHINE: TypeCoverage = {
  emulated: ['Definition', 'DefinitionUri', 'DefinitionSubstitutions', 'Type', 'Name', 'Role', 'Policies', 'RolePath'],
  // PermissionsBoundaries: the spec's misspelling of PermissionsBoundary, which the translator refuses (checks/sam-known.ts).
  inert: ['Tags', 'PropagateTags', 'PermissionsBoundaries'],
  notEmulated: {
    PermissionsBoundary: iamWarns(NO_BOUNDARY),
    Events: warn('event sources are not emulated: nothing starts the state machine for them'),
    Logging: warn('execution logs go to the stack log, not to CloudWatch Logs'),
    Tracing: warn(NO_TRACING),
    AutoPublishAlias: warn('versions and aliases are not emulated'),
    DeploymentPreference: warn('gradual deployments are not emulated'),
    UseAliasAsEventTarget: warn('versions and aliases are not emulated'),
  },
};

const SFN_STATE_MACHINE: TypeCoverage = {
  emulated: [
    'Definition',
    'DefinitionString',
    'DefinitionS3Location',
    'DefinitionSubstitutions',
    'StateMachineType',
    'StateMachineName',
    'RoleArn',
  ],
  inert: ['Tags', 'EncryptionConfiguration'],
  notEmulated: {
    LoggingConfiguration: warn('execution logs go to the stack log, not to CloudWatch Logs'),
    TracingConfiguration: warn(NO_TRACING),
  },
};

const IAM_ROLE: TypeCoverage = {
  emulated: ['AssumeRolePolicyDocument', 'ManagedPolicyArns', 'Policies', 'RoleName', 'Path'],
  inert: ['Description', 'Tags', 'MaxSessionDuration'],
  notEmulated: { PermissionsBoundary: iamWarns(NO_BOUNDARY) },
};

const IAM_MANAGED_POLICY: TypeCoverage = {
  emulated: ['PolicyDocument', 'Roles', 'ManagedPolicyName', 'Path'],
  inert: ['Description'],
  // Only roles make calls locally; groups and users have nobody to act as them.
  notEmulated: { Groups: warn('only roles are evaluated locally'), Users: warn('only roles are evaluated locally') },
};

const IAM_POLICY: TypeCoverage = {
  emulated: ['PolicyDocument', 'PolicyName', 'Roles'],
  inert: [],
  notEmulated: { Groups: warn('only roles are evaluated locally'), Users: warn('only roles are evaluated locally') },
};

const IAM_ROLE_POLICY: TypeCoverage = {
  emulated: ['PolicyDocument', 'PolicyName', 'RoleName'],
  inert: [],
  notEmulated: {},
};

const LOG_GROUP: TypeCoverage = {
  emulated: ['LogGroupName'],
  inert: [
    'Tags',
    'RetentionInDays',
    'KmsKeyId',
    'LogGroupClass',
    'DeletionProtectionEnabled',
    'DataProtectionPolicy',
    'FieldIndexPolicies',
    'ResourcePolicyDocument',
    'BearerTokenAuthenticationEnabled',
  ],
  notEmulated: {},
};

const LAMBDA_PERMISSION: TypeCoverage = {
  emulated: ['Action', 'FunctionName', 'Principal', 'SourceArn', 'SourceAccount'],
  inert: [],
  notEmulated: {
    PrincipalOrgID: iamWarns('the aws:PrincipalOrgID condition is not evaluated (no organization locally)'),
    EventSourceToken: iamWarns('Alexa event source tokens are not evaluated'),
    FunctionUrlAuthType: iamWarns('function URLs are not emulated'),
    InvokedViaFunctionUrl: iamWarns('function URLs are not emulated'),
  },
};

const CLOUDFRONT_FUNCTION: TypeCoverage = {
  emulated: ['FunctionCode', 'FunctionConfig', 'Name'],
  inert: ['AutoPublish', 'FunctionMetadata', 'Tags'],
  notEmulated: {},
};

/** Nested settings of DistributionConfig and OriginRequestPolicyConfig are checked where they are read (distribution.ts). */
const DISTRIBUTION: TypeCoverage = { emulated: ['DistributionConfig'], inert: ['Tags'], notEmulated: {} };
const ORIGIN_REQUEST_POLICY: TypeCoverage = { emulated: ['OriginRequestPolicyConfig'], inert: [], notEmulated: {} };
/** The distribution's web ACL (local/edge/web-acl.ts); statements and actions are checked where they are read (web-acl.ts). */
const WEB_ACL: TypeCoverage = {
  emulated: ['Name', 'Scope', 'DefaultAction', 'Rules', 'CustomResponseBodies'],
  // Metrics, logging redaction, and settings only CAPTCHA/Challenge actions or body statements use (both refused there).
  inert: [
    'Description',
    'Tags',
    'VisibilityConfig',
    'DataProtectionConfig',
    'CaptchaConfig',
    'ChallengeConfig',
    'TokenDomains',
    'AssociationConfig',
    'ApplicationConfig',
  ],
  notEmulated: {
    OnSourceDDoSProtectionConfig: warn('DDoS protection is not emulated'),
    MonetizationConfig: warn('not emulated'),
  },
};

const IP_SET: TypeCoverage = {
  emulated: ['Addresses', 'IPAddressVersion', 'Scope', 'Name'],
  inert: ['Description', 'Tags'],
  notEmulated: {},
};

const APIGATEWAY_ACCOUNT: TypeCoverage = { emulated: [], inert: ['CloudWatchRoleArn'], notEmulated: {} };

/** API keys and usage plans, as `$connect` with `ApiKeyRequired` uses them (local/template/api-keys.ts). */
const API_KEY: TypeCoverage = {
  emulated: ['Value', 'Enabled', 'Name'],
  // CustomerId: AWS Marketplace metering; GenerateDistinctId: only how the id is made.
  inert: ['Description', 'Tags', 'CustomerId', 'GenerateDistinctId'],
  notEmulated: {
    StageKeys: warn('stage keys name REST API stages; a WebSocket stage takes keys through usage plans', isEmpty),
  },
};
const USAGE_PLAN: TypeCoverage = {
  emulated: ['ApiStages', 'Throttle', 'Quota'],
  inert: ['Description', 'Tags', 'UsagePlanName'],
  notEmulated: {},
};
// Declared queues (config `queues`, issue 14): local/sqs runs them in memory on the local AWS endpoint.
const SQS_QUEUE: TypeCoverage = {
  emulated: ['QueueName', 'FifoQueue', 'VisibilityTimeout', 'MessageRetentionPeriod', 'DelaySeconds', 'RedrivePolicy'],
  inert: ['Tags', 'SqsManagedSseEnabled', 'KmsMasterKeyId', 'KmsDataKeyReusePeriodSeconds'],
  notEmulated: {
    ContentBasedDeduplication: warn('FIFO deduplication is not emulated: every send is a new message', isFalse),
    DeduplicationScope: warn('FIFO deduplication is not emulated'),
    FifoThroughputLimit: warn('FIFO throughput limits are not emulated'),
    MaximumMessageSize: warn('the local SQS always allows 256 KiB messages'),
    ReceiveMessageWaitTimeSeconds: warn('long polling is not emulated: ReceiveMessage answers at once'),
    RedriveAllowPolicy: warn('which queues may use this one as a dead-letter queue is not checked'),
  },
};
const NOT_SQS_SOURCE = 'a setting of stream, Kafka, MQ or DocumentDB sources; only SQS event sources are emulated';
const EVENT_SOURCE_MAPPING: TypeCoverage = {
  emulated: ['EventSourceArn', 'FunctionName', 'BatchSize', 'FunctionResponseTypes', 'Enabled'],
  // KmsKeyArn encrypts FilterCriteria, which is refused.
  inert: ['Tags', 'KmsKeyArn'],
  notEmulated: {
    MaximumBatchingWindowInSeconds: warn(
      'batching windows are not emulated: a batch goes as soon as messages are there',
    ),
    ScalingConfig: warn('one poller per mapping invokes the consumer one batch at a time'),
    FilterCriteria: refuse('event filtering is not emulated: every message would reach the consumer'),
    StartingPosition: refuse(NOT_SQS_SOURCE),
    MetricsConfig: warn('event source mapping metrics are not emulated'),
    ProvisionedPollerConfig: warn('provisioned pollers are not emulated: one poller per mapping'),
    LoggingConfig: warn('event source mapping logs are not written'),
    ...Object.fromEntries(
      [
        'Topics',
        'Queues',
        'SelfManagedEventSource',
        'SelfManagedKafkaEventSourceConfig',
        'AmazonManagedKafkaEventSourceConfig',
        'DocumentDBEventSourceConfig',
        'SourceAccessConfigurations',
        'ParallelizationFactor',
        'TumblingWindowInSeconds',
        'BisectBatchOnFunctionError',
        'DestinationConfig',
        'MaximumRecordAgeInSeconds',
        'MaximumRetryAttempts',
        'StartingPositionTimestamp',
      ].map((name) => [name, refuse(NOT_SQS_SOURCE)]),
    ),
  },
};
const USAGE_PLAN_KEY: TypeCoverage = { emulated: ['KeyId', 'KeyType', 'UsagePlanId'], inert: [], notEmulated: {} };

export const PROPERTY_COVERAGE: Readonly<Record<string, TypeCoverage>> = {
  'AWS::ApiGatewayV2::Api': API,
  'AWS::ApiGatewayV2::Route': ROUTE,
  'AWS::ApiGatewayV2::Integration': INTEGRATION,
  'AWS::ApiGatewayV2::IntegrationResponse': INTEGRATION_RESPONSE,
  'AWS::ApiGatewayV2::RouteResponse': ROUTE_RESPONSE,
  'AWS::ApiGatewayV2::Authorizer': AUTHORIZER,
  'AWS::ApiGatewayV2::Stage': STAGE,
  'AWS::ApiGatewayV2::Deployment': DEPLOYMENT,
  'AWS::ApiGatewayV2::Model': MODEL,
  'AWS::ApiGatewayV2::DomainName': DOMAIN_NAME,
  'AWS::ApiGatewayV2::ApiMapping': API_MAPPING,
  'AWS::WAFv2::WebACL': WEB_ACL,
  'AWS::WAFv2::IPSet': IP_SET,
  'AWS::DynamoDB::Table': TABLE,
  'AWS::Serverless::SimpleTable': SIMPLE_TABLE,
  'AWS::Serverless::Function': SAM_FUNCTION,
  'AWS::Lambda::Function': LAMBDA_FUNCTION,
  'AWS::Lambda::Alias': LAMBDA_ALIAS,
  'AWS::Lambda::Version': LAMBDA_VERSION,
  'AWS::Serverless::LayerVersion': SAM_LAYER,
  'AWS::Lambda::LayerVersion': LAMBDA_LAYER,
  'AWS::Serverless::StateMachine': SAM_STATE_MACHINE,
  'AWS::StepFunctions::StateMachine': SFN_STATE_MACHINE,
  'AWS::IAM::Role': IAM_ROLE,
  'AWS::IAM::ManagedPolicy': IAM_MANAGED_POLICY,
  'AWS::IAM::Policy': IAM_POLICY,
  'AWS::IAM::RolePolicy': IAM_ROLE_POLICY,
  'AWS::Logs::LogGroup': LOG_GROUP,
  'AWS::Lambda::Permission': LAMBDA_PERMISSION,
  'AWS::CloudFront::Function': CLOUDFRONT_FUNCTION,
  'AWS::CloudFront::Distribution': DISTRIBUTION,
  'AWS::CloudFront::OriginRequestPolicy': ORIGIN_REQUEST_POLICY,
  'AWS::ApiGateway::Account': APIGATEWAY_ACCOUNT,
  'AWS::ApiGateway::ApiKey': API_KEY,
  'AWS::ApiGateway::UsagePlan': USAGE_PLAN,
  'AWS::ApiGateway::UsagePlanKey': USAGE_PLAN_KEY,
  'AWS::SQS::Queue': SQS_QUEUE,
  'AWS::Lambda::EventSourceMapping': EVENT_SOURCE_MAPPING,
};
