/**
 * What the SAM translator accepts but `@aws-cdk/aws-service-spec` 0.1.216 does not know.
 * The spec's AWS::Serverless::* entries are frozen at an old SAM version, so without these
 * lists the spec check would reject valid templates. Source of every entry: aws-sam-translator
 * 1.110.0 (`SamFunction.property_types`, `SamStateMachine.property_types`,
 * `Globals.supported_properties`). Re-check them when cfn-lint/the translator is upgraded.
 */

/** Properties the translator accepts that the spec's SAM entry lacks. */
export const SAM_NEWER_PROPERTIES: Readonly<Record<string, readonly string[]>> = {
  'AWS::Serverless::Function': [
    'AutoPublishAliasAllProperties',
    'CapacityProviderConfig',
    'DurableConfig',
    'FunctionScalingConfig',
    'LoggingConfig',
    'PropagateTags',
    'PublishToLatestPublished',
    'RecursiveLoop',
    'RolePath',
    'RuntimeManagementConfig',
    'SnapStart',
    'SourceKMSKeyArn',
    'TenancyConfig',
    'VersionDeletionPolicy',
  ],
  'AWS::Serverless::StateMachine': [
    'AutoPublishAlias',
    'DeploymentPreference',
    'PermissionsBoundary',
    'PropagateTags',
    'RolePath',
    'UseAliasAsEventTarget',
  ],
};

/** Properties the spec lists but the translator rejects, with the name it does accept. */
export const SAM_SPEC_MISTAKES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'AWS::Serverless::StateMachine': { PermissionsBoundaries: 'PermissionsBoundary' },
};

/**
 * `Globals` sections and, for the two SAM types this project emits, the properties SAM lets
 * a section set (Function: everything except Role, Policies, FunctionName, Events, ...).
 * Sections mapped to `undefined` are checked by name only.
 */
export const SAM_GLOBALS: Readonly<Record<string, readonly string[] | undefined>> = {
  Function: [
    'Handler',
    'Runtime',
    'CodeUri',
    'DeadLetterQueue',
    'Description',
    'MemorySize',
    'Timeout',
    'VpcConfig',
    'Environment',
    'Tags',
    'PropagateTags',
    'Tracing',
    'KmsKeyArn',
    'AutoPublishAlias',
    'AutoPublishAliasAllProperties',
    'Layers',
    'DeploymentPreference',
    'RolePath',
    'PermissionsBoundary',
    'ReservedConcurrentExecutions',
    'ProvisionedConcurrencyConfig',
    'AssumeRolePolicyDocument',
    'EventInvokeConfig',
    'FileSystemConfigs',
    'CodeSigningConfigArn',
    'Architectures',
    'SnapStart',
    'EphemeralStorage',
    'FunctionUrlConfig',
    'RuntimeManagementConfig',
    'LoggingConfig',
    'RecursiveLoop',
    'SourceKMSKeyArn',
    'TenancyConfig',
    'DurableConfig',
    'CapacityProviderConfig',
    'FunctionScalingConfig',
    'PublishToLatestPublished',
    'VersionDeletionPolicy',
  ],
  StateMachine: ['PropagateTags'],
  Api: undefined,
  HttpApi: undefined,
  SimpleTable: undefined,
  LayerVersion: undefined,
  CapacityProvider: undefined,
  WebSocketApi: undefined,
};

/**
 * SAM types have no attributes in the spec. SAM keeps the logical id for the resource it
 * generates, so `Fn::GetAtt` on a SAM resource resolves against that generated type; its spec
 * attributes are the accepted ones (Function -> Arn, ...; StateMachine -> Arn, Name, ...).
 * Other SAM types are not mapped: their attributes go unchecked here (cfn-lint checks them
 * after running the real transform).
 */
export const SAM_GENERATED_TYPE: Readonly<Record<string, string>> = {
  'AWS::Serverless::Function': 'AWS::Lambda::Function',
  'AWS::Serverless::StateMachine': 'AWS::StepFunctions::StateMachine',
  'AWS::Serverless::SimpleTable': 'AWS::DynamoDB::Table',
  'AWS::Serverless::Api': 'AWS::ApiGateway::RestApi',
  'AWS::Serverless::HttpApi': 'AWS::ApiGatewayV2::Api',
};

export const SAM_TRANSFORM = 'AWS::Serverless-2016-10-31';

export const isSamType = (type: string): boolean => type.startsWith('AWS::Serverless::');
