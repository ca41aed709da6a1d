import { ApiGatewayCompile } from './compiler.ts';
import { VtlError } from './errors.ts';
import { VtlInput } from './input.ts';
import { createMethodDispatch } from './method-handlers.ts';
import { parseTemplate } from './parse-template.ts';
import type { VtlEngine, VtlEngineOptions, VtlRequest } from './types.ts';
import { VtlUtil } from './util.ts';
import type { VelocityAst } from './velocity-types.ts';

/**
 * The API Gateway mapping-template engine. Parsed templates are cached per engine
 * (templates come from a finite stack definition); every render gets a fresh compiler
 * and fresh copies of the request data, so `#set` never leaks between renders and never
 * mutates the caller's objects.
 */
export function createVtlEngine(options: VtlEngineOptions = {}): VtlEngine {
  const undefinedReferences = options.undefinedReferences ?? 'empty';
  if (undefinedReferences !== 'empty' && undefinedReferences !== 'literal') {
    throw new TypeError(
      `createVtlEngine: undefinedReferences must be 'empty' or 'literal', got ${JSON.stringify(undefinedReferences)}`,
    );
  }
  const asts = new Map<string, VelocityAst[]>();
  const methods = createMethodDispatch();

  function parsed(template: string): VelocityAst[] {
    let cached = asts.get(template);
    if (cached === undefined) {
      cached = parseTemplate(template);
      asts.set(template, cached);
    }
    return cached;
  }

  return {
    render(template: string, request: VtlRequest): string {
      const compiler = new ApiGatewayCompile(parsed(template), { escape: false }, template, methods);
      // Null prototype: `$toString` or `$constructor` must be undefined references, not Object members.
      const context = Object.assign(Object.create(null) as Record<string, unknown>, {
        context: structuredClone(request.context),
        input: new VtlInput(request.body, request.params),
        util: new VtlUtil(),
        stageVariables: { ...request.stageVariables },
      });
      try {
        // velocityjs's "silence" renders undefined references as '' (API Gateway's behaviour).
        return compiler.render(context, undefined, undefinedReferences === 'empty');
      } catch (e) {
        if (e instanceof VtlError) throw e;
        throw new VtlError(`VTL render error: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
      }
    },
  };
}
