import { TemplateError } from './errors.ts';
import { hashedId } from './hash.ts';
import { propertyReader, resourcesOfType } from './read-properties.ts';
import type { LocalResource, LocalTemplate } from './types.ts';
import { isMapping } from '../shared/is-mapping.ts';

/** One `AWS::ApiGateway::ApiKey`, and whether it opens this API's stage. */
export interface LocalApiKey {
  logicalId: string;
  /** Ref: the key id (`$context.identity.apiKeyId`) */
  id: string;
  name: string;
  /** `Value`, or for a key without one a stand-in generated value (40 characters, the same every start). */
  value: string;
  generated: boolean;
  /** enabled, and in a usage plan that names this API and stage */
  usable: boolean;
  /** why an unusable key does not open the stage */
  unusableBecause?: string;
  /** the covering usage plan's logical id and limits */
  usagePlan?: string;
  throttle?: { rateLimit: number; burstLimit: number };
  quota?: { limit: number; period: 'DAY' | 'WEEK' | 'MONTH' };
}

export interface LocalApiKeys {
  /** from `ApiKeySelectionExpression` (default `$request.header.x-api-key`) */
  source: 'HEADER' | 'AUTHORIZER';
  keys: LocalApiKey[];
  /** settings of usage plans read but not enforced, by name */
  warnings: string[];
}

const SELECTION: Record<string, LocalApiKeys['source']> = {
  '$request.header.x-api-key': 'HEADER',
  '$context.authorizer.usageIdentifierKey': 'AUTHORIZER',
};
const PERIODS = ['DAY', 'WEEK', 'MONTH'] as const;
const isTrue = (value: unknown) => value === true || value === 'true';

interface UsagePlan {
  logicalId: string;
  throttle?: LocalApiKey['throttle'];
  quota?: LocalApiKey['quota'];
}

/**
 * The template's API keys for this API's stage (docs/aws-behaviour.md#apigw-api-keys): a key counts only when it is
 * `Enabled` (CloudFormation's default is false) and an `AWS::ApiGateway::UsagePlanKey` puts it in a usage plan whose
 * `ApiStages` name this API and stage. API Gateway lets a key be in one usage plan per stage, so two covering plans
 * are a template error, as CreateUsagePlanKey refuses the second.
 */
export function apiKeysFromTemplate(template: LocalTemplate, apiId: string, stage: string): LocalApiKeys {
  const [api] = resourcesOfType(template, 'AWS::ApiGatewayV2::Api');
  const expression = api ? propertyReader(api).optionalString('ApiKeySelectionExpression') : undefined;
  const source = SELECTION[expression ?? '$request.header.x-api-key'];
  if (source === undefined) {
    throw new TemplateError(
      `Resources.${api?.logicalId}.Properties.ApiKeySelectionExpression: ${JSON.stringify(expression)} must be $request.header.x-api-key or $context.authorizer.usageIdentifierKey`,
    );
  }
  const warnings: string[] = [];
  for (const route of resourcesOfType(template, 'AWS::ApiGatewayV2::Route')) {
    const read = propertyReader(route);
    if (isTrue(read.raw('ApiKeyRequired')) && read.raw('RouteKey') !== '$connect') {
      warnings.push(
        `Resources.${route.logicalId}.Properties.ApiKeyRequired (AWS::ApiGatewayV2::Route): API Gateway checks API keys on $connect only (its docs offer the setting for $connect); not checked on route ${JSON.stringify(read.raw('RouteKey'))} locally`,
      );
    }
  }
  const plans = new Map<string, UsagePlan>();
  for (const plan of resourcesOfType(template, 'AWS::ApiGateway::UsagePlan')) {
    const covering = coveringPlan(plan, apiId, stage, warnings);
    if (covering) plans.set(template.physicalIds.get(plan.logicalId)?.ref ?? '', covering);
  }
  const planOfKey = new Map<string, UsagePlan>();
  for (const link of resourcesOfType(template, 'AWS::ApiGateway::UsagePlanKey')) {
    const read = propertyReader(link);
    const keyType = read.string('KeyType');
    if (keyType !== 'API_KEY')
      throw new TemplateError(
        `Resources.${link.logicalId}.Properties.KeyType: must be API_KEY, got ${JSON.stringify(keyType)}`,
      );
    const plan = plans.get(read.string('UsagePlanId'));
    if (plan === undefined) continue;
    const keyId = read.string('KeyId');
    const earlier = planOfKey.get(keyId);
    if (earlier !== undefined && earlier.logicalId !== plan.logicalId) {
      throw new TemplateError(
        `Resources.${link.logicalId}: API key ${keyId} is already in usage plan ${earlier.logicalId} for stage ${stage}; API Gateway allows one usage plan per key and stage`,
      );
    }
    planOfKey.set(keyId, plan);
  }
  const keys = resourcesOfType(template, 'AWS::ApiGateway::ApiKey').map((key) => readKey(template, key, planOfKey));
  const values = new Map<string, string>();
  for (const key of keys) {
    const other = values.get(key.value);
    if (other !== undefined)
      throw new TemplateError(
        `Resources.${key.logicalId}.Properties.Value: the same value as ${other}; API key values are unique`,
      );
    values.set(key.value, key.logicalId);
  }
  return { source, keys, warnings };
}

