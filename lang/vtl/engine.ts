import { cloneContext } from './clone-context.ts';
import { ApiGatewayCompile } from './compiler.ts';
import { CompiledPathBailout } from './compiled/render-state.ts';
import { type CompiledTemplate, compileTemplate } from './compiled/template.ts';
import { VtlError } from './errors.ts';
import { VtlInput } from './input.ts';
import { createMethodDispatch } from './method-handlers.ts';
import { parseTemplate } from './parse-template.ts';
import { VTL_ENGINE_MODES, type VtlEngine, type VtlEngineOptions, type VtlRequest } from './types.ts';
import { VtlUtil } from './util.ts';
import type { VelocityAst } from './velocity-types.ts';

/**
 * The API Gateway mapping-template engine. Parsed templates are cached per engine
 * (templates come from a finite stack definition); every render gets fresh copies of the
 * request data, so `#set` never leaks between renders and never mutates the caller's objects.
 *
 * Two paths give the same answer: velocityjs interpreting the template with the API Gateway layer
 * (compiler.ts, the reference), and the template compiled once to closures (compiled/). 'compiled'
 * uses the second for every template made only of constructs it implements, and the first for the rest
 * (named through `log`), or when a render meets a value it leaves to velocityjs.
 */
export function createVtlEngine(options: VtlEngineOptions = {}): VtlEngine {
  const undefinedReferences = options.undefinedReferences ?? 'empty';
  if (undefinedReferences !== 'empty' && undefinedReferences !== 'literal') {
    throw new TypeError(
      `createVtlEngine: undefinedReferences must be 'empty' or 'literal', got ${JSON.stringify(undefinedReferences)}`,
    );
  }
  const mode = options.engine ?? 'compiled';
  if (!VTL_ENGINE_MODES.includes(mode)) {
    throw new TypeError(
      `createVtlEngine: engine must be ${VTL_ENGINE_MODES.map((m) => `'${m}'`).join(' or ')}, got ${JSON.stringify(mode)}`,
    );
  }
  const log = options.log ?? (() => {});
  // velocityjs's "silence" renders undefined references as '' (API Gateway's behaviour).
  const silence = undefinedReferences === 'empty';
  const asts = new Map<string, VelocityAst[]>();
  const compiled = new Map<string, CompiledTemplate | undefined>();
  const methods = createMethodDispatch();

  function parsed(template: string): VelocityAst[] {
    let cached = asts.get(template);
    if (cached === undefined) {
      cached = parseTemplate(template);
      asts.set(template, cached);
    }
    return cached;
  }

  function compiledFor(template: string): CompiledTemplate | undefined {
    if (mode === 'interpreted') return undefined;
    if (compiled.has(template)) return compiled.get(template);
    const result = compileTemplate(parsed(template), template);
    const render = 'compiled' in result ? result.compiled : undefined;
    if ('unsupported' in result) log(`VTL template kept on velocityjs (${result.unsupported}): ${firstLine(template)}`);
    compiled.set(template, render);
    return render;
  }

  function interpreted(template: string, context: Record<string, unknown>): string {
    const compiler = new ApiGatewayCompile(parsed(template), { escape: false }, template, methods);
    return compiler.render(context, undefined, silence);
  }

  const bailedOut = new Set<string>();
  function rendered(template: string, request: VtlRequest, render: CompiledTemplate, context: Record<string, unknown>) {
    try {
      return render(context, silence, methods);
    } catch (e) {
      if (!(e instanceof CompiledPathBailout)) throw e;
      if (!bailedOut.has(template)) {
        bailedOut.add(template);
        log(`VTL render handed to velocityjs (${e.message}): ${firstLine(template)}`);
      }
      return interpreted(template, templateContext(request));
    }
  }

  return {
    prepare(template: string): void {
      try {
        compiledFor(template);
      } catch {
        // A template that does not parse fails the same way on each render, which reports it.
      }
    },
    render(template: string, request: VtlRequest): string {
      const render = compiledFor(template);
      const context = templateContext(request);
      try {
        return render === undefined ? interpreted(template, context) : rendered(template, request, render, context);
      } catch (e) {
        if (e instanceof VtlError) throw e;
        throw new VtlError(`VTL render error: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
      }
    },
  };
}

/** The variables a template sees, copied per render. */
function templateContext(request: VtlRequest): Record<string, unknown> {
  // Null prototype: `$toString` or `$constructor` must be undefined references, not Object members.
  return Object.assign(Object.create(null) as Record<string, unknown>, {
    context: cloneContext(request.context),
    input: new VtlInput(request.body, request.params),
    util: new VtlUtil(),
    stageVariables: { ...request.stageVariables },
  });
}

/** How a log line names a template: its first line, cut short. */
function firstLine(template: string): string {
  const line = template.trimStart().split('\n')[0] ?? '';
  return JSON.stringify(line.length > 80 ? `${line.slice(0, 80)}…` : line);
}
