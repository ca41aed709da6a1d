import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { aslProblems } from '../../lang/asl/index.ts';
import type { ResolvedWorkflow } from '../context.ts';
import { analyzeWorkflow } from '../workflows/analyze.ts';
import { problemLine } from './errors.ts';
import { type DefinitionFormat, parsedDefinition } from './parsed-definitions.ts';
import type { WsConfig } from './index.ts';
import { routesOfKind } from './route-kinds.ts';

/** Step Functions' limit on a state machine definition: 1 MB (Step Functions quotas, "Maximum definition size"). */
const DEFINITION_LIMIT_BYTES = 1_048_576;

/**
 * Reads the workflow definition file of each `stepFunctions` route that has one (`workflow.definition`,
 * relative to the config file), JSON or YAML, and checks it: valid ASL (the same validation as the template
 * checks and the local stack, lang/asl), and fit for the config (generator/workflows/analyze.ts). Problems are
 * returned as config problems, one line each.
 */
export function loadWorkflows(
  config: WsConfig,
  configDirectory: string,
): { workflows: Map<string, ResolvedWorkflow>; problems: string[] } {
  const workflows = new Map<string, ResolvedWorkflow>();
  const problems: string[] = [];
  for (const { key, route } of routesOfKind(config.routes, 'stepFunctions')) {
    if (route.workflow.template !== undefined) continue; // a built-in shape: nothing to read
    const file = route.workflow.definition;
    const field = `routes.${key}.workflow.definition`;
    const read = readDefinition(resolve(configDirectory, file), file.endsWith('.json') ? 'json' : 'yaml');
    if (typeof read === 'string') {
      problems.push(problemLine(field, read, file));
      continue;
    }
    const invalid = aslProblems(read);
    if (invalid.length > 0) {
      problems.push(problemLine(field, `is not valid Amazon States Language: ${invalid.join('; ')}`, file));
      continue;
    }
    problems.push(...analyzeWorkflow(read, config, field).problems);
    workflows.set(key, { file, definition: read });
  }
  return { workflows, problems };
}

/** The parsed definition, or why it cannot be one. */
function readDefinition(path: string, format: DefinitionFormat): Record<string, unknown> | string {
  if (!existsSync(path)) return 'file does not exist relative to the config';
  if (!statSync(path).isFile()) return 'is not a file';
  const size = statSync(path).size;
  if (size > DEFINITION_LIMIT_BYTES)
    return `is ${size} bytes; Step Functions takes definitions of at most ${DEFINITION_LIMIT_BYTES} bytes`;
  return parsedDefinition(readFileSync(path, 'utf8'), format, (text) => parseDefinition(text, format));
}

/** The definition in `text`, or why it cannot be one. */
function parseDefinition(text: string, format: DefinitionFormat): Record<string, unknown> | string {
  const language = format === 'json' ? 'JSON' : 'YAML';
  let value: unknown;
  try {
    if (format === 'json') value = JSON.parse(text);
    // Duplicate keys are refused (JSON.parse keeps the last one silently): the YAML reader finds them in both.
    const document = parseDocument(text, {
      schema: format === 'json' ? 'json' : 'core',
      uniqueKeys: true,
      logLevel: 'silent',
    });
    const trouble = [...document.errors, ...document.warnings][0];
    if (trouble !== undefined) throw new Error(trouble.message.split('\n')[0]);
    if (format === 'yaml') value = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    return `is not valid ${language}: ${(error as Error).message}`;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return 'must hold a state machine definition: an object with StartAt and States';
  return value as Record<string, unknown>;
}
