import { isAbsolute } from 'node:path';
import type { LambdaFunctionSpec, LambdaServiceOptions } from './types.ts';

const fail = (where: string, value: unknown, rule: string): never => {
  throw new TypeError(`${where} must be ${rule}, got ${JSON.stringify(value) ?? String(value)}`);
};

function checkFunction(spec: LambdaFunctionSpec, index: number): void {
  const at = `functions[${index}]`;
  if (typeof spec.name !== 'string' || !/^[A-Za-z0-9_-]{1,140}$/.test(spec.name)) {
    fail(`${at}.name`, spec.name, 'a function name (letters, digits, - and _)');
  }
  const named = `${at} (${spec.name})`;
  if (typeof spec.codeUri !== 'string' || !isAbsolute(spec.codeUri)) fail(`${named}.codeUri`, spec.codeUri, 'an absolute directory');
  if (typeof spec.handler !== 'string' || !/^[^.]+(\.[^.]+)+$/.test(spec.handler) || spec.handler.endsWith('.')) {
    fail(`${named}.handler`, spec.handler, 'of the form "module.export" (e.g. "default.handler")');
  }
  if (spec.format !== undefined && spec.format !== 'esm' && spec.format !== 'cjs') fail(`${named}.format`, spec.format, '"esm" or "cjs"');
  if (typeof spec.timeoutSeconds !== 'number' || !(spec.timeoutSeconds > 0) || !Number.isFinite(spec.timeoutSeconds)) {
    fail(`${named}.timeoutSeconds`, spec.timeoutSeconds, 'a positive number of seconds');
  }
  if (!Number.isInteger(spec.memorySizeMb) || spec.memorySizeMb < 16) fail(`${named}.memorySizeMb`, spec.memorySizeMb, 'an integer >= 16');
  for (const [key, value] of Object.entries(spec.environment ?? {})) {
    if (typeof value !== 'string') fail(`${named}.environment.${key}`, value, 'a string');
  }
}

/** Rejects options no Lambda could be built from, naming the field, the value and the rule. */
export function validateLambdaOptions(options: LambdaServiceOptions): void {
  if (typeof options.bundleDir !== 'string' || options.bundleDir === '') fail('bundleDir', options.bundleDir, 'a directory path');
  if (!Array.isArray(options.functions)) fail('functions', options.functions, 'an array');
  const seen = new Set<string>();
  options.functions.forEach((spec, index) => {
    checkFunction(spec, index);
    if (seen.has(spec.name)) fail(`functions[${index}].name`, spec.name, 'unique');
    seen.add(spec.name);
  });
}
