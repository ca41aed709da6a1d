import { SAM_POLICY_TEMPLATES } from './sam-policy-templates.ts';
import type { PolicyDocument } from './types.ts';

/**
 * Every policy template name the SAM translator knows (policy_templates.json, aws-sam-translator 1.110.0):
 * a one-key Policies entry with one of these names is a template; one the local stack does not expand is
 * named in a warning instead of being an error.
 */
const SAM_TEMPLATE_NAMES = new Set([
  'AMIDescribePolicy',
  'AWSSecretsManagerGetSecretValuePolicy',
  'AWSSecretsManagerRotationPolicy',
  'AcmGetCertificatePolicy',
  'AthenaQueryPolicy',
  'CloudFormationDescribeStacksPolicy',
  'CloudWatchDashboardPolicy',
  'CloudWatchDescribeAlarmHistoryPolicy',
  'CloudWatchPutMetricPolicy',
  'CodeCommitCrudPolicy',
  'CodeCommitReadPolicy',
  'CodePipelineLambdaExecutionPolicy',
  'CodePipelineReadOnlyPolicy',
  'ComprehendBasicAccessPolicy',
  'CostExplorerReadOnlyPolicy',
  'DynamoDBBackupFullAccessPolicy',
  'DynamoDBCrudPolicy',
  'DynamoDBReadPolicy',
  'DynamoDBReconfigurePolicy',
  'DynamoDBRestoreFromBackupPolicy',
  'DynamoDBStreamReadPolicy',
  'DynamoDBWritePolicy',
  'EC2CopyImagePolicy',
  'EC2DescribePolicy',
  'EFSWriteAccessPolicy',
  'EKSDescribePolicy',
  'EcsRunTaskPolicy',
  'ElasticMapReduceAddJobFlowStepsPolicy',
  'ElasticMapReduceCancelStepsPolicy',
  'ElasticMapReduceModifyInstanceFleetPolicy',
  'ElasticMapReduceModifyInstanceGroupsPolicy',
  'ElasticMapReduceSetTerminationProtectionPolicy',
  'ElasticMapReduceTerminateJobFlowsPolicy',
  'ElasticsearchHttpPostPolicy',
  'EventBridgePutEventsPolicy',
  'FilterLogEventsPolicy',
  'FirehoseCrudPolicy',
  'FirehoseWritePolicy',
  'KMSDecryptPolicy',
  'KMSEncryptPolicy',
  'KMSEncryptPolicy_v2',
  'KinesisCrudPolicy',
  'KinesisStreamReadPolicy',
  'LambdaInvokePolicy',
  'MobileAnalyticsWriteOnlyAccessPolicy',
  'OrganizationsListAccountsPolicy',
  'PinpointEndpointAccessPolicy',
  'PollyFullAccessPolicy',
  'RekognitionDetectOnlyPolicy',
  'RekognitionFacesManagementPolicy',
  'RekognitionFacesPolicy',
  'RekognitionLabelsPolicy',
  'RekognitionNoDataAccessPolicy',
  'RekognitionReadPolicy',
  'RekognitionWriteOnlyAccessPolicy',
  'Route53ChangeResourceRecordSetsPolicy',
  'S3CrudPolicy',
  'S3FullAccessPolicy',
  'S3ReadPolicy',
  'S3WritePolicy',
  'SESBulkTemplatedCrudPolicy',
  'SESBulkTemplatedCrudPolicy_v2',
  'SESCrudPolicy',
  'SESEmailTemplateCrudPolicy',
  'SESSendBouncePolicy',
  'SNSCrudPolicy',
  'SNSPublishMessagePolicy',
  'SQSPollerPolicy',
  'SQSSendMessagePolicy',
  'SSMParameterReadPolicy',
  'SSMParameterWithSlashPrefixReadPolicy',
  'SageMakerCreateEndpointConfigPolicy',
  'SageMakerCreateEndpointPolicy',
  'ServerlessRepoReadWriteAccessPolicy',
  'StepFunctionsCallbackPolicy',
  'StepFunctionsExecutionPolicy',
  'StepFunctionsExecutionPolicy_v2',
  'TextractDetectAnalyzePolicy',
  'TextractGetResultPolicy',
  'TextractPolicy',
  'VPCAccessPolicy',
]);

export const isSamPolicyTemplateName = (name: string): boolean => SAM_TEMPLATE_NAMES.has(name);

/** The pseudo parameters a template's resources use. */
export interface PolicyTemplatePseudo {
  'AWS::Partition': string;
  'AWS::Region': string;
  'AWS::AccountId': string;
}

export type PolicyTemplateExpansion =
  | { kind: 'expanded'; document: PolicyDocument }
  /** A SAM template the local stack has no data for. */
  | { kind: 'unsupported' }
  /** What SAM itself refuses (its own wording), e.g. a missing parameter. */
  | { kind: 'invalid'; message: string };

const PLACEHOLDER = /\$\{([^}]+)\}/g;

/**
 * `{ DynamoDBCrudPolicy: { TableName: t } }` → the policy document SAM puts on the function's role.
 * Parameter values must already be resolved to strings (the loader resolves intrinsics); values are
 * substituted once, so a value containing `${...}` stays as written, as with Fn::Sub.
 */
export function expandPolicyTemplate(
  name: string,
  parameterValues: unknown,
  pseudo: PolicyTemplatePseudo,
): PolicyTemplateExpansion {
  const template = Object.hasOwn(SAM_POLICY_TEMPLATES, name) ? SAM_POLICY_TEMPLATES[name] : undefined;
  if (template === undefined) {
    return isSamPolicyTemplateName(name)
      ? { kind: 'unsupported' }
      : { kind: 'invalid', message: `${JSON.stringify(name)} is not a SAM policy template` };
  }
  if (typeof parameterValues !== 'object' || parameterValues === null || Array.isArray(parameterValues)) {
    return { kind: 'invalid', message: `Must specify valid parameter values for policy template '${name}'` };
  }
  const values = parameterValues as Record<string, unknown>;
  const missing = template.parameters.filter((parameter) => !Object.hasOwn(values, parameter));
  if (missing.length > 0) {
    return {
      kind: 'invalid',
      message: `Following required parameters of template '${name}' don't have values: ${JSON.stringify(missing)}`,
    };
  }
  const notText = template.parameters.filter(
    (parameter) => typeof values[parameter] !== 'string' && typeof values[parameter] !== 'number',
  );
  if (notText.length > 0) {
    return {
      kind: 'invalid',
      message: `parameters of template '${name}' must resolve to strings: ${notText.map((p) => `${p}=${JSON.stringify(values[p])}`).join(', ')}`,
    };
  }
  const lookup: Record<string, string> = { ...pseudo };
  for (const parameter of template.parameters) lookup[parameter] = String(values[parameter]);
  const substitute = (text: string) => text.replace(PLACEHOLDER, (whole, key: string) => lookup[key] ?? whole);
  return {
    kind: 'expanded',
    document: {
      Statement: template.statements.map((statement) => ({
        Effect: 'Allow' as const,
        Action: [...statement.actions],
        Resource: statement.resources.map(substitute),
      })),
    },
  };
}
