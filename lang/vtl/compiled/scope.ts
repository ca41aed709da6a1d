import type { VelocityAst } from '../velocity-types.ts';
import type { Evaluate, Render } from './render-state.ts';

/**
 * What the compilers of one template share: the template text (error messages name its lines), the names of its
 * `#define` blocks, whether the node being compiled sits inside one, and the compilers of the other node kinds
 * (passed here rather than imported, so the node kinds can refer to each other without an import cycle).
 */
export interface CompileScope {
  readonly template: string;
  readonly defineNames: ReadonlySet<string>;
  readonly insideDefine: boolean;
  literal(ast: VelocityAst): Evaluate;
  expression(ast: VelocityAst): Evaluate;
  /** Compiles a node list (a block's body, or an interpolated string's parsed text). */
  list(asts: readonly unknown[]): Render[];
  /** This scope for the body of a `#define`. */
  insideDefineBody(): CompileScope;
}