function readKey(template: LocalTemplate, key: LocalResource, planOfKey: Map<string, UsagePlan>): LocalApiKey {
  const read = propertyReader(key);
  const id = template.physicalIds.get(key.logicalId)?.ref ?? '';
  const written = read.optionalString('Value');
  if (written !== undefined && written.length < 20) {
    throw new TemplateError(
      `Resources.${key.logicalId}.Properties.Value: an API key value is at least 20 characters, got ${written.length}`,
    );
  }
  const seed = ['AWS::AccountId', 'AWS::Region', 'AWS::StackName'].map((name) => template.pseudoParameters[name]);
  // API Gateway makes up 40 random characters; locally a hash of the stack and logical id, so the key survives restarts.
  const value = written ?? hashedId(`${seed.join('/')}/${key.logicalId}/api-key-value`, 40);
  const enabled = isTrue(read.raw('Enabled'));
  const plan = planOfKey.get(id);
  const unusableBecause = !enabled
    ? 'not Enabled (CloudFormation creates keys disabled unless Enabled: true)'
    : plan === undefined
      ? 'in no usage plan that covers this API and stage'
      : undefined;
  return {
    logicalId: key.logicalId,
    id,
    name: read.optionalString('Name') ?? key.logicalId,
    value,
    generated: written === undefined,
    usable: unusableBecause === undefined,
    ...(unusableBecause ? { unusableBecause } : {}),
    ...(plan ? { usagePlan: plan.logicalId } : {}),
    ...(plan?.throttle ? { throttle: plan.throttle } : {}),
    ...(plan?.quota ? { quota: plan.quota } : {}),
  };
}

/** The plan, when one of its ApiStages is this API's stage. */
function coveringPlan(plan: LocalResource, apiId: string, stage: string, warnings: string[]): UsagePlan | undefined {
  const read = propertyReader(plan);
  const where = `Resources.${plan.logicalId}.Properties`;
  const stages = read.records('ApiStages').filter((entry) => entry['ApiId'] === apiId && entry['Stage'] === stage);
  if (stages.length === 0) return undefined;
  for (const entry of stages) {
    if (entry['Throttle'] !== undefined)
      warnings.push(
        `${where}.ApiStages[].Throttle (AWS::ApiGateway::UsagePlan): per-method throttling is not emulated (the plan's Throttle is)`,
      );
  }
  const throttle = read.raw('Throttle');
  const quota = read.raw('Quota');
  return {
    logicalId: plan.logicalId,
    ...(throttle === undefined ? {} : { throttle: throttleOf(`${where}.Throttle`, throttle) }),
    ...(quota === undefined ? {} : { quota: quotaOf(`${where}.Quota`, quota, warnings) }),
  };
}

function throttleOf(where: string, value: unknown): { rateLimit: number; burstLimit: number } {
  if (!isMapping(value)) throw new TemplateError(`${where}: must be a mapping of RateLimit and BurstLimit`);
  const rateLimit = Number(value['RateLimit'] ?? 0);
  const burstLimit = Number(value['BurstLimit'] ?? 0);
  if (!(Number.isFinite(rateLimit) && rateLimit >= 0 && Number.isInteger(burstLimit) && burstLimit >= 0)) {
    throw new TemplateError(
      `${where}: RateLimit must be a number >= 0 and BurstLimit an integer >= 0, got ${JSON.stringify(value)}`,
    );
  }
  return { rateLimit, burstLimit };
}

function quotaOf(
  where: string,
  value: unknown,
  warnings: string[],
): { limit: number; period: 'DAY' | 'WEEK' | 'MONTH' } {
  if (!isMapping(value)) throw new TemplateError(`${where}: must be a mapping of Limit, Period and Offset`);
  const limit = Number(value['Limit']);
  const period = value['Period'];
  if (!Number.isInteger(limit) || limit < 0 || !PERIODS.includes(period as (typeof PERIODS)[number])) {
    throw new TemplateError(
      `${where}: Limit must be an integer >= 0 and Period one of ${PERIODS.join(', ')}, got ${JSON.stringify(value)}`,
    );
  }
  if (value['Offset'] !== undefined && Number(value['Offset']) !== 0)
    warnings.push(
      `${where}.Offset (AWS::ApiGateway::UsagePlan): not emulated: quota periods start at 00:00 UTC (weeks on Monday)`,
    );
  return { limit, period: period as 'DAY' | 'WEEK' | 'MONTH' };
}
