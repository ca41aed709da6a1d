import { TemplateError } from './errors.ts';
import { hashedId, hashedUuid } from './hash.ts';
import type { PhysicalId } from './types.ts';

/** What the physical-ID rules need: the stack identity and the resource's resolved name properties. */
export interface PhysicalIdContext {
  stackName: string;
  region: string;
  accountId: string;
  partition: string;
  /** The WebSocket API id (already defaulted by the loader). */
  apiId: string;
  logicalId: string;
  type: string;
  /** The resource's property at `path`, resolved and printed as text; undefined when absent. Throws when not a scalar. */
  nameProperty(...path: string[]): string | undefined;
}

type Rule = (c: PhysicalIdContext) => PhysicalId;

const seed = (c: PhysicalIdContext) => `${c.accountId}/${c.region}/${c.stackName}/${c.logicalId}`;
/** API Gateway route, integration, response and deployment IDs are short lowercase IDs. */
const shortId = (c: PhysicalIdContext) => hashedId(seed(c), 7);
/** CloudFormation's generated names: `{stack}-{logicalId}-{12 random upper-case characters}`. */
const generatedName = (c: PhysicalIdContext) => `${c.stackName}-${c.logicalId}-${hashedId(seed(c), 12, 'upper')}`;
/** SAM-style names kept readable: `{stack}-{logicalId}` (AWS adds a random suffix). */
const stackScopedName = (c: PhysicalIdContext) => `${c.stackName}-${c.logicalId}`;
const refOnly = (ref: string): PhysicalId => ({ ref, attributes: {} });

function required(c: PhysicalIdContext, ...path: string[]): string {
  const value = c.nameProperty(...path);
  if (value === undefined) {
    throw new TemplateError(`Resources.${c.logicalId}.Properties.${path.join('.')} is required for ${c.type}`);
  }
  return value;
}

function dynamoDbTable(c: PhysicalIdContext): PhysicalId {
  const name = c.nameProperty('TableName') ?? generatedName(c);
  const arn = `arn:${c.partition}:dynamodb:${c.region}:${c.accountId}:table/${name}`;
  const attributes: Record<string, string> = { Arn: arn };
  // A fixed stream label: AWS uses the stream's creation time, which a local stack does not have.
  if (c.nameProperty('StreamSpecification', 'StreamViewType') !== undefined)
    attributes['StreamArn'] = `${arn}/stream/1970-01-01T00:00:00.000`;
  return { ref: name, attributes };
}
const lambdaFunction = (c: PhysicalIdContext, name: string): PhysicalId => ({
  ref: name,
  attributes: { Arn: `arn:${c.partition}:lambda:${c.region}:${c.accountId}:function:${name}` },
});
/**
 * The unqualified ARN of the function an alias or version names in `FunctionName`: a name, a partial ARN
 * (`{account}:function:{name}`) or an ARN, as Lambda accepts them (a qualifier there is dropped: the resource adds its own).
 */
function qualifiedFunctionBase(c: PhysicalIdContext): string {
  const functionName = required(c, 'FunctionName');
  const arn = /^(arn:[^:]+:lambda:[^:]+:\d{12}:function:[^:]+)(?::[^:]*)?$/.exec(functionName);
  if (arn) return arn[1]!;
  const partial = /^(\d{12}):function:([^:]+)(?::[^:]*)?$/.exec(functionName);
  const [account, name] = partial ? [partial[1]!, partial[2]!] : [c.accountId, functionName];
  return `arn:${c.partition}:lambda:${c.region}:${account}:function:${name}`;
}
// Ref = AliasArn = the function's ARN qualified by the alias name.
function lambdaAlias(c: PhysicalIdContext): PhysicalId {
  const arn = `${qualifiedFunctionBase(c)}:${required(c, 'Name')}`;
  return { ref: arn, attributes: { AliasArn: arn } };
}
// Ref = FunctionArn = the version's ARN. A local stack publishes each version once, so it is version 1, as the first
// version CloudFormation publishes for a new function is.
function lambdaVersion(c: PhysicalIdContext): PhysicalId {
  const arn = `${qualifiedFunctionBase(c)}:1`;
  return { ref: arn, attributes: { FunctionArn: arn, Version: '1' } };
}
const layerVersion = (c: PhysicalIdContext, name: string): PhysicalId => {
  const arn = `arn:${c.partition}:lambda:${c.region}:${c.accountId}:layer:${name}:1`;
  return { ref: arn, attributes: { LayerVersionArn: arn } };
};
const stateMachine = (c: PhysicalIdContext, name: string): PhysicalId => {
  const arn = `arn:${c.partition}:states:${c.region}:${c.accountId}:stateMachine:${name}`;
  return { ref: arn, attributes: { Arn: arn, Name: name } };
};

