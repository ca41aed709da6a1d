import type { MethodDispatch } from '../method-handlers.ts';
import type { VelocityAst } from '../velocity-types.ts';
import { compileBlock, compileSet } from './blocks.ts';
import { compileExpression, compileLiteral } from './expressions.ts';
import { compileReference } from './references.ts';
import { type Render, RenderState, renderList } from './render-state.ts';
import type { CompileScope } from './scope.ts';
import { UnsupportedConstruct, refuseDeepNesting } from './unsupported.ts';

/** A template compiled to closures: renders a prepared context exactly as velocityjs with ApiGatewayCompile would. */
export type CompiledTemplate = (context: Record<string, unknown>, silence: boolean, methods: MethodDispatch) => string;

export type CompileResult = { compiled: CompiledTemplate } | { unsupported: string };

/**
 * Compiles a parsed template (parse-template.ts) to a tree of closures, once. No JavaScript source is generated,
 * so template text never becomes code. A template using a construct outside the compiled subset gets
 * `unsupported` with the construct's name, and keeps the velocityjs path.
 */
export function compileTemplate(asts: readonly unknown[], template: string): CompileResult {
  try {
    refuseDeepNesting(asts);
    const scope = makeScope(template, collectDefineNames(asts), false);
    const items = scope.list(asts);
    return {
      compiled: (context, silence, methods) => renderList(items, new RenderState(context, silence, methods)),
    };
  } catch (e) {
    if (e instanceof UnsupportedConstruct) return { unsupported: e.message };
    // Anything else (a template nested deeper than the compiler's stack) is left to velocityjs too, named.
    return { unsupported: `not compiled: ${e instanceof Error ? e.message : String(e)}` };
  }
}

function makeScope(template: string, defineNames: ReadonlySet<string>, insideDefine: boolean): CompileScope {
  const scope: CompileScope = {
    template,
    defineNames,
    insideDefine,
    literal: (ast) => compileLiteral(ast, scope),
    expression: (ast) => compileExpression(ast, scope),
    list: (nodes) => nodes.map((node) => compileNode(node, scope)),
    insideDefineBody: () => makeScope(template, defineNames, true),
  };
  return scope;
}

/** velocityjs's renderAstList cases, one per node. */
function compileNode(node: unknown, scope: CompileScope): Render {
  if (typeof node === 'string') return () => node;
  if (Array.isArray(node)) return compileBlock(node, scope);
  const ast = node as VelocityAst & { type: string; value?: unknown; id?: unknown; args?: unknown };
  switch (ast.type) {
    case 'references':
      return compileReference(ast as Extract<VelocityAst, { type: 'references' }>, scope).render;
    case 'set':
      return compileSet(ast as Extract<VelocityAst, { type: 'set' }>, scope);
    case 'break':
      return (state) => {
        state.broken = true;
        return '';
      };
    case 'comment':
      return () => '';
    case 'raw': {
      const text = String(ast.value);
      return () => text;
    }
    case 'macro_call':
      if (ast.id === 'stop' && (ast.args === undefined || (Array.isArray(ast.args) && ast.args.length === 0))) {
        return (state) => {
          state.stopped = true;
          return '';
        };
      }
      throw new UnsupportedConstruct(`macro call #${String(ast.id)}()`);
    default:
      throw new UnsupportedConstruct(`directive ${JSON.stringify(ast.type)}`);
  }
}

/** The `#define` names of a template (its interpolated strings may not define: see compileBlock). */
function collectDefineNames(nodes: readonly unknown[], names = new Set<string>()): Set<string> {
  for (const node of nodes) {
    if (!Array.isArray(node)) continue;
    const head = node[0] as { type?: unknown; id?: unknown } | undefined;
    if (head?.type === 'define' && typeof head.id === 'string') names.add(head.id);
    collectDefineNames(node, names);
  }
  return names;
}
