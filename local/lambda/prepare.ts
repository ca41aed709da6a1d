import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { bundleFunction } from './bundler.ts';
import { parseHandler } from './handler-spec.ts';
import { inPlaceFunction } from './node-entry.ts';
import { createPythonSandbox } from './python-sandbox.ts';
import { findPython } from './python.ts';
import { runtimeSupport, type RuntimeFamily } from './runtimes.ts';
import type { InvocationLog } from './invocation-log.ts';
import { createSandbox } from './sandbox.ts';
import type { FunctionSources, InvokeLimits, InvokeOutcome, LambdaFunctionSpec, LocalApiReach } from './types.ts';

/** What every sandbox offers the service: one invocation at a time, in order, bounded; interrupted or disposed at stop. */
export interface FunctionSandbox {
  invoke(event: unknown, requestId: string, limits?: InvokeLimits): Promise<InvokeOutcome>;
  interrupt(): void;
  dispose(): Promise<void>;
  /** Takes no more invocations (the service sends them elsewhere) and disposes itself once those in flight ended. */
  retire(): void;
  /** Node.js: starts the runtime (not the function's Init) ahead of the first invocation; true once it is up. */
  bootRuntime?(): Promise<boolean>;
}

export interface SandboxContext {
  bundleDir: string;
  environmentOf(spec: LambdaFunctionSpec, taskRoot: string): Record<string, string>;
  arnOf(spec: LambdaFunctionSpec): string;
  python: string;
  /** Per function, as the service's option. */
  maxInFlight: number;
  localApi: LocalApiReach | undefined;
  log(line: string): void;
  /** Where a function's invocations are logged (START, output, END, REPORT), if anywhere. */
  invocationLog(spec: LambdaFunctionSpec): InvocationLog | undefined;
}

const familyOf = (spec: LambdaFunctionSpec): RuntimeFamily => {
  const support = runtimeSupport(spec.runtime ?? 'nodejs22.x');
  if (support.kind === 'not-run') throw new Error(`Lambda function "${spec.name}": ${support.reason}`);
  return support.family;
};

/** A Python handler's module file (or package) in the code folder, checked before the function can be invoked. */
function checkPythonHandler(spec: LambdaFunctionSpec): void {
  const { modulePath } = parseHandler(spec.handler);
  const base = join(spec.codeUri, modulePath.replaceAll('.', '/'));
  if (!existsSync(`${base}.py`) && !existsSync(join(base, '__init__.py'))) {
    throw new Error(
      `Lambda function "${spec.name}": no file for handler "${spec.handler}" in ${spec.codeUri} (tried ${modulePath.replaceAll('.', '/')}.py)`,
    );
  }
}

/** What every function of one service shares: the Python interpreter (found once) and the CA bundle Python reads. */
export interface SharedRuntime {
  python: string | undefined;
  caBundle: string | undefined;
}

/** A function ready to be invoked, and the files its code comes from (for a watcher). */
export interface PreparedFunction {
  sandbox: FunctionSandbox;
  sources: FunctionSources;
}

/**
 * Every function's sandbox, ready to be invoked: Node.js functions bundled (TypeScript, `BuildMethod: esbuild`) or
 * found in place, Python functions checked and given the one interpreter found for them all.
 */
export async function prepareSandboxes(
  specs: LambdaFunctionSpec[],
  context: SandboxContext,
): Promise<{ functions: Map<string, PreparedFunction>; runtime: SharedRuntime }> {
  const families = new Map(specs.map((spec) => [spec.name, familyOf(spec)]));
  const pythonNames = specs.filter((spec) => families.get(spec.name) === 'python').map((spec) => spec.name);
  const python = pythonNames.length > 0 ? await findPython(context.python, pythonNames) : undefined;
  if (python) context.log(`${pythonNames.join(', ')} run on Python ${python.version} (${python.executable})`);
  let caBundle: string | undefined;
  if (python && context.localApi !== undefined) {
    caBundle = join(context.bundleDir, 'local-api-ca.pem');
    await mkdir(context.bundleDir, { recursive: true });
    await writeFile(caBundle, context.localApi.certificatePem);
  }
  const runtime = { python: python?.executable, caBundle };
  const prepared = await Promise.all(
    specs.map(async (spec) => [spec.name, await prepareFunction(spec, context, runtime)] as const),
  );
  return { functions: new Map(prepared), runtime };
}

/**
 * One function's sandbox: bundled again (or its folder checked again) each time, so watch mode can call it on an
 * edit. `build` counts the function's builds: each rebuild's bundle has a folder of its own (bundler.ts).
 */
export async function prepareFunction(
  spec: LambdaFunctionSpec,
  context: SandboxContext,
  runtime: SharedRuntime,
  build = 0,
): Promise<PreparedFunction> {
  if (familyOf(spec) === 'python') {
    checkPythonHandler(spec);
    const environment = {
      ...context.environmentOf(spec, spec.codeUri),
      ...(runtime.caBundle ? { AWS_CA_BUNDLE: runtime.caBundle } : {}),
    };
    const invocationLog = context.invocationLog(spec);
    const reach =
      context.localApi && runtime.caBundle
        ? {
            localApi: {
              caBundle: runtime.caBundle,
              hostNames: context.localApi.hostNames,
              port: context.localApi.port,
            },
          }
        : {};
    const sandbox = createPythonSandbox({
      spec,
      python: runtime.python!,
      environment,
      invokedFunctionArn: context.arnOf(spec),
      maxInFlight: context.maxInFlight,
      ...reach,
      ...(invocationLog ? { invocationLog } : {}),
    });
    return { sandbox, sources: { files: [], folders: [spec.codeUri] } };
  }
  const fn = spec.bundle === false ? inPlaceFunction(spec) : await bundleFunction(spec, context.bundleDir, build);
  const reach = context.localApi === undefined ? {} : { localApi: context.localApi };
  const invocationLog = context.invocationLog(spec);
  const sandbox = createSandbox({
    fn,
    environment: context.environmentOf(spec, fn.taskRoot),
    invokedFunctionArn: context.arnOf(spec),
    maxInFlight: context.maxInFlight,
    ...reach,
    ...(invocationLog ? { invocationLog } : {}),
  });
  return { sandbox, sources: fn.sources };
}
