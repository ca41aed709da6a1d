/**
 * The template's functions and layers → the Lambda service's specs. Decides, per function, whether and how
 * it runs locally (runtime, where its code is, build), and says why when it does not; what the local stack
 * handles differently from AWS becomes a warning naming the function.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LambdaFunctionSpec } from '../lambda/index.ts';
import { runtimeSupport } from '../lambda/runtimes.ts';
import type { LocalFunction, LocalLayer } from '../template/index.ts';

export interface FunctionPlan {
  specs: LambdaFunctionSpec[];
  /** Function ARN → the name the Lambda service knows it by. */
  names: Map<string, string>;
  /** Function ARN → why the function does not run locally (routes that target it are refused). */
  notRun: Map<string, string>;
  warnings: string[];
}

const asStrings = (value: unknown): string[] | undefined =>
  Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : undefined;

/** Inline code (SAM InlineCode, CloudFormation Code.ZipFile) becomes the `index` file Lambda writes for it. */
function inlineFolder(fn: LocalFunction, source: string, inlineDir: string, python: boolean): string {
  const folder = join(inlineDir, fn.logicalId);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, python ? 'index.py' : 'index.js'), source);
  // Lambda's folder has no package.json: the file is CommonJS, whatever the folder around `.local` says.
  if (!python) writeFileSync(join(folder, 'package.json'), '{"type":"commonjs"}\n');
  return folder;
}

function layerFolders(fn: LocalFunction, layers: LocalLayer[], warnings: string[]): string[] {
  const folders: string[] = [];
  for (const arn of fn.layers) {
    const layer = layers.find((candidate) => candidate.arn === arn);
    if (layer === undefined)
      warnings.push(`${fn.logicalId}: layer ${arn} is not in this template; its content is missing locally`);
    else if (layer.content.kind !== 'directory')
      warnings.push(
        `${fn.logicalId}: layer ${layer.logicalId}: ${layer.content.kind === 'unavailable' ? layer.content.reason : 'inline'}; its content is missing locally`,
      );
    else folders.push(layer.content.path);
  }
  return folders;
}

export function planFunctions(functions: LocalFunction[], layers: LocalLayer[], inlineDir: string): FunctionPlan {
  const plan: FunctionPlan = { specs: [], names: new Map(), notRun: new Map(), warnings: [] };
  for (const fn of functions) {
    const support = runtimeSupport(fn.runtime);
    if (support.kind === 'not-run') {
      plan.notRun.set(fn.arn, `function ${fn.logicalId}: ${support.reason}`);
      continue;
    }
    if (fn.code.kind === 'unavailable') {
      plan.notRun.set(fn.arn, `function ${fn.logicalId}: its code is not local (${fn.code.reason})`);
      continue;
    }
    if (fn.handler === undefined) {
      plan.notRun.set(fn.arn, `function ${fn.logicalId}: it has no Handler`);
      continue;
    }
    const python = support.family === 'python';
    if (support.deprecated)
      plan.warnings.push(
        `${fn.logicalId}: runtime ${fn.runtime} is deprecated by AWS; it runs locally on ${python ? "this machine's python3" : `Node.js ${process.versions.node}`}`,
      );
    const esbuild = fn.buildMethod?.toLowerCase() === 'esbuild';
    if (fn.buildMethod !== undefined && !esbuild)
      plan.warnings.push(
        `${fn.logicalId}: BuildMethod ${fn.buildMethod} is not run locally; the code folder runs as it is`,
      );
    const build = fn.buildProperties;
    const external = asStrings(build['External']);
    const entryPoints = asStrings(build['EntryPoints']);
    plan.specs.push({
      name: fn.functionName,
      codeUri: fn.code.kind === 'inline' ? inlineFolder(fn, fn.code.source, inlineDir, python) : fn.code.path,
      handler: fn.handler,
      runtime: fn.runtime!,
      bundle: esbuild && !python,
      ...(esbuild && external ? { external } : {}),
      ...(esbuild && entryPoints ? { entryPoints } : {}),
      format: build['Format'] === 'esm' ? 'esm' : 'cjs',
      layers: layerFolders(fn, layers, plan.warnings),
      timeoutSeconds: fn.timeoutSeconds,
      memorySizeMb: fn.memorySize,
      environment: fn.environment,
    });
    plan.names.set(fn.arn, fn.functionName);
  }
  return plan;
}
