/**
 * A user's edited config: a copy of ws.config.ts in a temporary folder with routes renamed (sync_sfn, async_sfn), a
 * different session TTL, another notify message and a route selection field of its own, generated and started
 * locally; the smoke suite, unchanged, derives its steps from the new stack's outputs and passes.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after } from 'node:test';
import { parseStackOutputs } from '../../smoke/outputs.ts';
import { DEFAULT_SMOKE_SETTINGS } from '../../smoke/settings.ts';
import { defineSmokeSuite } from '../../smoke/suite.ts';
import { startGeneratedStack } from '../support/generated-stack.ts';

/** Each edit must hit exactly once, so a change to the shipped config cannot turn this test into a no-op. */
function edit(text: string, from: string, to: string): string {
  assert.equal(text.split(from).length, 2, `ws.config.ts: expected exactly one ${JSON.stringify(from)} to edit`);
  return text.replace(from, to);
}

let config = readFileSync('ws.config.ts', 'utf8');
config = edit(
  config,
  "from './generator/config/index.ts'",
  `from ${JSON.stringify(resolve('generator/config/index.ts'))}`,
);
config = edit(config, "handler: 'handlers/default.ts'", `handler: ${JSON.stringify(resolve('handlers/default.ts'))}`);
config = edit(
  config,
  "routeSelectionExpression: '$request.body.action'",
  "routeSelectionExpression: '$request.body.op'",
);
config = edit(config, '    sync_sfn: {', '    quick: {');
config = edit(config, '    async_sfn: {', "    'later-please': {");
config = edit(config, 'seconds: 86_400', 'seconds: 1_234');
config = edit(config, "message: 'Hello from asynchronous workflow execution!'", "message: 'done, later'");
const file = join(mkdtempSync(join(tmpdir(), 'edited-config-')), 'ws.config.ts');
writeFileSync(file, config);

const stack = await startGeneratedStack(file, { waitTimeScale: 0.01 });
after(async () => {
  await stack.stop();
});

const outputs = parseStackOutputs(stack.outputs, 'edited local stack');
// The edits reached the outputs the suite reads (else it would pass by checking the shipped config).
assert.equal(outputs.SessionTtlSeconds, 1234);
assert.equal(outputs.RouteSelectionExpression, '$request.body.op');
assert.deepEqual(
  outputs.SmokeRoutes?.map((route) => route.key),
  ['$connect', '$disconnect', '$default', 'quick', 'later-please'],
);
defineSmokeSuite(outputs, { ...DEFAULT_SMOKE_SETTINGS, stepTimeoutMs: 10_000, callbackTimeoutMs: 10_000 });
