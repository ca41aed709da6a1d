/**
 * The one error type of the VTL engine: template syntax errors and failures while
 * rendering (a Java exception in API Gateway terms, which makes the integration fail).
 * Messages name the template line, so a user can find the faulty spot.
 */
export class VtlError extends Error {
  override readonly name = 'VtlError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** `line N: <text of that line>`, or '' when the line is unknown or out of range. */
export function describeLine(template: string, line: number | undefined): string {
  if (line === undefined || !Number.isInteger(line) || line < 1) return '';
  const text = template.split(/\r\n|\r|\n/)[line - 1];
  return text === undefined ? '' : `line ${line}: ${text.trim()}`;
}

/**
 * An error thrown by an emulated Java method (a Java exception in real Velocity). The
 * engine turns it into a VtlError that names the template line.
 */
export class JavaMethodError extends Error {
  override readonly name = 'JavaMethodError';
}
