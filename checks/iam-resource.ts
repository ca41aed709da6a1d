/**
 * When is an IAM `Resource` value a wildcard grant?
 *
 * Rule (judgement, kept simple): `*` is flagged when it widens the grant beyond one named
 * resource, i.e.
 * - a bare `*`, or `*` in any value that is not an ARN;
 * - `*` in the partition, service, region or account field of an ARN;
 * - `*` in the resource type or the resource name: the first two segments of the resource
 *   part (`table/*`, `function:*`, `log-group:*`); for services whose resource part starts
 *   with the name itself (S3 bucket, execute-api API id, SQS queue, SNS topic), the first.
 * A `*` further right stays inside one named resource and is allowed:
 * `table/Name/index/*`, `execution:MachineName:*`, `log-group:/aws/lambda/fn:*`,
 * `${Api}/*` (all stages/routes of one API), `bucket/*` (objects of one bucket).
 * `${...}` Sub placeholders count as concrete values (they resolve to one name at deploy time).
 */
import type { CfnValue } from '../cfn/types.ts';
import { isIntrinsic, isPlainObject } from './cfn-values.ts';

/** Services whose ARN resource part begins with the resource's own name, not a type. */
const NAME_FIRST_SERVICES = ['s3', 'execute-api', 'sqs', 'sns'];

const ARN_FIELDS = ['partition', 'service', 'region', 'account'];

/**
 * The literal text of a Resource entry: a string, the template of an `Fn::Sub`, or an
 * `Fn::Join` of strings with other intrinsics shown as `${...}`. Undefined for other intrinsics
 * (`Ref`, `Fn::GetAtt`, ... name one concrete resource).
 */
export function literalText(value: CfnValue): string | undefined {
  if (typeof value === 'string') return value;
  if (!isPlainObject(value) || !isIntrinsic(value)) return undefined;
  const sub = value['Fn::Sub'];
  if (typeof sub === 'string') return sub;
  if (Array.isArray(sub) && typeof sub[0] === 'string') return sub[0];
  const join = value['Fn::Join'];
  if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) {
    return join[1].map((part) => (typeof part === 'string' ? part : '${...}')).join(join[0]);
  }
  return undefined;
}

/** Why `text` is a wildcard grant, or undefined when it is scoped to one named resource. */
export function wildcardReason(text: string): string | undefined {
  if (text.trim() === '*') return "bare '*'";
  const concrete = text.replace(/\$\{[^}]*\}/g, 'x');
  if (!concrete.includes('*')) return undefined;
  const fields = concrete.split(':');
  if (fields[0] !== 'arn' || fields.length < 6) return "'*' in a value that is not an ARN";
  for (const [i, name] of ARN_FIELDS.entries()) {
    if (fields[i + 1]!.includes('*')) return `'*' in the ${name} field`;
  }
  const segments = fields
    .slice(5)
    .join(':')
    .split(/[/:]/)
    .filter((s) => s !== '');
  const nameFirst = NAME_FIRST_SERVICES.includes(fields[2]!);
  const positions = nameFirst ? ['resource name'] : ['resource type', 'resource name'];
  for (const [i, position] of positions.entries()) {
    if (segments[i]?.includes('*')) return `'*' in the ${position}`;
  }
  return undefined;
}
