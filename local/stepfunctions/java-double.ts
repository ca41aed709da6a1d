/**
 * Step Functions' JSON 1.0 API writes timestamps as Java doubles of epoch seconds, e.g.
 * `1.652472014974E9` (Java `Double.toString`), and API Gateway hands that text to the client
 * unchanged. JavaScript's `JSON.stringify` would print `1652472014.974`, so such numbers are kept
 * as a marker type and written by `renderAwsJson`.
 */
export class JavaDouble {
  constructor(readonly value: number) {}
  toString(): string {
    return formatJavaDouble(this.value);
  }
}

/** A `Date` as Step Functions prints it: epoch seconds with millisecond fraction, as a Java double. */
export const epochSecondsOf = (date: Date): JavaDouble => new JavaDouble(date.getTime() / 1000);

/** Java `Double.toString` for finite numbers: scientific notation outside [1e-3, 1e7). */
export function formatJavaDouble(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`formatJavaDouble: value ${value} is not finite`);
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const sign = value < 0 ? '-' : '';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e-3 && magnitude < 1e7) {
    const plain = String(magnitude); // shortest round-trip digits, like Java's algorithm
    return sign + (plain.includes('.') ? plain : `${plain}.0`);
  }
  // toExponential() without an argument also gives the shortest round-trip digits.
  const [mantissa = '', exponent = '0'] = magnitude.toExponential().split('e');
  const javaMantissa = mantissa.includes('.') ? mantissa : `${mantissa}.0`;
  return `${sign}${javaMantissa}E${Number(exponent)}`;
}
