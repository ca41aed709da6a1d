import { toJavaString } from './java-print.ts';

/**
 * Velocity 1.7 operator semantics on Java values, where velocityjs uses JavaScript's:
 * integer division truncates (Java long division), a division or remainder by zero is
 * null, `+` concatenates when either side is a String and otherwise needs two numbers,
 * `==` compares numbers by value and other mixed types by their toString(), and only
 * null and false are false in conditions (an empty string or 0 is true).
 */
export type ArithmeticOperator = '+' | '-' | '*' | '/' | '%';

export function isArithmeticOperator(op: string): op is ArithmeticOperator {
  return op === '+' || op === '-' || op === '*' || op === '/' || op === '%';
}

export function javaTruthy(value: unknown): boolean {
  return value !== undefined && value !== null && value !== false;
}

export function javaEquals(left: unknown, right: unknown): boolean {
  const leftNull = left === undefined || left === null;
  const rightNull = right === undefined || right === null;
  if (leftNull || rightNull) return leftNull && rightNull;
  if (typeof left === 'number' && typeof right === 'number') return left === right;
  if (typeof left !== 'object' && typeof left === typeof right) return left === right;
  return toJavaString(left) === toJavaString(right);
}

/**
 * One arithmetic operation. `nullText` gives the text a null operand contributes to a
 * string concatenation (Velocity inserts the reference's literal text, or '' when the
 * engine renders undefined references as empty). Returns undefined for Velocity's null.
 */
export function javaArithmetic(
  op: ArithmeticOperator,
  left: unknown,
  right: unknown,
  nullText: (side: 0 | 1) => string,
): unknown {
  if (op === '+' && (typeof left === 'string' || typeof right === 'string')) {
    const text = (v: unknown, side: 0 | 1) => (v === undefined || v === null ? nullText(side) : toJavaString(v));
    return text(left, 0) + text(right, 1);
  }
  if (typeof left !== 'number' || typeof right !== 'number') return undefined;
  const integers = Number.isSafeInteger(left) && Number.isSafeInteger(right);
  switch (op) {
    case '+':
      return left + right;
    case '-':
      return left - right;
    case '*':
      return left * right;
    case '/':
      if (right === 0) return undefined;
      // BigInt division truncates toward zero exactly, as Java's long division does.
      return integers ? Number(BigInt(left) / BigInt(right)) : left / right;
    case '%':
      if (right === 0) return undefined;
      return left % right;
  }
}
