/** The config fields of own workflows: `functions` and `workflow.definition`. Exact messages. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseConfig } from '../../generator/config/index.ts';
import { problemsOf } from '../support/config-problems.ts';

const flow = (workflow: unknown) => ({
  routes: { flow: { integration: 'stepFunctions', type: 'STANDARD', workflow } },
});

describe('config: functions and workflow definitions', () => {
  it('takes a definition file or a built-in shape, with defaults for functions', () => {
    const config = parseConfig({
      ...flow({ definition: 'workflows/flow.asl.yaml' }),
      functions: { compose: { handler: 'fns/compose.ts' } },
    });
    assert.deepEqual(config.routes['flow'], {
      integration: 'stepFunctions',
      type: 'STANDARD',
      workflow: { definition: 'workflows/flow.asl.yaml' },
      reply: true,
    });
    assert.deepEqual(config.functions, {
      compose: {
        handler: 'fns/compose.ts',
        memorySize: 128,
        timeout: 10,
        environment: {},
        access: { sessions: [], connections: [], tables: {}, queues: {}, statements: [] },
      },
    });
    assert.deepEqual(parseConfig({ routes: {} }).functions, {});
  });

  it('says what a workflow needs: a built-in template or a definition file, never both', () => {
    assert.deepEqual(problemsOf(flow({})), [
      'routes.flow.workflow.definition: required unless template names a built-in workflow ("wait", "wait-then-notify"): your .asl.json or .asl.yaml file (got nothing)',
    ]);
    assert.deepEqual(problemsOf(flow({ definition: 'flow.json' })), [
      'routes.flow.workflow.definition: must be a relative path to a .asl.json or .asl.yaml file (got "flow.json")',
    ]);
    assert.deepEqual(problemsOf(flow({ definition: 7 })), [
      'routes.flow.workflow.definition: must be a string (got 7)',
    ]);
    assert.deepEqual(problemsOf(flow({ template: 'wait', definition: 'flow.asl.json' })), [
      'routes.flow.workflow.definition: unknown field (got "flow.asl.json")',
    ]);
    assert.deepEqual(problemsOf(flow({ template: 'custom', definition: 'flow.asl.json' })), [
      'routes.flow.workflow.template: must be one of "wait", "wait-then-notify" (got "custom")',
    ]);
  });

  it('refuses function names that cannot name a placeholder and a resource, and the route function rules', () => {
    assert.deepEqual(
      problemsOf({
        routes: {},
        functions: {
          Compose: { handler: 'a.ts' },
          'send-mail': { handler: 'b.ts' },
          ok: { handler: 'c.js', timeout: 901, extra: 1 },
        },
      }),
      [
        'functions.Compose: must be 1-64 letters and digits starting with a lower-case letter (it names ${Function_<name>} and the <Name>Function resource) (got "Compose")',
        'functions.send-mail: must be 1-64 letters and digits starting with a lower-case letter (it names ${Function_<name>} and the <Name>Function resource) (got "send-mail")',
        'functions.ok.handler: must be a relative path to a .ts file (got "c.js")',
        'functions.ok.timeout: Too big: expected number to be <=900 (got 901)',
        'functions.ok.extra: unknown field (got 1)',
      ],
    );
  });
});
