/**
 * `npm run generate`: ws.config.ts → template.yaml, and every examples/<name>/ws.config.ts → its
 * template.yaml, and deploy/bootstrap.yaml (the GitHub OIDC deploy roles, generator/bootstrap). All targets
 * are generated in memory first, so a bad config writes nothing.
 * `--check`: write nothing, exit 1 and show the difference when a committed template is stale.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ConfigError } from '../generator/config/index.ts';
import { configFiles, loadConfigFile } from '../generator/config/load.ts';
import { deployNeedsOf, renderBootstrapYaml } from '../generator/bootstrap/index.ts';
import { generateTemplate, renderTemplate } from '../generator/index.ts';
import type { CfnTemplate } from '../cfn/types.ts';
import { createPartialRenderer } from '../generator/render/partials.ts';
import { runCommandAsProcess, UsageError } from './cli.ts';
import { firstDifference } from './text-diff.ts';

const BOOTSTRAP_TEMPLATE = 'deploy/bootstrap.yaml';
const ROOT_TEMPLATE = 'template.yaml';

const GENERATE = {
  name: 'npm run generate',
  usage: [
    'usage: npm run generate -- [--check] [CONFIG_FILE ...]',
    '  CONFIG_FILE   a ws.config.ts; its template.yaml is written beside it',
    '                (default: ws.config.ts, every examples/*/ws.config.ts and deploy/bootstrap.yaml)',
    '  --check       write nothing; exit 1 and show the first difference when a template is stale',
  ].join('\n'),
  options: { check: { type: 'boolean', default: false } },
  allowPositionals: true,
} as const;

async function main({ values, positionals }: { values: { check: boolean }; positionals: string[] }): Promise<number> {
  const notConfigs = positionals.filter((file) => !file.endsWith('.ts'));
  if (notConfigs.length > 0)
    throw new UsageError(notConfigs.map((file) => `${file}: must be a ws.config.ts file`).join('\n'));
  const files = positionals.length > 0 ? positionals : configFiles(process.cwd());
  // Loaded together (the compiled CLI compiles each config with esbuild, which works on them in parallel);
  // a problem is reported for the first bad config in file order, as when they were loaded one by one.
  const settled = await Promise.allSettled(files.map((file) => loadConfigFile(file)));
  const partials = createPartialRenderer();
  const rendered: { templateFile: string; yaml: string }[] = [];
  let rootTemplate: CfnTemplate | undefined;
  for (const result of settled) {
    if (result.status === 'rejected') throw result.reason;
    const loaded = result.value;
    const template = generateTemplate(loaded.config, {
      ...loaded,
      partials,
      source: relative(process.cwd(), loaded.file),
    });
    if (loaded.templateFile === join(process.cwd(), ROOT_TEMPLATE)) rootTemplate = template;
    rendered.push({ templateFile: loaded.templateFile, yaml: renderTemplate(template) });
  }
  // The deploy roles are derived from the root stack's template: they deploy that stack.
  if (positionals.length === 0 && rootTemplate !== undefined) {
    rendered.push({
      templateFile: join(process.cwd(), BOOTSTRAP_TEMPLATE),
      yaml: renderBootstrapYaml(deployNeedsOf(rootTemplate, ROOT_TEMPLATE)),
    });
  }
  let stale = 0;
  for (const { templateFile, yaml } of rendered) {
    const name = relative(process.cwd(), templateFile);
    const current = existsSync(templateFile) ? readFileSync(templateFile, 'utf8') : undefined;
    if (current === yaml) {
      console.log(`${name}: up to date`);
    } else if (values.check) {
      stale += 1;
      console.error(
        `${name}: stale; run \`npm run generate\`\n${current === undefined ? '  (missing)' : firstDifference(current, yaml)}`,
      );
    } else {
      writeFileSync(templateFile, yaml);
      console.log(`${name}: written`);
    }
  }
  return stale > 0 ? 1 : 0;
}

runCommandAsProcess(
  GENERATE,
  main,
  2,
  (error) => (error instanceof ConfigError ? error.message : error),
  'exit-at-once',
);