function sqsQueue(c: PhysicalIdContext): PhysicalId {
  const fifo = c.nameProperty('FifoQueue') === 'true';
  const name = c.nameProperty('QueueName') ?? `${generatedName(c)}${fifo ? '.fifo' : ''}`;
  return {
    ref: `https://sqs.${c.region}.amazonaws.com/${c.accountId}/${name}`,
    attributes: { Arn: `arn:${c.partition}:sqs:${c.region}:${c.accountId}:${name}`, QueueName: name },
  };
}

function wafResource(c: PhysicalIdContext, kind: 'webacl' | 'ipset'): PhysicalId {
  const name = required(c, 'Name');
  const scope = required(c, 'Scope');
  const id = hashedUuid(seed(c));
  const place = scope === 'CLOUDFRONT' ? `us-east-1:${c.accountId}:global` : `${c.region}:${c.accountId}:regional`;
  return {
    ref: `${name}|${id}|${scope}`,
    attributes: { Arn: `arn:${c.partition}:wafv2:${place}/${kind}/${name}/${id}`, Id: id },
  };
}

/**
 * Ref and Fn::GetAtt values per resource type. Each rule names its format; where AWS
 * makes up a random part, a hash of account/region/stack/logicalId stands in for it.
 */
const RULES: Record<string, Rule> = {
  // Ref = the API id (option `apiId`, else 10 lowercase characters hashed from the stack name).
  'AWS::ApiGatewayV2::Api': (c) => ({
    ref: c.apiId,
    attributes: { ApiId: c.apiId, ApiEndpoint: `wss://${c.apiId}.execute-api.${c.region}.amazonaws.com` },
  }),
  // Ref = 7-character hashed id, like API Gateway's own IDs.
  'AWS::ApiGatewayV2::Route': (c) => ({ ref: shortId(c), attributes: { RouteId: shortId(c) } }),
  'AWS::ApiGatewayV2::Integration': (c) => ({ ref: shortId(c), attributes: { IntegrationId: shortId(c) } }),
  'AWS::ApiGatewayV2::RouteResponse': (c) => ({ ref: shortId(c), attributes: { RouteResponseId: shortId(c) } }),
  'AWS::ApiGatewayV2::IntegrationResponse': (c) => ({
    ref: shortId(c),
    attributes: { IntegrationResponseId: shortId(c) },
  }),
  'AWS::ApiGatewayV2::Authorizer': (c) => ({ ref: shortId(c), attributes: { AuthorizerId: shortId(c) } }),
  'AWS::ApiGatewayV2::Model': (c) => ({ ref: shortId(c), attributes: { ModelId: shortId(c) } }),
  'AWS::ApiGatewayV2::Deployment': (c) => ({ ref: shortId(c), attributes: { DeploymentId: shortId(c) } }),
  // Read for the local outputs (a custom domain's URL is the local API's): Ref = DomainName; a regional target
  // `d-{10 lowercase}.execute-api.{region}.amazonaws.com` and API Gateway's hosted zone stand-in.
  'AWS::ApiGatewayV2::DomainName': (c) => {
    const name = required(c, 'DomainName');
    return {
      ref: name,
      attributes: {
        RegionalDomainName: `d-${hashedId(seed(c), 10)}.execute-api.${c.region}.amazonaws.com`,
        RegionalHostedZoneId: `Z${hashedId(seed(c), 13, 'upper')}`,
        DomainNameArn: `arn:${c.partition}:apigateway:${c.region}::/domainnames/${name}`,
      },
    };
  },
  'AWS::ApiGatewayV2::ApiMapping': (c) => ({ ref: shortId(c), attributes: { ApiMappingId: shortId(c) } }),
  // Ref = the stage name.
  'AWS::ApiGatewayV2::Stage': (c) => refOnly(required(c, 'StageName')),
  // Ref = TableName, else `{stack}-{logicalId}-{HASH12}`; StreamArn only when a stream is configured.
  'AWS::DynamoDB::Table': (c) => dynamoDbTable(c),
  // SAM creates an AWS::DynamoDB::Table under the same logical id.
  'AWS::Serverless::SimpleTable': (c) => dynamoDbTable(c),
  // Ref = FunctionName, else `{stack}-{logicalId}`.
  'AWS::Serverless::Function': (c) => lambdaFunction(c, c.nameProperty('FunctionName') ?? stackScopedName(c)),
  // The function CloudFormation creates: Ref = FunctionName, else `{stack}-{logicalId}-{HASH12}`.
  'AWS::Lambda::Function': (c) => lambdaFunction(c, c.nameProperty('FunctionName') ?? generatedName(c)),
  // Versions and aliases have ARNs to refer to; invoking one runs the function's current code (local/FEATURES.md).
  'AWS::Lambda::Alias': lambdaAlias,
  'AWS::Lambda::Version': lambdaVersion,
  // Ref = the layer version ARN (version 1: a local stack publishes each layer once).
  'AWS::Serverless::LayerVersion': (c) => layerVersion(c, c.nameProperty('LayerName') ?? c.logicalId),
  'AWS::Lambda::LayerVersion': (c) => layerVersion(c, c.nameProperty('LayerName') ?? generatedName(c)),
  // Ref = the queue URL `https://sqs.{region}.amazonaws.com/{account}/{name}` (the SDK sends it to the local endpoint
  // through AWS_ENDPOINT_URL_SQS); name = QueueName, else `{stack}-{logicalId}-{HASH12}` (+ `.fifo` for FIFO queues).
  'AWS::SQS::Queue': (c) => sqsQueue(c),
  // Ref = the mapping's UUID (hashed, as AWS makes one up).
  'AWS::Lambda::EventSourceMapping': (c) => {
    const id = hashedUuid(seed(c));
    return {
      ref: id,
      attributes: {
        Id: id,
        EventSourceMappingArn: `arn:${c.partition}:lambda:${c.region}:${c.accountId}:event-source-mapping:${id}`,
      },
    };
  },
  // Ref = the ARN; name = Name, else `{stack}-{logicalId}`.
  'AWS::Serverless::StateMachine': (c) => stateMachine(c, c.nameProperty('Name') ?? stackScopedName(c)),
  // Ref = the ARN; name = StateMachineName, else `{logicalId}-{HASH12}` as CloudFormation generates it.
  'AWS::StepFunctions::StateMachine': (c) =>
    stateMachine(c, c.nameProperty('StateMachineName') ?? `${c.logicalId}-${hashedId(seed(c), 12, 'upper')}`),
  // Ref = RoleName, else `{stack}-{logicalId}` cut to IAM's 64 characters.
  'AWS::IAM::Role': (c) => {
    const name = c.nameProperty('RoleName') ?? stackScopedName(c).slice(0, 64);
    const path = c.nameProperty('Path') ?? '/';
    return {
      ref: name,
      attributes: {
        Arn: `arn:${c.partition}:iam::${c.accountId}:role${path}${name}`,
        RoleId: `AROA${hashedId(seed(c), 17, 'upper')}`,
      },
    };
  },
  // Ref = the policy ARN `arn:aws:iam::{account}:policy{Path}{ManagedPolicyName}`, else the name is `{stack}-{logicalId}-{HASH12}`.
  'AWS::IAM::ManagedPolicy': (c) => {
    const arn = `arn:${c.partition}:iam::${c.accountId}:policy${c.nameProperty('Path') ?? '/'}${c.nameProperty('ManagedPolicyName') ?? generatedName(c)}`;
    return { ref: arn, attributes: { PolicyArn: arn } };
  },
  // Inline policies of roles/users/groups: Ref = PolicyName (the local stack attaches them to roles only).
  'AWS::IAM::Policy': (c) => ({ ref: required(c, 'PolicyName'), attributes: { Id: generatedName(c) } }),
  'AWS::IAM::RolePolicy': (c) => refOnly(required(c, 'PolicyName')),
  // Ref = LogGroupName, else `{stack}-{logicalId}-{HASH12}`; Arn ends in `:*` as CloudFormation's does.
  'AWS::Logs::LogGroup': (c) => {
    const name = c.nameProperty('LogGroupName') ?? generatedName(c);
    return { ref: name, attributes: { Arn: `arn:${c.partition}:logs:${c.region}:${c.accountId}:log-group:${name}:*` } };
  },
  // Ref = the function ARN `arn:aws:cloudfront::{account}:function/{Name}`.
  'AWS::CloudFront::Function': (c) => {
    const arn = `arn:${c.partition}:cloudfront::${c.accountId}:function/${c.nameProperty('Name') ?? stackScopedName(c)}`;
    const stage = c.nameProperty('AutoPublish') === 'true' ? 'LIVE' : 'DEVELOPMENT';
    return { ref: arn, attributes: { FunctionARN: arn, 'FunctionMetadata.FunctionARN': arn, Stage: stage } };
  },
  // Ref = Id = a UUID hashed from the stack and logical ID.
  'AWS::CloudFront::OriginRequestPolicy': (c) => {
    const id = hashedUuid(seed(c));
    return { ref: id, attributes: { Id: id } };
  },
  // Ref = Id = `E` + 13 upper-case characters; DomainName = `d{13 lowercase}.cloudfront.localhost`,
  // a placeholder that cannot be mistaken for a real distribution (the edge server publishes its own URL).
  'AWS::CloudFront::Distribution': (c) => {
    const id = `E${hashedId(seed(c), 13, 'upper')}`;
    return { ref: id, attributes: { Id: id, DomainName: `d${hashedId(seed(c), 13)}.cloudfront.localhost` } };
  },
  // Read by the local edge (the distribution's WebACLId): Ref = `{Name}|{Id}|{Scope}`, Arn in us-east-1 `global/...` for
  // CLOUDFRONT (the only scope the local edge applies), Id = a UUID hashed from the stack and logical ID.
  'AWS::WAFv2::WebACL': (c) => wafResource(c, 'webacl'),
  'AWS::WAFv2::IPSet': (c) => wafResource(c, 'ipset'),
  // Ref only: `{stack}-{logicalId}-{HASH12}` (AWS returns a generated statement id).
  'AWS::Lambda::Permission': (c) => refOnly(generatedName(c)),
  // Ref only: a 7-character hashed id.
  'AWS::ApiGateway::Account': (c) => refOnly(shortId(c)),
  // API keys on $connect (local/template/api-keys.ts): Ref = APIKeyId = 10 lowercase characters, like API Gateway's.
  'AWS::ApiGateway::ApiKey': (c) => ({ ref: hashedId(seed(c), 10), attributes: { APIKeyId: hashedId(seed(c), 10) } }),
  'AWS::ApiGateway::UsagePlan': (c) => ({ ref: hashedId(seed(c), 6), attributes: { Id: hashedId(seed(c), 6) } }),
  'AWS::ApiGateway::UsagePlanKey': (c) => ({ ref: shortId(c), attributes: { Id: shortId(c) } }),
};

/** Types the local stack knows: it runs them, or reads them for what it runs (roles, permissions, log groups). */
export function isSupportedResourceType(type: string): boolean {
  return Object.hasOwn(RULES, type);
}

/**
 * The local id of a resource, or for a type the local stack does not emulate, a stand-in name: its Ref is
 * `{stack}-{logicalId}-{HASH12}` (CloudFormation's generated-name form, lowercased, since bucket and queue
 * names must be) and it has no attributes. The loader warns wherever such a value is used.
 */
export function physicalIdFor(context: PhysicalIdContext): PhysicalId {
  const rule = Object.hasOwn(RULES, context.type) ? RULES[context.type] : undefined;
  return rule === undefined ? refOnly(generatedName(context).toLowerCase()) : rule(context);
}
