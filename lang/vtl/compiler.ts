import { Compile, Helper } from 'velocityjs';
import { HostObject } from './host-object.ts';
import { getListProperty, getMapProperty } from './java-map.ts';
import { isArithmeticOperator, javaArithmetic, javaEquals, javaTruthy } from './java-operators.ts';
import { toJavaString } from './java-print.ts';
import { getStringProperty } from './java-string.ts';
import { isJavaMap } from './java-values.ts';
import { locateError } from './locate-error.ts';
import type { MethodDispatch } from './method-handlers.ts';
import type { Attribute, CompileConfig, ReferencesAst, VelocityAst } from './velocity-types.ts';

/** velocityjs's own implementations, for the cases left to it (its types omit them). */
type VelocityInternals = {
  getAttributes(this: Compile, property: Attribute, baseRef: unknown, ast: ReferencesAst): unknown;
  getPropMethod(this: Compile, property: MethodAttribute, baseRef: unknown, ast: ReferencesAst): unknown;
};
type MethodAttribute = { id: string; args?: VelocityAst[] | false };
/** The protected members velocityjs's own reference lookup uses (its types omit them). */
type ReferenceInternals = {
  defines: Record<string, VelocityAst[]>;
  context: Record<string, unknown>;
  silence: boolean;
  renderAstList(asts: VelocityAst[]): string;
  getLocal(ast: ReferencesAst): { value: unknown; isLocal: boolean };
  getLiteral(ast: VelocityAst): unknown;
  getPropMethod(property: ReferencesAst, baseRef: unknown, ast: ReferencesAst): unknown;
  isBlockedPathKey(baseRef: unknown, key: string): boolean;
  getAttributes(property: Attribute, baseRef: unknown, ast: ReferencesAst): unknown;
};
const velocityjs = Compile.prototype as unknown as VelocityInternals;

/**
 * velocityjs declares its evaluators as returning string, but they return any template
 * value (numbers, maps...). This is the one place that bridges the two.
 */
const asVelocityValue = (value: unknown): string => value as string;

/**
 * velocityjs's compiler with Velocity 1.7-on-Java semantics where they differ, done by
 * overriding its evaluation methods on a per-render instance (no global patching):
 * - arithmetic, `==`/`!=`, `&&`/`||`/`!` and `#if` follow java-operators.ts
 *   (`$ms / 1000` truncates like Java long division);
 * - printing a map or list uses Java's toString(), a null value renders like an undefined one;
 * - property access on strings, lists, maps and $input/$util follows Java bean rules
 *   instead of reading JavaScript members;
 * - an error thrown inside a reference names the reference and its template line.
 */
export class ApiGatewayCompile extends Compile {
  readonly #template: string;
  readonly #methods: MethodDispatch;

  constructor(asts: VelocityAst[], config: CompileConfig, template: string, methods: MethodDispatch) {
    super(asts, config);
    this.#template = template;
    this.#methods = methods;
  }

  /**
   * `$value.method(args)`: the value's Java methods (method-handlers.ts), called directly. velocityjs's own
   * version builds a payload object and asks a list of handlers in turn on every call: the largest single
   * function in a profile of rendering the `$connect` template. Values no Java class claims, and blocked keys, stay with it.
   */
  getPropMethod(property: MethodAttribute, baseRef: unknown, ast: ReferencesAst): unknown {
    const call = this.#methods(baseRef);
    const self = this as unknown as ReferenceInternals;
    if (call === undefined || self.isBlockedPathKey(baseRef, property.id))
      return velocityjs.getPropMethod.call(this, property, baseRef, ast);
    const args = property.args ? property.args.map((argument) => self.getLiteral(argument)) : [];
    return call(baseRef, property.id, args);
  }

