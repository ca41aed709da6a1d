/**
 * The distribution's AWS WAF web ACL (`DistributionConfig.WebACLId`), read for the local edge: IP set rules (one set
 * or an OrStatement of sets), rate-based rules per IP, AWS managed rule groups (named as not applied), Allow, Block
 * (with a custom response) and Count actions. Anything else a web ACL can hold is refused by name, so a template
 * never runs locally with a rule silently skipped. A web ACL that is not in the template (given by ARN) cannot be
 * read: a warning says so.
 */
import type { LocalWebAcl, WafAction, WafRule } from '../edge/index.ts';
import { TemplateError } from './errors.ts';
import { resourcesOfType } from './read-properties.ts';
import type { LocalResource, LocalTemplate } from './types.ts';

type Raw = Record<string, unknown>;
const isRaw = (value: unknown): value is Raw => typeof value === 'object' && value !== null && !Array.isArray(value);

export type DistributionWebAcl =
  | { kind: 'none' }
  | { kind: 'elsewhere'; warning: string }
  | { kind: 'applied'; acl: LocalWebAcl };

export function webAclFromTemplate(
  template: LocalTemplate,
  distributionId: string,
  webAclId: unknown,
): DistributionWebAcl {
  if (webAclId === undefined) return { kind: 'none' };
  const at = `Resources.${distributionId}.Properties.DistributionConfig.WebACLId`;
  const resource = resourcesOfType(template, 'AWS::WAFv2::WebACL').find(
    (acl) => template.physicalIds.get(acl.logicalId)?.attributes['Arn'] === webAclId,
  );
  if (resource === undefined) {
    return {
      kind: 'elsewhere',
      warning: `${at}: ${JSON.stringify(webAclId)} is not a web ACL of this template: its rules are not applied locally`,
    };
  }
  return { kind: 'applied', acl: readWebAcl(template, resource) };
}

function readWebAcl(template: LocalTemplate, resource: LocalResource): LocalWebAcl {
  const where = `Resources.${resource.logicalId}.Properties`;
  const properties = (resource.properties ?? {}) as Raw;
  if (properties['Scope'] !== 'CLOUDFRONT')
    throw new TemplateError(
      `${where}.Scope: a distribution's web ACL must have scope CLOUDFRONT (got ${JSON.stringify(properties['Scope'])})`,
    );
  const bodies = isRaw(properties['CustomResponseBodies']) ? properties['CustomResponseBodies'] : {};
  const action = (value: unknown, path: string): WafAction => readAction(value, path, bodies);
  const rules: WafRule[] = [];
  const notApplied: string[] = [];
  const raw = Array.isArray(properties['Rules']) ? (properties['Rules'] as unknown[]) : [];
  const ordered = raw
    .map((rule, index) => ({ rule: isRaw(rule) ? rule : {}, index }))
    .sort((a, b) => Number(a.rule['Priority']) - Number(b.rule['Priority']));
  for (const { rule, index } of ordered) {
    const path = `${where}.Rules[${index}]`;
    const name = String(rule['Name']);
    const statement = isRaw(rule['Statement']) ? rule['Statement'] : {};
    if (isRaw(statement['ManagedRuleGroupStatement'])) {
      notApplied.push(name);
      continue;
    }
    if (isRaw(statement['RateBasedStatement'])) {
      const rate = statement['RateBasedStatement'];
      const extra = Object.keys(rate).filter(
        (key) => !['Limit', 'EvaluationWindowSec', 'AggregateKeyType'].includes(key),
      );
      if (rate['AggregateKeyType'] !== 'IP' || extra.length > 0) {
        throw new TemplateError(
          `${path}.Statement.RateBasedStatement: only AggregateKeyType IP without ${extra.join(', ') || 'other keys'} is applied locally (got ${JSON.stringify(rate['AggregateKeyType'])})`,
        );
      }
      const limit = Number(rate['Limit']);
      const windowSeconds = Number(rate['EvaluationWindowSec'] ?? 300);
      if (!Number.isInteger(limit) || limit < 10)
        throw new TemplateError(
          `${path}.Statement.RateBasedStatement.Limit: must be an integer of at least 10, as AWS WAF demands (got ${JSON.stringify(rate['Limit'])})`,
        );
      if (![60, 120, 300, 600].includes(windowSeconds))
        throw new TemplateError(
          `${path}.Statement.RateBasedStatement.EvaluationWindowSec: must be 60, 120, 300 or 600 (got ${JSON.stringify(rate['EvaluationWindowSec'])})`,
        );
      rules.push({ kind: 'rate', name, action: action(rule['Action'], `${path}.Action`), limit, windowSeconds });
      continue;
    }
    const sets = ipSetArns(statement, `${path}.Statement`);
    rules.push({
      kind: 'ipSet',
      name,
      action: action(rule['Action'], `${path}.Action`),
      ranges: sets.flatMap((arn) => ipSetRanges(template, arn, `${path}.Statement`)),
    });
  }
  return {
    name: String(properties['Name']),
    defaultAction: action(properties['DefaultAction'], `${where}.DefaultAction`),
    rules,
    notApplied,
  };
}

