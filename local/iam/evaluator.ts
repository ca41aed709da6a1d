import { accessDeniedMessage, callerName, denialLogLine, suggestedStatement } from './denial.ts';
import { simulate } from './simulate.ts';
import type { IamDecision, IamEvaluator, IamRequest, LocalRole, TemplatePolicies } from './types.ts';

export interface IamEvaluatorOptions {
  policies: TemplatePolicies;
  /** The stack's account: same-account requests need an Allow in the identity OR the resource policy. */
  accountId: string;
  region: string;
  log: (line: string, level?: 'warn') => void;
  /** Decisions kept for repeated identical requests (every message of a route asks the same question). @default 1000 */
  cacheSize?: number;
  /**
   * Told of each decision made (not of answers from the cache): what `npm run iam` reads back as a run's usage.
   * Unevaluated calls (a role outside the template) are not decisions and are not reported.
   */
  onDecision?: (request: IamRequest, role: LocalRole | undefined, decision: IamDecision) => void;
}

/**
 * IAM wildcards: a request resource is a name, never a pattern (IAM User Guide, "IAM JSON policy elements:
 * Resource"); only actions IAM authorizes on all resources (ListTables, …) are asked about `*` itself.
 */
const isPattern = (resource: string) => resource !== '*' && /[*?]/.test(resource);
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\//;
/** Control characters: no ARN has one, and the decision cache separates its key parts with newlines. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds.
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * Evaluates calls made on behalf of the template's roles (and by AWS services against the functions'
 * resource policies) with iam-simulate. Decisions are cached per request (principal, action, resource,
 * context); every denial is logged, naming the caller, the action, the resource and what would allow it.
 */
export function createIamEvaluator(options: IamEvaluatorOptions): IamEvaluator {
  const roles = new Map<string, LocalRole>(options.policies.roles.map((role) => [role.arn, role]));
  const cache = new Map<string, IamDecision>();
  const cacheSize = options.cacheSize ?? 1000;
  const warned = new Set<string>();
  const warnOnce = (line: string) => {
    if (!warned.has(line)) {
      warned.add(line);
      options.log(line, 'warn');
    }
  };

  async function decide(request: IamRequest, role: LocalRole | undefined): Promise<IamDecision> {
    const denied = (reason: 'invalid-request', message: string): IamDecision => ({
      allowed: false,
      reason,
      message,
      missingConditionKeys: [],
    });
    if (isPattern(request.resource))
      return denied(
        'invalid-request',
        `resource ${JSON.stringify(request.resource)} contains an IAM wildcard; a request names one resource`,
      );
    if (CONTROL.test(request.resource))
      return denied(
        'invalid-request',
        `resource ${JSON.stringify(request.resource)} contains control characters; no ARN does`,
      );
    if (role === undefined && ROLE_ARN.test(request.principal)) {
      return {
        allowed: true,
        statement: undefined,
        unevaluated: `role ${request.principal} is not defined in this template`,
      };
    }
    const isLambda = request.action.toLowerCase().startsWith('lambda:');
    const resourcePolicy = isLambda ? options.policies.functionPolicies.get(request.resource) : undefined;
    const outcome = await simulate({
      principal: request.principal,
      action: request.action,
      resource: request.resource,
      accountId: request.resource.split(':')[4] || options.accountId,
      context: { ...baseContext(request, role, options.region), ...request.context },
      identityPolicies: role?.policies ?? [],
      resourcePolicy,
    });
    if (outcome.kind === 'invalid')
      return denied('invalid-request', `iam-simulate could not evaluate the request: ${outcome.message}`);
    const { missingConditionKeys } = outcome;
    if (outcome.result === 'Allowed') return { allowed: true, statement: outcome.statement };
    const policyType =
      role === undefined || outcome.statement?.policy === 'resource-based policy' ? 'resource-based' : 'identity-based';
    const explicit = outcome.result === 'ExplicitlyDenied';
    const message = accessDeniedMessage(request, callerName(request, role), explicit, policyType);
    return explicit
      ? {
          allowed: false,
          reason: 'explicit-deny',
          message,
          ...(outcome.statement ? { statement: outcome.statement } : {}),
          missingConditionKeys,
        }
      : {
          allowed: false,
          reason: 'implicit-deny',
          message,
          wouldAllow: suggestedStatement(request, role),
          missingConditionKeys,
        };
  }

  async function authorize(request: IamRequest): Promise<IamDecision> {
    const role = roles.get(request.principal);
    // Newlines separate the parts: none occurs in an ARN, an action or a session name (a resource with one is refused).
    const key = `${request.principal}\n${request.action}\n${request.resource}\n${request.sessionName ?? ''}\n${request.context ? JSON.stringify(request.context) : ''}`;
    let decision = cache.get(key);
    if (decision === undefined) {
      decision = await decide(request, role);
      if (cache.size >= cacheSize) cache.clear();
      cache.set(key, decision);
      if (decision.allowed && decision.unevaluated)
        warnOnce(
          `not evaluated: ${request.action} on ${request.resource}: ${decision.unevaluated}; the call goes ahead`,
        );
      else options.onDecision?.(request, role, decision);
    }
    if (!decision.allowed) options.log(denialLogLine(request, role, decision), 'warn');
    return decision;
  }

  return {
    authorize,
    role: (roleArn) => roles.get(roleArn),
    async canAssume(roleArn, servicePrincipal) {
      const role = roles.get(roleArn);
      if (role === undefined) return true; // not in the template: nothing to evaluate (named when its calls are)
      if (role.trustPolicy === undefined) return false;
      const outcome = await simulate({
        principal: servicePrincipal,
        action: 'sts:AssumeRole',
        resource: roleArn,
        accountId: options.accountId,
        context: {},
        identityPolicies: [],
        resourcePolicy: role.trustPolicy,
      });
      const allowed = outcome.kind === 'decided' && outcome.result === 'Allowed';
      if (!allowed)
        options.log(
          `${servicePrincipal} cannot assume role ${role.logicalId} (${roleArn}): its AssumeRolePolicyDocument does not allow sts:AssumeRole for that service`,
          'warn',
        );
      return allowed;
    },
  };
}

/**
 * Global condition keys the local stack knows for every request (IAM User Guide, "AWS global condition
 * context keys"). Others (aws:SourceIp, aws:CurrentTime, tags, …) are absent: a condition on them is
 * false (or true with …IfExists) and the denial names them.
 */
function baseContext(request: IamRequest, role: LocalRole | undefined, defaultRegion: string): Record<string, string> {
  const region = request.resource.split(':')[3] || defaultRegion;
  const context: Record<string, string> = { 'aws:RequestedRegion': region, 'aws:SecureTransport': 'true' };
  if (role !== undefined) {
    context['aws:PrincipalArn'] = role.arn;
    context['aws:PrincipalAccount'] = role.arn.split(':')[4] ?? '';
    context['aws:PrincipalType'] = 'AssumedRole';
  }
  return context;
}
