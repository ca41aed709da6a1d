import { isAbsolute } from 'node:path';
import { ACCOUNT_ID_PATTERN } from '../shared/constants.ts';
import { checkEachOf, collectOptionProblems, type OptionProblems } from '../shared/options.ts';
import type { LambdaFunctionSpec, LambdaServiceOptions, LocalApiReach } from './types.ts';

function checkFunction(spec: LambdaFunctionSpec, index: number, problems: OptionProblems): void {
  const at = `functions[${index}]`;
  if (typeof spec.name !== 'string' || !/^[A-Za-z0-9_-]{1,140}$/.test(spec.name)) {
    problems.add(`${at}.name`, spec.name, 'must be a function name (letters, digits, - and _)');
  }
  const named = `${at} (${spec.name})`;
  if (typeof spec.codeUri !== 'string' || !isAbsolute(spec.codeUri))
    problems.add(`${named}.codeUri`, spec.codeUri, 'must be an absolute directory');
  if (typeof spec.handler !== 'string' || !/^[^.]+(\.[^.]+)+$/.test(spec.handler) || spec.handler.endsWith('.')) {
    problems.add(`${named}.handler`, spec.handler, 'must be of the form "module.export" (e.g. "default.handler")');
  }
  if (spec.format !== undefined && spec.format !== 'esm' && spec.format !== 'cjs')
    problems.add(`${named}.format`, spec.format, 'must be "esm" or "cjs"');
  if (typeof spec.timeoutSeconds !== 'number' || !(spec.timeoutSeconds > 0) || !Number.isFinite(spec.timeoutSeconds)) {
    problems.add(`${named}.timeoutSeconds`, spec.timeoutSeconds, 'must be a positive number of seconds');
  }
  if (!Number.isInteger(spec.memorySizeMb) || spec.memorySizeMb < 16)
    problems.add(`${named}.memorySizeMb`, spec.memorySizeMb, 'must be an integer >= 16');
  if (spec.runtime !== undefined && typeof spec.runtime !== 'string')
    problems.add(`${named}.runtime`, spec.runtime, 'must be a Lambda runtime identifier such as "nodejs22.x"');
  if (spec.bundle !== undefined && typeof spec.bundle !== 'boolean')
    problems.add(`${named}.bundle`, spec.bundle, 'must be true or false');
  if (
    spec.external !== undefined &&
    !(Array.isArray(spec.external) && spec.external.every((item) => typeof item === 'string'))
  ) {
    problems.add(`${named}.external`, spec.external, 'must be a list of module names');
  }
  if (
    spec.layers !== undefined &&
    !(Array.isArray(spec.layers) && spec.layers.every((item) => typeof item === 'string' && isAbsolute(item)))
  ) {
    problems.add(`${named}.layers`, spec.layers, 'must be a list of absolute directories');
  }
  for (const [key, value] of Object.entries(spec.environment ?? {})) {
    if (typeof value !== 'string') problems.add(`${named}.environment.${key}`, value, 'must be a string');
  }
}

/** Rejects options no Lambda could be built from, naming every bad field, its value and the rule. */
export function validateLambdaOptions(options: LambdaServiceOptions): void {
  const problems = collectOptionProblems('createLambdaService');
  if (typeof options.bundleDir !== 'string' || options.bundleDir === '')
    problems.add('bundleDir', options.bundleDir, 'must be a directory path');
  if (
    options.accountId !== undefined &&
    (typeof options.accountId !== 'string' || !ACCOUNT_ID_PATTERN.test(options.accountId))
  ) {
    problems.add('accountId', options.accountId, 'must be 12 digits');
  }
  if (options.maxInFlight !== undefined && (!Number.isInteger(options.maxInFlight) || options.maxInFlight < 1)) {
    problems.add('maxInFlight', options.maxInFlight, 'must be a positive integer');
  }
  if (options.log !== undefined && typeof options.log !== 'function')
    problems.add('log', options.log, 'must be a function (line) => void');
  if (options.bootRuntimesAtStart !== undefined) {
    const names = new Set((Array.isArray(options.functions) ? options.functions : []).map((spec) => spec?.name));
    if (!Array.isArray(options.bootRuntimesAtStart))
      problems.add('bootRuntimesAtStart', options.bootRuntimesAtStart, 'must be a list of function names');
    else
      options.bootRuntimesAtStart.forEach((name, index) => {
        if (!names.has(name)) problems.add(`bootRuntimesAtStart[${index}]`, name, 'must name one of the functions');
      });
  }
  if (options.python !== undefined && (typeof options.python !== 'string' || options.python === ''))
    problems.add('python', options.python, "must be a Python 3 interpreter's name or path");
  if (options.localApi !== undefined) checkLocalApiReach(options.localApi, problems);
  checkEachOf(
    problems,
    'functions',
    options.functions,
    'name',
    (spec: LambdaFunctionSpec) => spec?.name,
    (spec, index) => checkFunction(spec, index, problems),
  );
  problems.throwIfAny();
}

/** A host name as DNS writes it (letters, digits, hyphens; dot-separated labels of at most 63). */
const HOST_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;

function checkLocalApiReach(reach: LocalApiReach, problems: OptionProblems): void {
  if (!/^-----BEGIN CERTIFICATE-----/.test(String(reach?.certificatePem)))
    problems.add('localApi.certificatePem', reach?.certificatePem, 'must be a PEM certificate');
  if (!Number.isInteger(reach?.port) || reach.port < 1 || reach.port > 65_535)
    problems.add('localApi.port', reach?.port, 'must be a port from 1 to 65535');
  if (!Array.isArray(reach?.hostNames))
    problems.add('localApi.hostNames', reach?.hostNames, 'must be a list of host names');
  else
    reach.hostNames.forEach((name, index) => {
      if (typeof name !== 'string' || !HOST_NAME.test(name))
        problems.add(
          `localApi.hostNames[${index}]`,
          name,
          'must be a DNS host name (letters, digits, hyphens and dots)',
        );
    });
}
