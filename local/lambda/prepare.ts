import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { bundleFunction } from './bundler.ts';
import { parseHandler } from './handler-spec.ts';
import { inPlaceFunction } from './node-entry.ts';
import { createPythonSandbox } from './python-sandbox.ts';
import { findPython } from './python.ts';
import { runtimeSupport, type RuntimeFamily } from './runtimes.ts';
import { createSandbox } from './sandbox.ts';
import type { InvokeLimits, InvokeOutcome, LambdaFunctionSpec, LocalApiReach } from './types.ts';

/** What every sandbox offers the service: one invocation at a time, in order, bounded; interrupted or disposed at stop. */
export interface FunctionSandbox {
  invoke(event: unknown, requestId: string, limits?: InvokeLimits): Promise<InvokeOutcome>;
  interrupt(): void;
  dispose(): Promise<void>;
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
    throw new Error(`Lambda function "${spec.name}": no file for handler "${spec.handler}" in ${spec.codeUri} (tried ${modulePath.replaceAll('.', '/')}.py)`);
  }
}

/**
 * Every function's sandbox, ready to be invoked: Node.js functions bundled (TypeScript, `BuildMethod: esbuild`) or
 * found in place, Python functions checked and given the one interpreter found for them all.
 */
export async function prepareSandboxes(specs: LambdaFunctionSpec[], context: SandboxContext): Promise<Map<string, FunctionSandbox>> {
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
  const prepared = await Promise.all(specs.map(async (spec): Promise<[string, FunctionSandbox]> => {
    if (families.get(spec.name) === 'python') {
      checkPythonHandler(spec);
      const environment = { ...context.environmentOf(spec, spec.codeUri), ...(caBundle ? { AWS_CA_BUNDLE: caBundle } : {}) };
      const reach = context.localApi && caBundle ? { localApi: { caBundle, hostNames: context.localApi.hostNames, port: context.localApi.port } } : {};
      return [spec.name, createPythonSandbox({ spec, python: python!.executable, environment, invokedFunctionArn: context.arnOf(spec), maxInFlight: context.maxInFlight, ...reach })];
    }
    const fn = spec.bundle === false ? inPlaceFunction(spec) : await bundleFunction(spec, context.bundleDir);
    const reach = context.localApi === undefined ? {} : { localApi: context.localApi };
    return [spec.name, createSandbox({ fn, environment: context.environmentOf(spec, fn.taskRoot), invokedFunctionArn: context.arnOf(spec), maxInFlight: context.maxInFlight, ...reach })];
  }));
  return new Map(prepared);
}
