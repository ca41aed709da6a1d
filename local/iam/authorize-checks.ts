import type { RequestAuthorizations } from './requests/types.ts';
import type { IamDecision, IamEvaluator, IamRequest } from './types.ts';

type Caller = Pick<IamRequest, 'principal' | 'context' | 'sessionName'>;

/**
 * Every check of one request, in order; the first denial decides (AWS authorizes each action a request
 * needs, and one missing permission fails the whole request). An `unmapped` request is not evaluated:
 * `onUnmapped` names it, and it goes ahead for the service to answer.
 */
export async function authorizeChecks(
  evaluator: IamEvaluator,
  caller: Caller,
  authorizations: RequestAuthorizations,
  onUnmapped: (reason: string) => void,
): Promise<IamDecision> {
  if (authorizations.kind === 'unmapped') {
    onUnmapped(authorizations.reason);
    return { allowed: true, statement: undefined, unevaluated: authorizations.reason };
  }
  let last: IamDecision = { allowed: true, statement: undefined };
  for (const check of authorizations.checks) {
    last = await evaluator.authorize({ ...caller, ...check });
    if (!last.allowed) return last;
  }
  return last;
}
