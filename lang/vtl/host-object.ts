/**
 * Base of the objects API Gateway puts in the template context ($input, $util).
 * Templates reach them only through `invoke` and `getProperty`, never through
 * JavaScript property lookup, so no JavaScript member (or velocityjs's added `eval`)
 * can leak into a template.
 */
export abstract class HostObject {
  /** The variable name, used when the object itself is printed. */
  protected abstract readonly variableName: string;

  /** Runs a template method call; undefined when the method does not exist. */
  abstract invoke(method: string, args: unknown[]): unknown;

  /** Reads a template property (`$input.body`); undefined when it does not exist. */
  getProperty(_name: string): unknown {
    return undefined;
  }

  toString(): string {
    return `$${this.variableName}`;
  }
}
