import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseCloudFormation } from '../../../cfn/yaml.ts';
import type { CfnValue } from '../../../cfn/types.ts';
import { substitutePlaceholders } from '../../../checks/vtl-templates.ts';
import { compileTemplate } from '../../../lang/vtl/compiled/template.ts';
import { createVtlEngine, type VtlRequest } from '../../../lang/vtl/index.ts';
import { parseTemplate } from '../../../lang/vtl/parse-template.ts';

/**
 * Differential testing of the compiled VTL path against velocityjs (the reference): both engines render the
 * same template and request; their outcomes (the text, or the error's name and message) must be identical.
 */
export type Outcome = { text: string } | { error: string };
type UndefinedReferences = 'empty' | 'literal';

function outcome(run: () => string): Outcome {
  try {
    return { text: run() };
  } catch (e) {
    return { error: e instanceof Error ? `${e.name}: ${e.message}` : `thrown ${String(e)}` };
  }
}

/** Renders with both paths; `handedOver` lists the compiled engine's log lines (templates or renders left to velocityjs). */
export function renderBoth(
  template: string,
  request: VtlRequest,
  undefinedReferences: UndefinedReferences = 'empty',
): { compiled: Outcome; interpreted: Outcome; handedOver: string[] } {
  const handedOver: string[] = [];
  const compiled = createVtlEngine({ engine: 'compiled', undefinedReferences, log: (line) => handedOver.push(line) });
  const interpreted = createVtlEngine({ engine: 'interpreted', undefinedReferences });
  return {
    compiled: outcome(() => compiled.render(template, request)),
    interpreted: outcome(() => interpreted.render(template, request)),
    handedOver,
  };
}

/** Whether the compiled path takes `template` as a whole (undefined), or the construct it leaves to velocityjs. */
export function unsupportedConstruct(template: string): string | undefined {
  const result = compileTemplate(parseTemplate(template), template);
  return 'unsupported' in result ? result.unsupported : undefined;
}

const SKIPPED_FOLDERS = new Set(['node_modules', '.local', 'dist', '.git']);

function templateFiles(folder: string, found: string[] = []): string[] {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (SKIPPED_FOLDERS.has(entry.name)) continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) templateFiles(path, found);
    else if (entry.name === 'template.yaml') found.push(path);
  }
  return found;
}

function collect(value: CfnValue, where: string, into: { where: string; text: string }[]): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      collect(item, `${where}[${i}]`, into);
    });
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const [key, child] of Object.entries(value)) {
    if ((key === 'RequestTemplates' || key === 'ResponseTemplates') && child && typeof child === 'object') {
      for (const [contentType, source] of Object.entries(child)) {
        const text = substitutePlaceholders(source as CfnValue);
        if (text !== undefined) into.push({ where: `${where}.${key}.${contentType}`, text });
      }
    } else {
      collect(child as CfnValue, `${where}.${key}`, into);
    }
  }
}

/** Every RequestTemplates/ResponseTemplates value of every template.yaml in the repository (goldens, examples, fixtures). */
export function repositoryTemplates(root = process.cwd()): { where: string; text: string }[] {
  const found: { where: string; text: string }[] = [];
  for (const file of templateFiles(root).sort()) {
    collect(parseCloudFormation(readFileSync(file, 'utf8'), file), relative(root, file), found);
  }
  return found;
}
