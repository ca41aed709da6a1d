/**
 * The SAM policy templates the local stack expands, as data.
 *
 * Source: AWS SAM translator `samtranslator/policy_templates_data/policy_templates.json`
 * (aws-sam-translator 1.110.0, Apache-2.0; the same list is documented in the SAM developer guide,
 * "AWS SAM policy templates"). Each template's `Fn::Sub` resource is written here with the template's
 * own parameter name as placeholder (SAM renames `TableName` to `${tableName}` through a Sub variable
 * map; the result is the same text). `${AWS::Partition}`, `${AWS::Region}` and `${AWS::AccountId}`
 * are the stack's pseudo parameters. test/local/iam/policy-templates.integration.test.ts expands every template
 * below next to the installed translator's JSON and compares the documents.
 *
 * A template not listed here is named in the start-up warning, and its role is evaluated without it.
 */

export interface PolicyTemplateStatement {
  actions: readonly string[];
  resources: readonly string[];
}

export interface SamPolicyTemplate {
  parameters: readonly string[];
  statements: readonly PolicyTemplateStatement[];
}

const ARN = 'arn:${AWS::Partition}';
const REGIONAL = (service: string) => `${ARN}:${service}:\${AWS::Region}:\${AWS::AccountId}`;
const TABLE = `${REGIONAL('dynamodb')}:table/\${TableName}`;
const STATE_MACHINE = `${REGIONAL('states')}:stateMachine:\${StateMachineName}`;
const BUCKET = [`${ARN}:s3:::\${BucketName}`, `${ARN}:s3:::\${BucketName}/*`];
const one = (
  parameters: readonly string[],
  actions: readonly string[],
  resources: readonly string[],
): SamPolicyTemplate => ({ parameters, statements: [{ actions, resources }] });
const ssmRead = (parameterResource: string): SamPolicyTemplate => ({
  parameters: ['ParameterName'],
  statements: [
    { actions: ['ssm:DescribeParameters'], resources: ['*'] },
    { actions: ['ssm:GetParameters', 'ssm:GetParameter', 'ssm:GetParametersByPath'], resources: [parameterResource] },
  ],
});

