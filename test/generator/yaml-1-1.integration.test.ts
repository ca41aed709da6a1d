/**
 * Every template the project writes, and templates from configs with hostile strings in every
 * free-text field, read by PyYAML (YAML 1.1: cfn-lint, the SAM CLI) give the same data as the
 * project's YAML 1.2 parser, and that data holds the config's strings unchanged.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { before, describe, it } from 'node:test';
import type { CfnObject, CfnTemplate } from '../../cfn/types.ts';
import { parseCloudFormation, stringifyCloudFormation } from '../../cfn/yaml.ts';
import { parseConfig, type WsConfigInput } from '../../generator/config/index.ts';
import { configFiles, loadConfigFile, type LoadedConfig } from '../../generator/config/load.ts';
import { generateTemplate } from '../../generator/index.ts';
import { loadersOrSkip, readWithPyYaml } from '../support/pyyaml.ts';
import { placementsOf } from '../support/yaml-placements.ts';

const DANGEROUS = [
  '\u0085',
  '\u2028',
  '\u2029',
  '\0',
  '\u0007',
  '\u001b',
  '\u007f',
  '\u0080',
  '\u009f',
  '\ufeff',
  '\ufffe',
  '\uffff',
  '\t',
  '\r',
  '\r\n',
  '\u200b',
  '\u202e',
  '\u00a0',
  '\u3000',
  '😀',
  '"',
  "'",
  '\\',
  '\n',
  '#',
  ': ',
  '- ',
  '=',
  '<<',
];
const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

async function rawConfig(file: string): Promise<WsConfigInput> {
  return structuredClone(((await import(pathToFileURL(file).href)) as { default: WsConfigInput }).default);
}

/** The app's and the OCPP example's configs, every free-text field holding `char` in every placement. */
function hostileVariants(app: WsConfigInput, ocpp: WsConfigInput, char: string): WsConfigInput[] {
  const texts = placementsOf(char);
  const environment = Object.fromEntries(texts.map((text, i) => [`HOSTILE_${i}`, text]));
  const tags = TAG_TEXT.test(char) ? { [`key${char}x`]: `value${char}`, [`only${char}`]: char } : {};
  const withApp = structuredClone(app) as { routes: Record<string, Record<string, unknown>> } & WsConfigInput;
  withApp.description = texts[0]!;
  withApp.tags = tags;
  withApp.routes['$default']!['environment'] = environment;
  withApp.routes['async_sfn']!['workflow'] = { template: 'wait-then-notify', waitSeconds: 5, message: texts.join('|') };
  const withOcpp = structuredClone(ocpp) as { connect: { authorization: Record<string, unknown> } } & WsConfigInput;
  withOcpp.description = texts.at(-1)!;
  withOcpp.connect.authorization['environment'] = environment;
  return [withApp, withOcpp];
}

describe('YAML 1.1 readers see the templates the project sees', () => {
  let app: LoadedConfig;
  let ocpp: LoadedConfig;
  before(async () => {
    app = await loadConfigFile('ws.config.ts');
    ocpp = await loadConfigFile('examples/ocpp/ws.config.ts');
  });

  it('every committed template: template.yaml, each example, deploy/bootstrap.yaml', (t) => {
    const files = [
      ...configFiles(process.cwd()).map((config) => join(dirname(config), 'template.yaml')),
      join(process.cwd(), 'deploy', 'bootstrap.yaml'),
    ];
    assertSameInBoth(
      t,
      files.map((file) => ({ name: relative(process.cwd(), file), text: readFileSync(file, 'utf8') })),
    );
  });

  it('templates from configs with each dangerous character in description, tags, environment values and messages', async (t) => {
    const [appRaw, ocppRaw] = [await rawConfig('ws.config.ts'), await rawConfig('examples/ocpp/ws.config.ts')];
    const rendered = DANGEROUS.flatMap((char) =>
      hostileVariants(appRaw, ocppRaw, char).map((raw, i) => {
        const loaded = i === 0 ? app : ocpp;
        const config = parseConfig(raw, 'hostile.config.ts');
        const template = generateTemplate(config, loaded);
        const text = stringifyCloudFormation(template);
        assertStringsKept(parseCloudFormation(text) as unknown as CfnTemplate, raw, JSON.stringify(char));
        return { name: `${i === 0 ? 'ws.config.ts' : 'ocpp'} with ${JSON.stringify(char)}`, text };
      }),
    );
    assertSameInBoth(t, rendered);
  });
});

/** The parsed template holds the hostile config's strings exactly where the config put them. */
function assertStringsKept(template: CfnTemplate, raw: WsConfigInput, label: string): void {
  assert.equal(template.Description, raw.description, `${label}: Description`);
  const functions = Object.values(template.Resources).filter((r) => r.Type === 'AWS::Serverless::Function');
  const expected = Object.values(raw.routes ?? {})
    .map((route) => (route as { environment?: Record<string, string> }).environment)
    .concat((raw.connect?.authorization as { environment?: Record<string, string> } | undefined)?.environment)
    .find((environment) => environment !== undefined);
  const variables = functions.map(
    (f) => ((f.Properties as CfnObject)['Environment'] as { Variables: Record<string, unknown> }).Variables,
  );
  assert.ok(
    variables.some((v) => Object.entries(expected ?? {}).every(([name, value]) => v[name] === value)),
    `${label}: environment values`,
  );
  for (const resource of Object.values(template.Resources)) {
    const tags = (resource.Properties as CfnObject | undefined)?.['Tags'];
    if (tags !== undefined && !Array.isArray(tags)) assert.deepEqual(tags, raw.tags ?? {}, `${label}: tags`);
  }
  const message = (raw.routes?.['async_sfn'] as { workflow?: { message?: string } } | undefined)?.workflow?.message;
  if (message !== undefined) {
    const machines = Object.values(template.Resources).filter((r) => r.Type === 'AWS::Serverless::StateMachine');
    assert.ok(
      machines.some((machine) => holdsString(machine.Properties, message)),
      `${label}: workflow message`,
    );
  }
}

/** Whether a string equal to `text` sits anywhere in `value`. */
function holdsString(value: unknown, text: string): boolean {
  if (typeof value === 'string') return value === text;
  if (value === null || typeof value !== 'object') return false;
  return Object.values(value).some((child) => holdsString(child, text));
}

function assertSameInBoth(t: Parameters<typeof loadersOrSkip>[0], templates: { name: string; text: string }[]): void {
  const ours = templates.map(({ text, name }) => parseCloudFormation(text, name));
  for (const loader of loadersOrSkip(t)) {
    const results = readWithPyYaml(
      templates.map(({ text }) => text),
      loader,
    );
    results.forEach((result, i) => {
      const { name } = templates[i]!;
      assert.ok('data' in result, `${loader} refused ${name}: ${'error' in result ? result.error : ''}`);
      assert.deepEqual(result.data, ours[i], `${loader} reads ${name} otherwise than the project parser`);
    });
  }
}
