import { Helper, parse } from 'velocityjs';
import { isArithmeticOperator, javaArithmetic, javaEquals, javaTruthy } from '../java-operators.ts';
import type { VelocityAst } from '../velocity-types.ts';
import { compileReference } from './references.ts';
import { type Evaluate, type Render, type RenderState, renderList } from './render-state.ts';
import type { CompileScope } from './scope.ts';
import { UnsupportedConstruct, refuseDeepNesting } from './unsupported.ts';

type Node = VelocityAst & { type: string; value?: unknown };

/**
 * velocityjs's getExpression with ApiGatewayCompile's Java operators (compiler.ts): arithmetic, `==`, `!=`, `&&`,
 * `||` and `!` follow java-operators.ts; `<`, `>`, `<=`, `>=`, unary minus and parentheses keep JavaScript's.
 */
export function compileExpression(ast: VelocityAst, scope: CompileScope): Evaluate {
  if (ast.type !== 'math') return compileLiteral(ast, scope);
  const [leftAst, rightAst] = ast.expression as [VelocityAst, VelocityAst | undefined];
  const left = compileExpression(leftAst, scope);
  const right = (): Evaluate => {
    if (rightAst === undefined) throw new UnsupportedConstruct(`operator ${ast.operator} without a right operand`);
    return compileExpression(rightAst, scope);
  };
  const op = ast.operator;
  if (isArithmeticOperator(op)) {
    const r = right();
    const texts = [nullText(leftAst), nullText(rightAst as VelocityAst)] as const;
    return (state) => javaArithmetic(op, left(state), r(state), (side) => (state.silence ? '' : texts[side]));
  }
  switch (op) {
    case '==': {
      const r = right();
      return (state) => javaEquals(left(state), r(state));
    }
    case '!=': {
      const r = right();
      return (state) => !javaEquals(left(state), r(state));
    }
    case '&&': {
      const r = right();
      return (state) => javaTruthy(left(state)) && javaTruthy(r(state));
    }
    case '||': {
      const r = right();
      return (state) => javaTruthy(left(state)) || javaTruthy(r(state));
    }
    case 'not':
      return (state) => !javaTruthy(left(state));
    case '>': {
      const r = right();
      return (state) => (left(state) as number) > (r(state) as number);
    }
    case '<': {
      const r = right();
      return (state) => (left(state) as number) < (r(state) as number);
    }
    case '>=': {
      const r = right();
      return (state) => (left(state) as number) >= (r(state) as number);
    }
    case '<=': {
      const r = right();
      return (state) => (left(state) as number) <= (r(state) as number);
    }
    case 'minus':
      return (state) => -(left(state) as number);
    case 'parenthesis':
      return left;
    default:
      throw new UnsupportedConstruct(`operator ${JSON.stringify(op)}`);
  }
}

/** The text a null operand adds to a string concatenation when undefined references print literally. */
function nullText(ast: VelocityAst): string {
  return ast.type !== 'references' ? '' : Helper.getRefText(ast);
}

/** velocityjs's getLiteral: strings (interpolated when they hold `$` or `#`), numbers, lists, ranges, maps, booleans, references. */
export function compileLiteral(ast: VelocityAst, scope: CompileScope): Evaluate {
  const node = ast as Node;
  switch (node.type) {
    case 'string':
      return compileString(node as Extract<VelocityAst, { type: 'string' }>, scope);
    case 'integer': {
      const value = Number.parseInt(node.value as string, 10);
      return () => value;
    }
    case 'decimal': {
      const value = Number.parseFloat(node.value as string);
      return () => value;
    }
    case 'array':
      return 'isRange' in node && node.isRange === true
        ? compileRange(node.value as unknown[], scope)
        : compileList(node.value as VelocityAst[], scope);
    case 'map':
      return compileMap((node.value ?? {}) as Record<string, VelocityAst>, scope);
    case 'bool': {
      const value = ({ true: true, false: false, null: null } as Record<string, unknown>)[node.value as string];
      return () => value;
    }
    case 'references':
      return compileReference(node as Extract<VelocityAst, { type: 'references' }>, scope).value;
    default:
      throw new UnsupportedConstruct(`literal of type ${JSON.stringify(node.type)}`);
  }
}

/** A double-quoted string with `$` or `#` is a template of its own, parsed once here (velocityjs parses it per use). */
function compileString(ast: Extract<VelocityAst, { type: 'string' }>, scope: CompileScope): Evaluate {
  const text = ast.value;
  if (!ast.isEval || (!text.includes('#') && !text.includes('$'))) return () => text;
  let asts: unknown[];
  try {
    asts = parse(text);
  } catch {
    throw new UnsupportedConstruct('interpolated string that does not parse (velocityjs fails on it at render)');
  }
  refuseDeepNesting(asts);
  const items: Render[] = scope.list(asts);
  return (state: RenderState) => renderList(items, state, state.contextId);
}

function compileList(elements: VelocityAst[], scope: CompileScope): Evaluate {
  const items = elements.map((element) => compileLiteral(element, scope));
  return (state) => items.map((item) => item(state));
}

/** `[a..b]` with velocityjs's loose rules (kept as they are: a template can observe them). */
function compileRange(bounds: unknown[], scope: CompileScope): Evaluate {
  const ends = bounds.map((bound): Evaluate => {
    if (typeof bound === 'string') {
      const value = Number.parseInt(bound, 10);
      return () => value;
    }
    if (typeof bound === 'number') return () => bound;
    const node = bound as VelocityAst;
    if (node.type !== 'references') throw new UnsupportedConstruct(`range bound of type ${JSON.stringify(node.type)}`);
    return compileReference(node, scope).value;
  });
  if (ends.length !== 2) throw new UnsupportedConstruct('range without two bounds');
  const [from, to] = ends as [Evaluate, Evaluate];
  return (state) => {
    const begin = from(state) as number;
    const end = to(state) as number;
    if (Number.isNaN(begin) || Number.isNaN(end)) return [];
    const values: number[] = [];
    let i: number;
    if (begin < end) for (i = begin; i <= end; i++) values.push(i);
    else for (i = begin; i >= end; i--) values.push(i);
    return values;
  };
}

function compileMap(entries: Record<string, VelocityAst>, scope: CompileScope): Evaluate {
  const compiled = Object.keys(entries).map(
    (key) => [key, compileLiteral(entries[key] as VelocityAst, scope)] as const,
  );
  return (state) => {
    // A plain object, as velocityjs builds it (a `"__proto__"` key behaves as it does there).
    const map: Record<string, unknown> = {};
    for (const [key, value] of compiled) map[key] = value(state);
    return map;
  };
}