function ipSetArns(statement: Raw, path: string): unknown[] {
  if (isRaw(statement['IPSetReferenceStatement'])) return [statement['IPSetReferenceStatement']['Arn']];
  const or = statement['OrStatement'];
  if (
    isRaw(or) &&
    Array.isArray(or['Statements']) &&
    or['Statements'].every((s) => isRaw(s) && isRaw(s['IPSetReferenceStatement']))
  ) {
    return (or['Statements'] as Raw[]).map((s) => (s['IPSetReferenceStatement'] as Raw)['Arn']);
  }
  throw new TemplateError(
    `${path}: ${Object.keys(statement).join(', ') || 'an empty statement'} is not applied locally (the local edge applies IP sets, an OrStatement of IP sets, rate-based rules per IP; managed rule groups are named as not applied)`,
  );
}

function ipSetRanges(template: LocalTemplate, arn: unknown, path: string): string[] {
  const set = resourcesOfType(template, 'AWS::WAFv2::IPSet').find(
    (candidate) => template.physicalIds.get(candidate.logicalId)?.attributes['Arn'] === arn,
  );
  if (set === undefined)
    throw new TemplateError(
      `${path}: ${JSON.stringify(arn)} is not an IP set of this template (IP sets made elsewhere cannot be read locally)`,
    );
  const addresses = ((set.properties ?? {}) as Raw)['Addresses'];
  if (
    !Array.isArray(addresses) ||
    !addresses.every((a) => typeof a === 'string' && /^[0-9a-fA-F.:]+\/\d{1,3}$/.test(a))
  ) {
    throw new TemplateError(
      `Resources.${set.logicalId}.Properties.Addresses: must be a list of CIDR ranges (got ${JSON.stringify(addresses)})`,
    );
  }
  return (addresses as string[]).map((a) => a.toLowerCase());
}

function readAction(value: unknown, path: string, bodies: Raw): WafAction {
  if (!isRaw(value)) throw new TemplateError(`${path}: must be an action (got ${JSON.stringify(value)})`);
  if (isRaw(value['Allow'])) return { kind: 'allow' };
  if (isRaw(value['Count'])) return { kind: 'count' };
  if (!isRaw(value['Block']))
    throw new TemplateError(
      `${path}: ${Object.keys(value).join(', ')} is not applied locally (Allow, Block and Count are)`,
    );
  const custom = value['Block']['CustomResponse'];
  if (!isRaw(custom)) return { kind: 'block' };
  const key = custom['CustomResponseBodyKey'];
  const body = key === undefined ? undefined : bodies[String(key)];
  if (key !== undefined && !isRaw(body))
    throw new TemplateError(
      `${path}.Block.CustomResponse.CustomResponseBodyKey: ${JSON.stringify(key)} is not in CustomResponseBodies`,
    );
  const headers = Array.isArray(custom['ResponseHeaders'])
    ? (custom['ResponseHeaders'] as Raw[]).map((h) => [String(h['Name']), String(h['Value'])] as [string, string])
    : [];
  return {
    kind: 'block',
    response: {
      status: Number(custom['ResponseCode']),
      headers,
      ...(isRaw(body) ? { body: { contentType: String(body['ContentType']), content: String(body['Content']) } } : {}),
    },
  };
}
