/**
 * Tags, as AWS accepts them on every resource type the generator tags (API Gateway, Lambda, Step
 * Functions, DynamoDB, IAM roles, CloudWatch Logs, CloudFront). Rules from the AWS tagging guide
 * (tag-editor/latest/userguide/tagging.html: "Tag naming limits and requirements") and the IAM
 * `Tag` type (IAM API reference, API_Tag.html), which carries the character pattern:
 * - keys: 1-128 Unicode characters, not starting with `aws:` (in any case: AWS reserves the prefix);
 * - values: 0-256 Unicode characters;
 * - both: letters, digits, white space (Unicode categories L, N, Z) and `_ . : / = + - @`;
 * - at most 50 tags per resource; SAM adds one of its own (`lambda:createdBy`,
 *   `stateMachine:createdBy`) to functions, their roles and state machines, hence 49, and refuses
 *   those keys in a template;
 * - IAM treats keys that differ only in case as the same key (IAM User Guide, id_tags.html,
 *   "Case sensitivity"), and IAM roles get these tags.
 */
import { z } from 'zod';
import { codePoints } from './names.ts';
import { routesOfKind } from './route-kinds.ts';
import type { Route } from './routes.ts';
import { addProblem } from './add-problem.ts';

const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const SAM_TAG_KEYS = ['lambda:createdBy', 'stateMachine:createdBy'];
export const MAX_TAGS = 49;

/** What AWS finds wrong with a tag key, one rule per entry. */
function keyProblems(key: string): string[] {
  return [
    ...(codePoints(key) >= 1 && codePoints(key) <= 128 ? [] : ['must be a tag key of 1-128 characters']),
    ...(TAG_TEXT.test(key)
      ? []
      : ['must be a tag key of letters, digits, white space and _ . : / = + - @ (AWS tag pattern)']),
    ...(key.toLowerCase().startsWith('aws:') ? ['must not start with "aws:" (reserved by AWS, in any case)'] : []),
    ...(SAM_TAG_KEYS.includes(key) ? ['is a tag SAM sets itself on functions and state machines'] : []),
  ];
}

function valueProblems(value: string): string[] {
  return [
    ...(codePoints(value) <= 256 ? [] : ['must be a tag value of at most 256 characters']),
    ...(TAG_TEXT.test(value)
      ? []
      : ['must be a tag value of letters, digits, white space and _ . : / = + - @ (AWS tag pattern)']),
  ];
}

/**
 * Tags put on every taggable resource; every broken rule is reported, keys and values alike.
 * @default {} @example { team: 'charging', 'cost-center': '4711' }
 */
export const tagsSchema = z.record(z.string(), z.string()).superRefine((tags, ctx) => {
  const keys = Object.keys(tags);
  if (keys.length > MAX_TAGS) {
    addProblem(ctx, [], keys.length, `must hold at most ${MAX_TAGS} tags (AWS allows 50 per resource; SAM adds one)`);
  }
  const seen = new Map<string, string>();
  for (const [key, value] of Object.entries(tags)) {
    for (const message of keyProblems(key)) addProblem(ctx, [key], key, message);
    for (const message of valueProblems(value)) addProblem(ctx, [key], value, message);
    const earlier = seen.get(key.toLowerCase());
    if (earlier !== undefined) {
      addProblem(
        ctx,
        [key],
        key,
        `must differ from "${earlier}" in more than case (IAM roles treat tag keys case-insensitively)`,
      );
    }
    seen.set(key.toLowerCase(), key);
  }
});

/**
 * `AWS::StepFunctions::StateMachine` needs a non-empty tag value (its CloudFormation resource
 * schema: `TagsEntry.Value` minLength 1), though other types take empty values.
 */
export function stateMachineTagRules(
  tags: Record<string, string>,
  routes: Record<string, Route>,
  ctx: z.RefinementCtx,
): void {
  if (routesOfKind(routes, 'stepFunctions').length === 0) return;
  for (const [key, value] of Object.entries(tags)) {
    if (value === '')
      addProblem(
        ctx,
        ['tags', key],
        value,
        "must not be empty: the workflow routes' state machines refuse empty tag values",
      );
  }
}