  protected override getExpression(ast: VelocityAst): string {
    return asVelocityValue(this.#evaluate(ast));
  }

  #evaluate(ast: VelocityAst): unknown {
    if (ast.type !== 'math') return super.getExpression(ast);
    const [left, right] = ast.expression as [VelocityAst, VelocityAst];
    const value = (side: VelocityAst): unknown => this.getExpression(side);
    const op = ast.operator;
    if (isArithmeticOperator(op)) {
      const nullText = (side: 0 | 1) => this.#nullText(side === 0 ? left : right);
      return javaArithmetic(op, value(left), value(right), nullText);
    }
    switch (op) {
      case '==':
        return javaEquals(value(left), value(right));
      case '!=':
        return !javaEquals(value(left), value(right));
      case '&&':
        return javaTruthy(value(left)) && javaTruthy(value(right));
      case '||':
        return javaTruthy(value(left)) || javaTruthy(value(right));
      case 'not':
        return !javaTruthy(value(left));
      default:
        return super.getExpression(ast);
    }
  }

  /** The text a null operand adds to a string concatenation. */
  #nullText(ast: VelocityAst): string {
    return this.silence || ast.type !== 'references' ? '' : Helper.getRefText(ast);
  }

  /**
   * velocityjs's lookup without its first step, which builds the reference's full text (`$a.b($c)`) on every
   * evaluation to look it up as a context key: our context keys never start with `$`, so that lookup never
   * hits, and building the text was the largest single cost of a render. Escaping is off (config.escape false).
   */
  #lookUp(ast: ReferencesAst, isVal: boolean | undefined): unknown {
    const self = this as unknown as ReferenceInternals;
    if (ast.prue) {
      const define = self.defines[ast.id];
      if (Array.isArray(define)) return self.renderAstList(define);
    }
    const context = self.context;
    let value: unknown = self.isBlockedPathKey(context, ast.id) ? undefined : context[ast.id];
    const local = self.getLocal(ast);
    if (value !== undefined && ast.args !== undefined) value = self.getPropMethod(ast, context, ast);
    if (local.isLocal) value = local.value;
    for (const property of ast.path ?? []) value = self.getAttributes(property, value, ast);
    if (isVal && value === undefined) return this.silence || ast.leader === '$!' ? '' : Helper.getRefText(ast);
    return value;
  }

  protected override getReferences(ast: VelocityAst, isVal?: boolean): string {
    let value: unknown;
    try {
      value =
        ast.type === 'references' && this.config.escape !== true
          ? this.#lookUp(ast, isVal)
          : super.getReferences(ast, isVal);
    } catch (e) {
      throw locateError(e, ast, this.#template);
    }
    if (!isVal) return asVelocityValue(value);
    // A function can only be a JavaScript member reached by name; Java would find nothing.
    if (value === null || value === undefined || typeof value === 'function') {
      if (this.silence || ast.type !== 'references' || ast.leader === '$!') return '';
      return Helper.getRefText(ast);
    }
    return typeof value === 'object' ? toJavaString(value) : asVelocityValue(value);
  }

  /** Called by velocityjs for each `.name`, `.method()` and `[index]` step of a reference. */
  getAttributes(property: Attribute, baseRef: unknown, ast: ReferencesAst): unknown {
    if (property.type !== 'property' || baseRef === null || baseRef === undefined) {
      return velocityjs.getAttributes.call(this, property, baseRef, ast);
    }
    if (baseRef instanceof HostObject) return baseRef.getProperty(property.id);
    if (typeof baseRef === 'string') return getStringProperty(baseRef, property.id);
    if (Array.isArray(baseRef)) return getListProperty(baseRef, property.id);
    if (isJavaMap(baseRef)) return getMapProperty(baseRef, property.id);
    if (typeof baseRef !== 'object') return undefined;
    return velocityjs.getAttributes.call(this, property, baseRef, ast);
  }

  /** `#if/#elseif/#else` with Velocity's truthiness (only null and false are false). */
  getBlockIf(block: VelocityAst[]): string {
    let taken = false;
    const body: VelocityAst[] = [];
    for (const ast of block) {
      const isBranch = ast.type === 'if' || ast.type === 'elseif' || ast.type === 'else';
      if (!isBranch) {
        if (taken) body.push(ast);
        continue;
      }
      if (taken) break;
      taken =
        ast.type === 'else' ||
        javaTruthy(this.#evaluate((ast as Extract<VelocityAst, { condition: unknown }>).condition));
    }
    return this.renderAstList(body, this.contextId);
  }
}
