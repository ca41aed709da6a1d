/** Condition intrinsics the shared helpers in cfn/types.ts do not cover (only the bootstrap uses them). */
import type { CfnObject, CfnValue } from '../../cfn/types.ts';

export const fnEquals = (left: CfnValue, right: CfnValue): CfnObject => ({ 'Fn::Equals': [left, right] });
export const fnIf = (condition: string, whenTrue: CfnValue, whenFalse: CfnValue): CfnObject => ({
  'Fn::If': [condition, whenTrue, whenFalse],
});