export const SAM_POLICY_TEMPLATES: Readonly<Record<string, SamPolicyTemplate>> = {
  DynamoDBCrudPolicy: one(
    ['TableName'],
    [
      'dynamodb:GetItem',
      'dynamodb:DeleteItem',
      'dynamodb:PutItem',
      'dynamodb:Scan',
      'dynamodb:Query',
      'dynamodb:UpdateItem',
      'dynamodb:BatchWriteItem',
      'dynamodb:BatchGetItem',
      'dynamodb:DescribeTable',
      'dynamodb:ConditionCheckItem',
    ],
    [TABLE, `${TABLE}/index/*`],
  ),
  DynamoDBReadPolicy: one(
    ['TableName'],
    ['dynamodb:GetItem', 'dynamodb:Scan', 'dynamodb:Query', 'dynamodb:BatchGetItem', 'dynamodb:DescribeTable'],
    [TABLE, `${TABLE}/index/*`],
  ),
  DynamoDBWritePolicy: one(
    ['TableName'],
    ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:BatchWriteItem'],
    [TABLE, `${TABLE}/index/*`],
  ),
  DynamoDBReconfigurePolicy: one(['TableName'], ['dynamodb:UpdateTable'], [TABLE]),
  DynamoDBStreamReadPolicy: {
    parameters: ['StreamName', 'TableName'],
    statements: [
      {
        actions: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'],
        resources: [`${TABLE}/stream/\${StreamName}`],
      },
      { actions: ['dynamodb:ListStreams'], resources: [`${TABLE}/stream/*`] },
    ],
  },
  LambdaInvokePolicy: one(
    ['FunctionName'],
    ['lambda:InvokeFunction'],
    [`${REGIONAL('lambda')}:function:\${FunctionName}*`],
  ),
  StepFunctionsExecutionPolicy: one(['StateMachineName'], ['states:StartExecution'], [STATE_MACHINE]),
  StepFunctionsExecutionPolicy_v2: one(
    ['StateMachineName'],
    ['states:StartExecution', 'states:StartSyncExecution'],
    [STATE_MACHINE],
  ),
  StepFunctionsCallbackPolicy: one(
    ['StateMachineName'],
    ['states:SendTaskFailure', 'states:SendTaskHeartbeat', 'states:SendTaskSuccess'],
    [STATE_MACHINE],
  ),
  SQSSendMessagePolicy: one(['QueueName'], ['sqs:SendMessage*'], [`${REGIONAL('sqs')}:\${QueueName}`]),
  SQSPollerPolicy: one(
    ['QueueName'],
    [
      'sqs:ChangeMessageVisibility',
      'sqs:ChangeMessageVisibilityBatch',
      'sqs:DeleteMessage',
      'sqs:DeleteMessageBatch',
      'sqs:GetQueueAttributes',
      'sqs:ReceiveMessage',
    ],
    [`${REGIONAL('sqs')}:\${QueueName}`],
  ),
  SNSPublishMessagePolicy: one(['TopicName'], ['sns:Publish'], [`${REGIONAL('sns')}:\${TopicName}`]),
  SNSCrudPolicy: one(
    ['TopicName'],
    ['sns:ListSubscriptionsByTopic', 'sns:CreateTopic', 'sns:SetTopicAttributes', 'sns:Subscribe', 'sns:Publish'],
    [`${REGIONAL('sns')}:\${TopicName}*`],
  ),
  EventBridgePutEventsPolicy: one(
    ['EventBusName'],
    ['events:PutEvents'],
    [`${REGIONAL('events')}:event-bus/\${EventBusName}`],
  ),
  S3ReadPolicy: one(
    ['BucketName'],
    ['s3:GetObject', 's3:ListBucket', 's3:GetBucketLocation', 's3:GetObjectVersion', 's3:GetLifecycleConfiguration'],
    BUCKET,
  ),
  S3WritePolicy: one(['BucketName'], ['s3:PutObject', 's3:PutObjectAcl', 's3:PutLifecycleConfiguration'], BUCKET),
  S3CrudPolicy: one(
    ['BucketName'],
    [
      's3:GetObject',
      's3:ListBucket',
      's3:GetBucketLocation',
      's3:GetObjectVersion',
      's3:PutObject',
      's3:PutObjectAcl',
      's3:GetLifecycleConfiguration',
      's3:PutLifecycleConfiguration',
      's3:DeleteObject',
    ],
    BUCKET,
  ),
  SSMParameterReadPolicy: ssmRead(`${REGIONAL('ssm')}:parameter/\${ParameterName}`),
  SSMParameterWithSlashPrefixReadPolicy: ssmRead(`${REGIONAL('ssm')}:parameter\${ParameterName}`),
  AWSSecretsManagerGetSecretValuePolicy: one(['SecretArn'], ['secretsmanager:GetSecretValue'], ['${SecretArn}']),
  KMSDecryptPolicy: one(['KeyId'], ['kms:Decrypt'], [`${REGIONAL('kms')}:key/\${KeyId}`]),
  CloudWatchPutMetricPolicy: one([], ['cloudwatch:PutMetricData'], ['*']),
  FilterLogEventsPolicy: one(
    ['LogGroupName'],
    ['logs:FilterLogEvents'],
    [`${REGIONAL('logs')}:log-group:\${LogGroupName}:log-stream:*`],
  ),
  VPCAccessPolicy: one(
    [],
    [
      'ec2:CreateNetworkInterface',
      'ec2:DeleteNetworkInterface',
      'ec2:DescribeNetworkInterfaces',
      'ec2:DetachNetworkInterface',
    ],
    ['*'],
  ),
};
