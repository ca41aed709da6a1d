import { javaTruthy } from '../java-operators.ts';
import { isJavaMap } from '../java-values.ts';
import type { VelocityAst } from '../velocity-types.ts';
import { hasBlockedUnknownPath, isBlockedKey } from './prototype-guard.ts';
import { CompiledPathBailout, type Evaluate, type Render, renderList, scopeOf } from './render-state.ts';
import type { CompileScope } from './scope.ts';
import { UnsupportedConstruct, refuseReservedName } from './unsupported.ts';

type Directive = VelocityAst & { type: string };

const NO_ITEMS: readonly Render[] = [];

/** A block (`[directive, ...body]`): #if/#elseif/#else, #foreach or #define; anything else keeps velocityjs. */
export function compileBlock(block: readonly unknown[], scope: CompileScope): Render {
  const head = block[0] as Directive | undefined;
  const type = typeof head === 'object' && head !== null ? head.type : undefined;
  switch (type) {
    case 'if':
      return compileIf(block as Directive[], scope);
    case 'foreach':
      return compileForeach(head as Extract<VelocityAst, { type: 'foreach' }>, block.slice(1), scope);
    case 'define':
      return compileDefine(head as Directive & { id?: unknown }, block.slice(1), scope);
    default:
      throw new UnsupportedConstruct(`block #${String(type)}`);
  }
}

/** `#if/#elseif/#else` with Velocity's truthiness; the first true branch renders in the current scope. */
function compileIf(block: readonly Directive[], scope: CompileScope): Render {
  const branches: { condition: Evaluate | undefined; body: unknown[] }[] = [];
  for (const ast of block) {
    if (ast.type === 'if' || ast.type === 'elseif') {
      const condition = (ast as Extract<VelocityAst, { condition: unknown }>).condition as VelocityAst;
      branches.push({ condition: scope.expression(condition), body: [] });
    } else if (ast.type === 'else') {
      branches.push({ condition: undefined, body: [] });
    } else {
      branches.at(-1)?.body.push(ast);
    }
  }
  const compiled = branches.map(({ condition, body }) => ({ condition, body: scope.list(body) }));
  return (state) => {
    for (const { condition, body } of compiled) {
      if (condition === undefined || javaTruthy(condition(state))) return renderList(body, state, state.contextId);
    }
    return renderList(NO_ITEMS, state, state.contextId);
  };
}

/**
 * velocityjs's getBlockEach, step for step: a list or a map's values; `$foreach.count/index/hasNext` and
 * `$velocityCount` in one scope object reused across iterations; `#break` ends the loop but is only cleared,
 * with the scope, after a source with a truthy `length`.
 */
function compileForeach(head: Extract<VelocityAst, { type: 'foreach' }>, body: unknown[], scope: CompileScope): Render {
  const to = refuseReservedName(head.to, '#foreach variable');
  // velocityjs evaluates the source as a copy carrying the #foreach's position (its errors name that line).
  const from = scope.literal({ ...head.from, pos: head.pos } as VelocityAst);
  const items = scope.list(body);
  return (state) => {
    const source = from(state);
    const local: Record<string, unknown> = { foreach: { count: 0, index: 0, hasNext: false }, velocityCount: 0 };
    const contextId = state.nextLoopId();
    const kind = Object.prototype.toString.call(source);
    if (!source || (kind !== '[object Array]' && kind !== '[object Object]')) return '';
    const values = Array.isArray(source) ? source : Object.values(source as object);
    const length = values.length;
    let text = '';
    values.forEach((value: unknown, i: number) => {
      if (state.broken) return;
      local[to] = value;
      local.foreach = { count: i + 1, index: i, hasNext: i + 1 < length };
      local.velocityCount = i + 1;
      state.local[contextId] = local;
      text += renderList(items, state, contextId);
    });
    if ((source as { length?: unknown }).length) {
      state.broken = false;
      state.local[contextId] = {};
      state.conditions.shift();
      state.contextId = state.conditions[0] || '';
    }
    return text;
  };
}

