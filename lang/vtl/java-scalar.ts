import { javaEquals } from './java-operators.ts';

/**
 * Methods of java.lang.Integer/Long/Double/Boolean for numbers and booleans, so that a
 * template never reaches JavaScript's Number/Boolean methods (velocityjs's own handlers
 * even throw a TypeError on primitives for names starting with get/is/set).
 */
export function callScalarMethod(value: number | boolean, method: string, args: unknown[]): unknown {
  if (args.length === 1 && method === 'equals') return javaEquals(value, args[0]) && typeof args[0] === typeof value;
  if (args.length !== 0) return undefined;
  if (method === 'toString') return String(value);
  if (typeof value === 'boolean') return method === 'booleanValue' ? value : undefined;
  switch (method) {
    case 'intValue':
    case 'longValue':
      return Math.trunc(value);
    case 'doubleValue':
      return value;
    default:
      return undefined;
  }
}
