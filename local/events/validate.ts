/** A builder was given input that no real API Gateway event could carry. */
export class EventInputError extends TypeError {
  override readonly name = 'EventInputError';
}

const show = (value: unknown): string => {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value == null) return String(value);
  return Object.prototype.toString.call(value);
};

function fail(builder: string, field: string, value: unknown, rule: string): never {
  throw new EventInputError(`${builder}: input.${field} must be ${rule}, got ${show(value)}`);
}

const isPair = (p: unknown): boolean =>
  Array.isArray(p) && p.length === 2 && typeof p[0] === 'string' && typeof p[1] === 'string';

/** Checks one input object field by field; every message names the builder, field, value and rule. */
class InputChecker {
  constructor(
    private readonly builder: string,
    private readonly input: object,
  ) {}

  private read(field: string): unknown {
    return (this.input as Record<string, unknown>)[field];
  }

  nonEmptyString(field: string): void {
    const value = this.read(field);
    if (typeof value !== 'string' || value === '') fail(this.builder, field, value, 'a non-empty string');
  }

  string(field: string): void {
    const value = this.read(field);
    if (typeof value !== 'string') fail(this.builder, field, value, 'a string');
  }

  epochMillis(field: string): void {
    const value = this.read(field);
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
      fail(this.builder, field, value, 'a non-negative integer (epoch milliseconds)');
    }
  }

  closeCode(field: string): void {
    const value = this.read(field);
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1000 || value > 4999) {
      fail(this.builder, field, value, 'a WebSocket close code (integer 1000-4999)');
    }
  }

  pairs(field: string): void {
    const value = this.read(field);
    if (!Array.isArray(value) || !value.every(isPair))
      fail(this.builder, field, value, 'an array of [name, value] string pairs');
  }

  optionalString(field: string): void {
    const value = this.read(field);
    if (value !== undefined && typeof value !== 'string') fail(this.builder, field, value, 'a string when present');
  }

  optionalObject(field: string): void {
    const value = this.read(field);
    if (value !== undefined && (typeof value !== 'object' || value === null || Array.isArray(value))) {
      fail(this.builder, field, value, 'a plain object when present');
    }
  }
}

const COMMON_STRINGS = ['connectionId', 'requestId', 'stage', 'apiId', 'domainName', 'sourceIp'] as const;

/** The checks every event shares (connection and request facts). */
export function checkCommonInput(builder: string, input: object): InputChecker {
  const check = new InputChecker(builder, input);
  for (const field of COMMON_STRINGS) check.nonEmptyString(field);
  check.epochMillis('connectedAt');
  check.epochMillis('requestTimeEpoch');
  check.optionalString('userAgent');
  check.optionalObject('authorizer');
  return check;
}