function compileDefine(head: Directive & { id?: unknown }, body: unknown[], scope: CompileScope): Render {
  const id = refuseReservedName(head.id, '#define');
  // Names come from a scan of the template's blocks; a #define elsewhere (in an interpolated string) is not known.
  if (!scope.defineNames.has(id)) throw new UnsupportedConstruct('#define inside an interpolated string');
  const items = scope.insideDefineBody().list(body);
  return (state) => {
    state.defines[id] = items;
    return '';
  };
}

type SetTarget = { id?: unknown; path?: { type: string; id?: unknown }[] };

/** velocityjs's setValue: the scope that holds the name, path keys evaluated first, guarded like velocityjs. */
export function compileSet(ast: Extract<VelocityAst, { type: 'set' }>, scope: CompileScope): Render {
  const [target, valueAst] = ast.equal as unknown as [SetTarget, VelocityAst];
  const id = refuseReservedName(target.id, '#set target');
  const pathKeys: Evaluate[] = (target.path ?? []).map((step) => {
    if (step.type === 'property') {
      const key = step.id;
      return () => key;
    }
    if (step.type === 'index' && step.id) {
      const key = scope.literal(step.id as VelocityAst);
      return (state) => String(key(state));
    }
    return () => '';
  });
  const hasPath = target.path !== undefined && target.path !== null;
  const value = valueAst.type === 'math' ? scope.expression(valueAst) : scope.literal(valueAst);
  return (state) => {
    const context = scopeOf(state, id);
    if (!hasPath) {
      // `#set($name = ...)`, the common case: resolveSetPath's answer without a path, without building one.
      if (isBlockedKey(context, id, true)) return '';
      context[id] = value(state);
      return '';
    }
    const keys = pathKeys.map((key) => key(state) as string);
    if (resolveSetPath(context, id, keys).blocked) return '';
    const val = value(state);
    if (!hasPath) {
      context[id] = val;
      return '';
    }
    const setPath = resolveSetPath(context, id, keys);
    if (setPath.blocked) return '';
    if (setPath.shouldSetRoot) context[id] = setPath.rootRef;
    if (setPath.key !== undefined) {
      const base = setPath.baseRef;
      if (!Array.isArray(base) && !isJavaMap(base))
        throw new CompiledPathBailout('#set into a value that is not a map or list');
      (base as Record<string, unknown>)[setPath.key] = val;
    }
    return '';
  };
}

type SetPath = { blocked: boolean; rootRef?: unknown; shouldSetRoot?: boolean; baseRef?: unknown; key?: string };

/** velocityjs's resolveSetPath, unchanged: where `#set($a.b.c = ...)` writes, or that it is blocked. */
function resolveSetPath(context: Record<string, unknown>, id: string, pathKeys: string[]): SetPath {
  if (pathKeys.length === 0) return { blocked: isBlockedKey(context, id, true) };
  if (isBlockedKey(context, id, false)) return { blocked: true };
  let rootRef = context[id];
  let shouldSetRoot = false;
  if (typeof rootRef !== 'object') {
    rootRef = {};
    shouldSetRoot = true;
  }
  let baseRef: unknown = rootRef;
  for (let i = 0; i < pathKeys.length; i++) {
    if (baseRef === undefined || baseRef === null) {
      return { blocked: hasBlockedUnknownPath(pathKeys, i), rootRef, shouldSetRoot };
    }
    const key = pathKeys[i] as string;
    const isEnd = pathKeys.length === i + 1;
    if (isBlockedKey(baseRef, key, isEnd)) return { blocked: true };
    if (isEnd) return { blocked: false, rootRef, shouldSetRoot, baseRef, key };
    baseRef = (baseRef as Record<string, unknown>)[key];
  }
  return { blocked: false, rootRef, shouldSetRoot };
}
