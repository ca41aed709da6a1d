/** The config refuses what AWS refuses: exact messages, with the field, the value and the rule. */
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { ConfigError, parseConfig, type WsConfigInput } from '../../generator/config/index.ts';
import { loadConfigFile } from '../../generator/config/load.ts';
import { problemsOf } from '../support/config-problems.ts';
import { generateTemplate } from '../../generator/index.ts';

const lambda = { integration: 'lambda', handler: 'handlers/default.ts' };
const workflow = { integration: 'stepFunctions', type: 'EXPRESS', workflow: { template: 'wait' } };

describe('AWS rules in the config', () => {
  it("tags: the aws: prefix in any case, lengths, the character pattern, SAM's own keys", () => {
    assert.deepEqual(
      problemsOf({
        routes: {},
        tags: {
          'aws:team': 'x',
          'AWS:Env': 'y',
          '': 'z',
          'a!b': 'v',
          ok: 'has#hash',
          'lambda:createdBy': 'me',
          rtl: 'a\u202eb',
        },
      }),
      [
        'tags.aws:team: must not start with "aws:" (reserved by AWS, in any case) (got "aws:team")',
        'tags.AWS:Env: must not start with "aws:" (reserved by AWS, in any case) (got "AWS:Env")',
        'tags.: must be a tag key of 1-128 characters (got "")',
        'tags.a!b: must be a tag key of letters, digits, white space and _ . : / = + - @ (AWS tag pattern) (got "a!b")',
        'tags.ok: must be a tag value of letters, digits, white space and _ . : / = + - @ (AWS tag pattern) (got "has#hash")',
        'tags.lambda:createdBy: is a tag SAM sets itself on functions and state machines (got "lambda:createdBy")',
        // A bidi override in a message is shown escaped, so it cannot reorder the terminal line.
        'tags.rtl: must be a tag value of letters, digits, white space and _ . : / = + - @ (AWS tag pattern) (got "a\\u202eb")',
      ],
    );
  });

  it('tags: keys equal but for case, and empty values on a stack with state machines', () => {
    assert.deepEqual(problemsOf({ routes: { flow: workflow }, tags: { Team: 'a', team: 'b', empty: '' } }), [
      'tags.team: must differ from "Team" in more than case (IAM roles treat tag keys case-insensitively) (got "team")',
      'tags.empty: must not be empty: the workflow routes\' state machines refuse empty tag values (got "")',
    ]);
    assert.equal(
      parseConfig({ routes: {}, tags: { empty: '', 'white space\u2028and letters é': 'ünïcode 3' } }).tags['empty'],
      '',
    );
  });

  it("environment: Lambda's name pattern, reserved names, the generator's name, valid Unicode", () => {
    assert.deepEqual(
      problemsOf({
        routes: {
          $default: {
            ...lambda,
            environment: { A: 'x', '1A': 'y', AWS_REGION: 'z', SESSIONS_TABLE: 't', OK: 'a\ud800' },
          },
        },
      }),
      [
        'routes.$default.environment.A: must be an environment variable name: a letter, then at least one letter, digit or _ (Lambda\'s key pattern) (got "A")',
        'routes.$default.environment.1A: must be an environment variable name: a letter, then at least one letter, digit or _ (Lambda\'s key pattern) (got "1A")',
        'routes.$default.environment.AWS_REGION: is reserved by the Lambda runtime and cannot be set (got "AWS_REGION")',
        'routes.$default.environment.SESSIONS_TABLE: is set by the generator (the sessions table name) (got "SESSIONS_TABLE")',
        'routes.$default.environment.OK: must be valid Unicode text (it holds a lone UTF-16 surrogate, which UTF-8 cannot encode) (got "a\\ud800")',
      ],
    );
  });

  it('environment: 4 KB of names plus values, the generated SESSIONS_TABLE counted at its longest', () => {
    const fits = { BIG: 'x'.repeat(4096 - 269 - 3) };
    assert.deepEqual(parseConfig({ routes: { $default: { ...lambda, environment: fits } } }).routes['$default'], {
      ...lambda,
      memorySize: 128,
      timeout: 10,
      environment: fits,
      access: { sessions: [], connections: [], tables: {}, queues: {}, statements: [] },
      reply: true,
    });
    assert.deepEqual(
      problemsOf({
        routes: {},
        connect: { authorization: { type: 'REQUEST', handler: 'auth.ts', environment: { BIG: `${fits.BIG}x` } } },
      }),
      [
        'connect.authorization.environment: must total at most 4096 bytes (Lambda\'s 4 KB: names plus values in UTF-8, with the generated SESSIONS_TABLE counted at 269) (got "4097 bytes")',
      ],
    );
  });

  it('an index source name with a quote is a config error, not a stack trace from the VTL writer', () => {
    assert.deepEqual(
      problemsOf({
        routes: {},
        sessions: {
          indexes: [
            { name: 'ByX', attribute: 'x', source: { from: 'header', name: 'x"y' } },
            { name: 'ByY', attribute: 'y', source: { from: 'query', name: "a'b" } },
          ],
        },
      }),
      [
        'sessions.indexes.0.source.name: must be an HTTP header name: 1-64 letters, digits and - (got "x\\"y")',
        'sessions.indexes.1.source.name: must be a query-string parameter name: 1-64 letters, digits, _ . ~ - (got "a\'b")',
      ],
    );
  });

  it('every name the VTL writer takes as a literal, `~` included, renders', async () => {
    const loaded = await loadConfigFile('ws.config.ts');
    const config = parseConfig({
      routes: {},
      sessions: { indexes: [{ name: 'ByX', attribute: 'x', source: { from: 'query', name: 'a~b.c_d-e' } }] },
    });
    assert.ok(generateTemplate(config, { handlers: loaded.handlers }).Resources['ConnectIntegration']);
  });

  it('description: 1024 bytes of UTF-8, not characters; text must be valid Unicode', () => {
    assert.deepEqual(problemsOf({ routes: {}, description: 'é'.repeat(513) }), [
      `description: must be at most 1024 bytes of UTF-8 (CloudFormation's limit for a template description) (got "${'é'.repeat(76)}...)`,
    ]);
    assert.deepEqual(
      problemsOf({
        routes: {
          a: {
            integration: 'stepFunctions',
            type: 'STANDARD',
            workflow: { template: 'wait-then-notify', message: 'x\udc00' },
          },
        },
      }),
      [
        'routes.a.workflow.message: must be valid Unicode text (it holds a lone UTF-16 surrogate, which UTF-8 cannot encode) (got "x\\udc00")',
      ],
    );
  });

  it("the subprotocol $connect function's generated environment over 4 KB is a config error naming connect", async () => {
    const ocppFile = 'examples/ocpp/ws.config.ts';
    const raw = structuredClone(((await import(pathToFileURL(ocppFile).href)) as { default: WsConfigInput }).default);
    raw.connect!.subprotocols = Array.from({ length: 32 }, (_, i) => `p${i}`.padEnd(64, 'x'));
    raw.connect!.authorization = {
      ...raw.connect!.authorization,
      contextKeys: ['chargePointId', ...Array.from({ length: 31 }, (_, i) => `k${i}`.padEnd(64, 'x'))],
    } as never;
    const loaded = await loadConfigFile(ocppFile);
    assert.throws(
      () => generateTemplate(parseConfig(raw), { handlers: loaded.handlers, source: ocppFile }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.equal(error.source, ocppFile);
        assert.deepEqual(
          error.problems.map((p) => p.replace(/\d+ bytes/g, 'N bytes')),
          [
            "connect (the subprotocol $connect function: subprotocols, indexes, authorizer context keys): the function's environment (SESSIONS_TABLE, SESSION_RECORD, ORIGIN_SECRETS, SUBPROTOCOLS, REQUIRE_SUBPROTOCOL) would hold up to N bytes; Lambda allows 4096 (names plus values, references counted at 255) (got N bytes)",
          ],
        );
        return true;
      },
    );
  });
});
