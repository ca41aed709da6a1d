/**
 * The smoke suite can fail: run through `npm run smoke` (scripts/smoke.ts) against local stacks
 * started from broken templates, it exits 1 and names the failing steps, while the steps the
 * breakage does not touch still pass.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { execa } from 'execa';
import type { CfnObject, CfnTemplate } from '../../cfn/types.ts';
import { startLocalStack } from '../../local/stack/index.ts';
import { removeRoute, writeTemplateVariant } from '../support/template-variant.ts';

async function smokeAgainst(templateFile: string): Promise<{ exitCode: number | undefined; output: string }> {
  const stack = await startLocalStack({
    templateFile,
    waitTimeScale: 0.01,
    bundleDir: mkdtempSync(join(tmpdir(), 'broken-bundles-')),
    log: () => {},
  });
  try {
    const outputsFile = join(mkdtempSync(join(tmpdir(), 'broken-outputs-')), 'outputs.json');
    writeFileSync(outputsFile, JSON.stringify(stack.outputs));
    // Asynchronous on purpose: the stack answers from this process while the suite runs in a child.
    const run = await execa(
      process.execPath,
      [
        '--import',
        'tsx',
        'scripts/smoke.ts',
        '--outputs',
        outputsFile,
        '--step-timeout',
        '3000',
        '--callback-timeout',
        '3000',
      ],
      { reject: false, all: true },
    );
    return { exitCode: run.exitCode, output: run.all ?? '' };
  } finally {
    await stack.stop();
  }
}

/** A $connect request template that renders invalid JSON: DynamoDB refuses it, so the handshake must fail. */
function breakConnectTemplate(template: CfnTemplate): void {
  const integration = Object.values(template.Resources).find(
    (resource) =>
      resource.Type === 'AWS::ApiGatewayV2::Integration' &&
      JSON.stringify((resource.Properties as CfnObject)['IntegrationUri']).includes('dynamodb:action/PutItem'),
  );
  const templates = (integration?.Properties as CfnObject | undefined)?.['RequestTemplates'] as
    | { $default: { 'Fn::Sub': string } }
    | undefined;
  if (!templates) throw new Error('template.yaml: no $connect PutItem integration found');
  // The record's closing brace (before the refusal branch's #end).
  templates.$default['Fn::Sub'] = templates.$default['Fn::Sub'].replace(/}(\s*#end\s*)$/, '$1');
}

describe('the smoke suite against a broken stack', () => {
  it('fails the $default steps, by name, when the $default route is missing', async () => {
    const { exitCode, output } = await smokeAgainst(
      writeTemplateVariant('template.yaml', (template) => removeRoute(template, '$default')),
    );
    assert.equal(exitCode, 1, output);
    assert.match(output, /✖ \$default \(lambda\): answers the sender/);
    assert.match(output, /\$default: an error answer: \{"message": "Forbidden"/);
    assert.match(output, /✔ sync_sfn \(express wait\): answers the sender/);
    // Only the $default step: the others learn connection IDs from the table and @connections, not a $default echo.
    assert.match(output, /ℹ fail 1\b/);
  });

  it('fails every connecting step with the handshake status when the $connect template is broken', async () => {
    const { exitCode, output } = await smokeAgainst(writeTemplateVariant('template.yaml', breakConnectTemplate));
    assert.equal(exitCode, 1, output);
    assert.match(output, /✖ Distribution: a query string reaches the session record/);
    assert.match(output, /handshake refused with HTTP 500/);
    assert.match(output, /✔ APIEndpoint: a path other than the stage is refused with 403/);
    // The stage path rule, and the two edge-only steps (a direct client is refused either way).
    assert.match(output, /✔ APIEndpoint: a client that skips the edge is refused without the edge's secret header/);
    assert.match(output, /ℹ pass 3\b/);
  });

  it("fails a route whose code no longer does what the config's smoke check declares (chat's broadcast lost)", async () => {
    // The same entry point name, but a handler that accepts the message and sends nothing (a regression).
    const handlers = mkdtempSync(join(tmpdir(), 'silent-chat-'));
    writeFileSync(join(handlers, 'send-message.ts'), 'export const handler = async () => ({ statusCode: 200 });\n');
    const { exitCode, output } = await smokeAgainst(
      writeTemplateVariant('examples/chat/template.yaml', (template) => {
        const fn = Object.values(template.Resources).find((resource) => resource.Type === 'AWS::Serverless::Function');
        (fn!.Properties as CfnObject)['CodeUri'] = `${handlers}/`;
      }),
    );
    assert.equal(exitCode, 1, output);
    assert.match(output, /✖ sendmessage \(lambda\): does what the config's smoke check says/);
    assert.match(
      output,
      /sendmessage: (the sender|another connection): no message containing "hello from smoke-[0-9a-f]{8}" within 3000 ms \(got nothing\)/,
    );
    assert.match(output, /ℹ fail 1\b/);
  });
});
