/**
 * Config values at AWS's limits: just inside, `generate` writes a template the template checks and
 * the real cfn-lint pass; one step outside, the config is refused with the field, value and rule.
 */
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { before, describe, it } from 'node:test';
import { formatFindings, loadSpecDatabase } from '../../checks/index.ts';
import { lintTemplateFile } from '../../checks/lint-file.ts';
import { CFN_LINT } from '../../checks/optional-tools.ts';
import { ConfigError, parseConfig, type WsConfigInput } from '../../generator/config/index.ts';
import { loadConfigFile, type LoadedConfig } from '../../generator/config/load.ts';
import { renderTemplateYaml } from '../../generator/index.ts';
import { createVtlEngine } from '../../lang/vtl/index.ts';
import { skipWithoutTool } from '../support/optional-tool.ts';
import { writeTemplateText } from '../support/template-variant.ts';

/** The app's config with every bounded value at its limit (`over`: one past it). */
async function boundaryConfig(over: boolean): Promise<WsConfigInput> {
  const step = over ? 1 : 0;
  const raw = structuredClone(
    ((await import(pathToFileURL('ws.config.ts').href)) as { default: WsConfigInput }).default,
  );
  const routes = raw.routes as Record<string, Record<string, unknown>>;
  // Multi-byte characters, so that bytes and characters are counted as AWS counts each.
  const tags: Record<string, string> = { ['é'.repeat(128 + step)]: `line\u2028separated ${'v'.repeat(241 + step)}` };
  for (let i = 1; i < 49 + step; i += 1) tags[`tag${i}`] = `value ${i}`;
  raw.tags = tags;
  raw.description = `${'€'.repeat(341)}${'x'.repeat(1 + step)}`;
  raw.stage = { name: 's'.repeat(128 + step) };
  routes['$default']!['environment'] = { [over ? 'A' : 'AB']: 'é'.repeat(1912) + 'x'.repeat(1 + 2 * step) };
  routes['async_sfn']!['workflow'] = {
    template: 'wait-then-notify',
    waitSeconds: 5,
    message: 'm'.repeat(131_058 + step),
  };
  raw.sessions = {
    ...raw.sessions,
    indexes: [
      {
        name: 'I'.repeat(255 + step),
        attribute: 'customerId',
        source: { from: 'header', name: 'h'.repeat(64 + step) },
      },
    ],
  };
  return raw;
}

describe('config values at AWS limits', () => {
  let app: LoadedConfig;
  before(async () => {
    app = await loadConfigFile('ws.config.ts');
  });

  it('just inside every limit: the template passes the template checks and cfn-lint', async (t) => {
    const config = parseConfig(await boundaryConfig(false), 'boundary.config.ts');
    const file = writeTemplateText(renderTemplateYaml(config, { handlers: app.handlers }), process.cwd());
    const report = await lintTemplateFile(file, loadSpecDatabase(), createVtlEngine());
    assert.equal(formatFindings(report.findings, file), '');
    skipWithoutTool(t, CFN_LINT, report.cfnLint.status === 'ran');
  });

  it('one step outside: every value refused with its field, value and rule', async () => {
    const raw = await boundaryConfig(true);
    assert.throws(
      () => parseConfig(raw, 'boundary.config.ts'),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.deepEqual(
          error.problems.map((problem) => problem.replace(/ \(got [\s\S]*$/, '')),
          [
            "description: must be at most 1024 bytes of UTF-8 (CloudFormation's limit for a template description)",
            'stage.name: must be 1-128 letters, digits, - or _ (API Gateway stage names)',
            'tags: must hold at most 49 tags (AWS allows 50 per resource; SAM adds one)',
            `tags.${'é'.repeat(129)}: must be a tag key of 1-128 characters`,
            `tags.${'é'.repeat(129)}: must be a tag value of at most 256 characters`,
            'sessions.indexes.0.name: must be 3-255 characters of letters, digits, _ . - (DynamoDB index names)',
            'sessions.indexes.0.source.name: must be an HTTP header name: 1-64 letters, digits and -',
            "routes.$default.environment.A: must be an environment variable name: a letter, then at least one letter, digit or _ (Lambda's key pattern)",
            "routes.$default.environment: must total at most 4096 bytes (Lambda's 4 KB: names plus values in UTF-8, with the generated SESSIONS_TABLE counted at 269)",
            'routes.async_sfn.workflow.message: must fit API Gateway\'s 128 KB message payload as {"Message": message}',
          ],
        );
        return true;
      },
    );
  });
});
