/**
 * CloudFormation template model in JSON long form (`{ Ref: 'X' }`, `{ 'Fn::GetAtt': ['A', 'B'] }`).
 * Short-form tags (`!Ref`, `!Sub`, ...) exist only at the YAML boundary (see ./yaml.ts).
 */
export type CfnValue = string | number | boolean | null | CfnValue[] | { [key: string]: CfnValue };

export type CfnObject = { [key: string]: CfnValue };

export interface CfnResource {
  Type: string;
  DependsOn?: string[];
  Metadata?: CfnObject;
  Properties?: CfnObject;
  Condition?: string;
  DeletionPolicy?: 'Delete' | 'Retain' | 'RetainExceptOnCreate' | 'Snapshot';
  UpdateReplacePolicy?: 'Delete' | 'Retain' | 'Snapshot';
}

export interface CfnParameter {
  Type: string;
  Default?: string;
  Description?: string;
  AllowedPattern?: string;
  ConstraintDescription?: string;
  AllowedValues?: string[];
  /** Masked by CloudFormation in its console, API answers and events: for secrets. */
  NoEcho?: boolean;
  MinLength?: number;
  MaxLength?: number;
}

export interface CfnOutput {
  Description?: string;
  Value: CfnValue;
  Export?: CfnObject;
}

export interface CfnTemplate {
  AWSTemplateFormatVersion: '2010-09-09';
  Transform?: string;
  Description?: string;
  Metadata?: CfnObject;
  Globals?: CfnObject;
  Parameters?: Record<string, CfnParameter>;
  Resources: Record<string, CfnResource>;
  Outputs?: Record<string, CfnOutput>;
}

/** Intrinsic constructors, so code never spells `'Fn::GetAtt'` by hand. */
export const ref = (logicalId: string): CfnObject => ({ Ref: logicalId });
export const getAtt = (logicalId: string, attribute: string): CfnObject => ({
  'Fn::GetAtt': [logicalId, attribute],
});
export const sub = (text: string, variables?: Record<string, CfnValue>): CfnObject =>
  variables === undefined ? { 'Fn::Sub': text } : { 'Fn::Sub': [text, variables] };
export const join = (separator: string, parts: CfnValue[]): CfnObject => ({
  'Fn::Join': [separator, parts],
});
