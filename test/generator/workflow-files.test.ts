/**
 * The config loader reads `workflow.definition` files and `functions` handlers relative to the config: every
 * problem with them is a config problem, all of them at once, exact messages.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError } from '../../generator/config/index.ts';
import { loadConfigFile, type LoadedConfig } from '../../generator/config/load.ts';

/** Writes a config (plain object, no imports) and its files into a fresh folder. */
function writeApp(config: unknown, files: Record<string, string>): string {
  const directory = mkdtempSync(join(tmpdir(), 'workflow-app-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(directory, name)), { recursive: true });
    writeFileSync(join(directory, name), text);
  }
  const file = join(directory, 'ws.config.ts');
  writeFileSync(file, `export default ${JSON.stringify(config)};\n`);
  return file;
}

async function problemsLoading(config: unknown, files: Record<string, string>): Promise<string[]> {
  try {
    await loadConfigFile(writeApp(config, files));
  } catch (error) {
    assert.ok(error instanceof ConfigError, String(error));
    return error.problems;
  }
  return assert.fail('the config was loaded');
}

const route = (definition: string) => ({ integration: 'stepFunctions', type: 'EXPRESS', workflow: { definition } });
const PASS = JSON.stringify({ StartAt: 'Done', States: { Done: { Type: 'Pass', End: true } } });

describe('workflow definition files and function handlers', () => {
  it('reads JSON and YAML definitions into the loaded config, and resolves function handlers', async () => {
    const loaded: LoadedConfig = await loadConfigFile(
      writeApp(
        {
          routes: { a: route('flows/a.asl.json'), b: route('flows/b.asl.yaml') },
          functions: { compose: { handler: 'fns/compose.ts' } },
        },
        {
          'flows/a.asl.json': PASS,
          'flows/b.asl.yaml':
            'StartAt: Call\nStates:\n  Call:\n    Type: Task\n    Resource: ${Function_compose}\n    End: true\n',
          'fns/compose.ts': 'export const handler = async () => ({});\n',
        },
      ),
    );
    assert.deepEqual(loaded.workflows.get('a'), { file: 'flows/a.asl.json', definition: JSON.parse(PASS) });
    assert.deepEqual(loaded.workflows.get('b')?.definition, {
      StartAt: 'Call',
      States: { Call: { Type: 'Task', Resource: '${Function_compose}', End: true } },
    });
    assert.deepEqual(loaded.functions.get('compose'), {
      codeUri: 'fns/',
      entryPoint: 'compose.ts',
      handler: 'compose.handler',
    });
  });

  it('names every file problem at once: missing, not JSON, duplicate keys, not an object, not ASL, and a missing handler', async () => {
    const problems = await problemsLoading(
      {
        routes: {
          missing: route('none.asl.json'),
          broken: route('broken.asl.json'),
          twice: route('twice.asl.yaml'),
          list: route('list.asl.json'),
          invalid: route('invalid.asl.json'),
          tagged: route('tagged.asl.yaml'),
        },
        functions: { compose: { handler: 'compose.ts' } },
      },
      {
        'broken.asl.json': '{"StartAt": "A",',
        'twice.asl.yaml': 'StartAt: A\nStartAt: B\nStates: {}\n',
        'list.asl.json': '[]',
        'invalid.asl.json': JSON.stringify({ StartAt: 'Missing', States: { A: { Type: 'Pass', End: true } } }),
        'tagged.asl.yaml': 'StartAt: A\nStates:\n  A:\n    Type: Pass\n    Result: !Ref Secret\n    End: true\n',
      },
    );
    // JSON.parse's own words differ between Node.js versions: the line is checked around them.
    const broken = problems.splice(2, 1)[0] ?? '';
    assert.match(broken, /^routes\.broken\.workflow\.definition: is not valid JSON: \S.* \(got "broken\.asl\.json"\)$/);
    assert.deepEqual(problems, [
      'functions.compose.handler: file does not exist relative to the config (got "compose.ts")',
      'routes.missing.workflow.definition: file does not exist relative to the config (got "none.asl.json")',
      'routes.twice.workflow.definition: is not valid YAML: Map keys must be unique at line 2, column 1: (got "twice.asl.yaml")',
      'routes.list.workflow.definition: must hold a state machine definition: an object with StartAt and States (got "list.asl.json")',
      'routes.invalid.workflow.definition: is not valid Amazon States Language: ' +
        "State A is not reachable; Missing 'StartAt'|'Next'|'Default' target: Missing (got \"invalid.asl.json\")",
      'routes.tagged.workflow.definition: is not valid YAML: Unresolved tag: !Ref at line 5, column 13: (got "tagged.asl.yaml")',
    ]);
  });

  it("refuses a definition over Step Functions' 1 MB limit before reading it", async () => {
    const big = JSON.stringify({
      StartAt: 'A',
      States: { A: { Type: 'Pass', Result: 'x'.repeat(1_048_576), End: true } },
    });
    assert.deepEqual(await problemsLoading({ routes: { big: route('big.asl.json') } }, { 'big.asl.json': big }), [
      `routes.big.workflow.definition: is ${Buffer.byteLength(big)} bytes; Step Functions takes definitions of at most 1048576 bytes (got "big.asl.json")`,
    ]);
  });

  it("reports what a definition needs that the config does not declare, with the file's other problems", async () => {
    const definition = JSON.stringify({
      StartAt: 'Call',
      States: { Call: { Type: 'Task', Resource: '${Function_compose}', End: true } },
    });
    assert.deepEqual(
      await problemsLoading({ routes: { flow: route('flow.asl.json') } }, { 'flow.asl.json': definition }),
      [
        'routes.flow.workflow.definition: state "Call" Resource: ${Function_compose} is not a substitution the config provides; ' +
          'use one of ${ApiEndpoint}, ${Stage}, ${SessionsTable} (got "${Function_compose}")',
      ],
    );
  });
});
