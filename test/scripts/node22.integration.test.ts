/**
 * The compiled CLIs on Node.js 22, which GitHub Actions runs (the deploy workflow's generate check and smoke) and
 * users may: from 22.18 Node strips types by default, and the compiled CLI then imported `ws.config.ts` natively,
 * pulling the generator's own sources behind it, which stripping refuses (ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX: a
 * parameter property), while every Node 20 test passed. Needs a Node 22 binary: `NODE22`, or `.ci/fetch-node22`.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { execa } from 'execa';
import { type CompiledStart, launchCompiledStart } from '../../bench/startup/compiled-start.ts';
import { NODE22 } from '../../checks/optional-tools.ts';
import { packageCacheFolder, packageRoot } from '../../shared/package-file.ts';
import { connect } from '../../smoke/client.ts';
import { edgeUrl, parseStackOutputs } from '../../smoke/outputs.ts';
import { echoOnDefault } from '../../smoke/steps/echo.ts';
import { skipWithoutTool } from '../support/optional-tool.ts';

const ROOT = packageRoot(import.meta.url);

/** The Node 22 binary and its version, or why there is none. */
async function findNode22(): Promise<{ node: string } | { missing: string }> {
  const node = process.env['NODE22'] ?? join(packageCacheFolder(import.meta.url, 'node22'), 'bin', 'node');
  if (!existsSync(node)) return { missing: `no file ${node}` };
  const { stdout } = await execa(node, ['--version'], { reject: false });
  return stdout.startsWith('v22.') ? { node } : { missing: `${node} --version says ${JSON.stringify(stdout)}` };
}

describe('compiled CLIs on Node.js 22', () => {
  let node22: { node: string } | { missing: string };
  before(async () => {
    node22 = await findNode22();
  });

  it('generate --check finds every template up to date', async (t) => {
    if (skipWithoutTool(t, NODE22, 'node' in node22, 'missing' in node22 ? node22.missing : undefined)) return;
    if (!('node' in node22)) return;
    const result = await execa(node22.node, [join(ROOT, 'bin', 'compiled.mjs'), 'generate', '--check'], {
      cwd: ROOT,
      reject: false,
      all: true,
    });
    assert.equal(result.exitCode, 0, result.all);
    assert.match(result.all ?? '', /^template\.yaml: up to date$/m);
    assert.doesNotMatch(result.all ?? '', /ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX|SyntaxError/);
  });

  describe('npm start', () => {
    let stack: CompiledStart | undefined;
    after(() => stack?.stop());

    it('writes its outputs and echoes a message through the edge', async (t) => {
      if (skipWithoutTool(t, NODE22, 'node' in node22, 'missing' in node22 ? node22.missing : undefined)) return;
      if (!('node' in node22)) return;
      stack = await launchCompiledStart({ node: node22.node });
      const client = await connect(`${edgeUrl(parseStackOutputs(stack.outputs, 'node 22 stack'))}/node22`, 10_000);
      try {
        const echo = await echoOnDefault(client, 'hello from node 22', 10_000);
        assert.equal(echo.requestContext.stage.length > 0, true);
      } finally {
        await client.close();
      }
    });
  });
});
