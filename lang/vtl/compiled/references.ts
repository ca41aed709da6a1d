import { Helper } from 'velocityjs';
import { HostObject } from '../host-object.ts';
import { getListProperty, getMapProperty } from '../java-map.ts';
import { toJavaString } from '../java-print.ts';
import { getStringProperty } from '../java-string.ts';
import { isJavaMap } from '../java-values.ts';
import { locateError } from '../locate-error.ts';
import type { Attribute, ReferencesAst, VelocityAst } from '../velocity-types.ts';
import { isBlockedKey } from './prototype-guard.ts';
import {
  CompiledPathBailout,
  type Evaluate,
  type Render,
  type RenderState,
  findLocal,
  NOT_LOCAL,
  renderList,
} from './render-state.ts';
import type { CompileScope } from './scope.ts';
import { UnsupportedConstruct } from './unsupported.ts';

type Step = (state: RenderState, base: unknown) => unknown;

/**
 * `$name.path[...]` compiled to closures, with the semantics of ApiGatewayCompile (compiler.ts) over velocityjs:
 * Java bean properties on strings, lists, maps and host objects; Java methods through the method dispatch;
 * velocityjs's prototype guard on every JavaScript property read; `#define` names rendered in place.
 * `value` is a read inside an expression (velocityjs's getReferences(ast)), `render` the text of the
 * reference in template output (getReferences(ast, true)).
 */
export function compileReference(ast: ReferencesAst, scope: CompileScope): { value: Evaluate; render: Render } {
  if (ast.args !== undefined) throw new UnsupportedConstruct(`method call on the template context (${text(ast)})`);
  const id = ast.id;
  if (typeof id !== 'string') throw new UnsupportedConstruct('reference without a name');
  if (ast.prue && scope.insideDefine && scope.defineNames.has(id)) {
    throw new UnsupportedConstruct(`#define body that renders a #define (${text(ast)})`);
  }
  const refText = text(ast);
  const quiet = ast.leader === '$!';
  const steps = (ast.path ?? []).map((attribute) => compileStep(attribute, scope));
  const readRoot = rootReader(id);
  const isDefine = ast.prue === true && scope.defineNames.has(id);

  const lookUp = (state: RenderState, isVal: boolean): unknown => {
    if (isDefine) {
      const define = state.defines[id];
      if (Array.isArray(define)) return renderList(define as Render[], state);
    }
    let value = readRoot(state.context);
    const local = findLocal(state, id);
    if (local !== NOT_LOCAL) value = local;
    for (const step of steps) value = step(state, value);
    if (isVal && value === undefined) return state.silence || quiet ? '' : refText;
    return value;
  };
  const guarded = (state: RenderState, isVal: boolean): unknown => {
    try {
      return lookUp(state, isVal);
    } catch (e) {
      if (e instanceof CompiledPathBailout) throw e;
      throw locateError(e, ast, scope.template);
    }
  };
  return {
    value: (state) => guarded(state, false),
    render: (state) => {
      const value = guarded(state, true);
      // A function can only be a JavaScript member reached by name; Java would find nothing.
      if (value === null || value === undefined || typeof value === 'function') {
        return state.silence || quiet ? '' : refText;
      }
      return typeof value === 'object' ? toJavaString(value) : `${value as string}`;
    },
  };
}

function text(ast: ReferencesAst): string {
  return Helper.getRefText(ast);
}

/** The context variable `id`, behind velocityjs's guard (`$constructor` finds nothing unless `#set`). */
function rootReader(id: string): (context: Record<string, unknown>) => unknown {
  if (id === '__proto__') return () => undefined;
  if (id === 'constructor' || id === 'prototype') {
    return (context) => (isBlockedKey(context, id) ? undefined : context[id]);
  }
  return (context) => context[id];
}

function compileStep(attribute: Attribute, scope: CompileScope): Step {
  switch (attribute.type) {
    case 'property':
      return propertyStep(attribute.id);
    case 'method':
      return methodStep(
        attribute.id,
        (attribute.args || []).map((arg) => scope.literal(arg)),
      );
    case 'index':
      return indexStep(attribute.id, scope);
    default:
      throw new UnsupportedConstruct(`reference step of type ${String((attribute as { type?: unknown }).type)}`);
  }
}

/** `.name`: a Java bean property for template values, a guarded JavaScript member for anything else. */
function propertyStep(id: string): Step {
  return (_state, base) => {
    if (base === null || base === undefined) return undefined;
    if (base instanceof HostObject) return base.getProperty(id);
    if (typeof base === 'string') return getStringProperty(base, id);
    if (Array.isArray(base)) return getListProperty(base, id);
    if (isJavaMap(base)) return getMapProperty(base, id);
    if (typeof base !== 'object') return undefined;
    return isBlockedKey(base, id) ? undefined : (base as Record<string, unknown>)[id];
  };
}

/**
 * `.name(args)`: the value's Java method. A blocked name finds nothing; a value no Java class claims (a
 * JavaScript function reached by index) would make velocityjs call JavaScript, which the compiled path leaves to it.
 */
function methodStep(id: string, args: Evaluate[]): Step {
  return (state, base) => {
    if (base === null || base === undefined) return undefined;
    if (isBlockedKey(base, id)) return undefined;
    const call = state.methods(base);
    if (call === undefined) throw new CompiledPathBailout(`method ${id} on a value no Java class claims`);
    return call(
      base,
      id,
      args.map((arg) => arg(state)),
    );
  };
}

/** `[key]`: a guarded JavaScript member read, as velocityjs's getPropIndex does (no Java semantics there). */
function indexStep(key: VelocityAst, scope: CompileScope): Step {
  const readKey: Evaluate =
    key.type === 'references'
      ? compileReference(key, scope).value
      : (() => {
          const constant = (key as { value?: unknown }).value;
          return () => constant;
        })();
  return (state, base) => {
    if (base === null || base === undefined) return undefined;
    const name = readKey(state);
    if (isBlockedKey(base, String(name))) return undefined;
    return (base as Record<PropertyKey, unknown>)[name as PropertyKey];
  };
}
