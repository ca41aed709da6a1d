/**
 * The CloudFormation intrinsics written in short form (`!Ref`, `!Sub`, ...): their names and the long-form key each
 * stands for. Shared by the `yaml` library's tags (./yaml.ts) and the template writer (./yaml-writer.ts).
 */
export const INTRINSIC_FUNCTIONS = [
  'Base64',
  'Cidr',
  'FindInMap',
  'GetAtt',
  'GetAZs',
  'ImportValue',
  'Join',
  'Select',
  'Split',
  'Sub',
  'Transform',
  'And',
  'Equals',
  'If',
  'Not',
  'Or',
  'Condition',
  'ToJsonString',
  'Length',
] as const;

export type IntrinsicName = 'Ref' | (typeof INTRINSIC_FUNCTIONS)[number];

/** Every short-form name, in the order the `yaml` library is given their tags (`Ref` first). */
export const INTRINSIC_NAMES: readonly IntrinsicName[] = ['Ref', ...INTRINSIC_FUNCTIONS];

/** The long-form key of a short-form tag: `Ref` and `Condition` are their own keys, the rest `Fn::<name>`. */
export const intrinsicKey = (name: IntrinsicName): string =>
  name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`;

/** `!GetAtt A.B` stands for `{ 'Fn::GetAtt': ['A', 'B'] }`: a pair of strings is written as one dotted scalar. */
export function isGetAttPair(value: unknown): value is [string, string] {
  return Array.isArray(value) && value.length === 2 && value.every((part) => typeof part === 'string');
}
