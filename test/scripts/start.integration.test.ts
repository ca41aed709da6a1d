/** `npm start`: flag validation (all problems at once, exit 2), and a real start → serve → SIGTERM cycle. */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { execa } from 'execa';
import { parseCommandLine } from '../../scripts/cli.ts';
import { LOCAL, parseStartOptions, startOptionsFrom, FREE_PORT_FLAGS } from '../../scripts/start-options.ts';
import { connect } from '../../smoke/client.ts';
import { readOutputsFile } from '../../smoke/outputs.ts';
import { echoOnDefault } from '../../smoke/steps/echo.ts';

describe('npm start', () => {
  it('defaults to the documented ports, on-disk data and a real-time Wait scale', () => {
    assert.deepEqual(parseStartOptions([]), {
      configFile: 'ws.config.ts',
      templateFile: 'template.yaml',
      dataDir: '.local/data',
      outputsFile: '.local/outputs.json',
      watch: false,
      localDir: '.local',
      timings: false,
      stack: {
        ports: { edge: 3000, api: 3001, dynamodb: 8000, services: 3002 },
        region: 'us-east-1',
        parameterOverrides: {},
        waitTimeScale: 1,
        iam: 'on',
        logLevel: 'info',
        logFormat: 'text',
        bundleDir: '.local/bundles',
        logDir: '.local/logs',
        dataDir: '.local/data',
        iamDecisionsFile: '.local/logs/iam-decisions.jsonl',
      },
    });
    assert.deepEqual(
      parseStartOptions([
        '--memory',
        '--wait-scale',
        '0.01',
        '--parameter',
        'ApiStageName=v1',
        '--edge-port',
        '0',
        '--api-port',
        '0',
        '--iam',
        'off',
      ]).stack,
      {
        ports: { edge: 0, api: 0, dynamodb: 8000, services: 3002 },
        region: 'us-east-1',
        parameterOverrides: { ApiStageName: 'v1' },
        waitTimeScale: 0.01,
        iam: 'off',
        logLevel: 'info',
        logFormat: 'text',
        bundleDir: '.local/bundles',
        logDir: '.local/logs',
      },
    );
    // Another app keeps its tables beside its own config.
    assert.equal(parseStartOptions(['--config', 'examples/ocpp/ws.config.ts']).dataDir, 'examples/ocpp/.local/data');
  });

  it('runs any template with --template: no config, bundles, data and outputs beside the template unless told otherwise', () => {
    const options = parseStartOptions(['--template', 'apps/chat/template.yaml', '--python', '/usr/bin/python3.11']);
    assert.deepEqual(options, {
      configFile: undefined,
      templateFile: 'apps/chat/template.yaml',
      dataDir: 'apps/chat/.local/data',
      outputsFile: 'apps/chat/.local/outputs.json',
      watch: false,
      localDir: 'apps/chat/.local',
      timings: false,
      stack: {
        ports: { edge: 3000, api: 3001, dynamodb: 8000, services: 3002 },
        region: 'us-east-1',
        parameterOverrides: {},
        waitTimeScale: 1,
        iam: 'on',
        logLevel: 'info',
        logFormat: 'text',
        bundleDir: 'apps/chat/.local/bundles',
        logDir: 'apps/chat/.local/logs',
        python: '/usr/bin/python3.11',
        iamDecisionsFile: 'apps/chat/.local/logs/iam-decisions.jsonl',
        dataDir: 'apps/chat/.local/data',
      },
    });
    const moved = parseStartOptions([
      '--template',
      'chat.json',
      '--local-dir',
      '/tmp/chat-local',
      '--outputs',
      'out.json',
    ]);
    assert.deepEqual(
      [moved.dataDir, moved.outputsFile, moved.stack.bundleDir, moved.stack.logDir],
      ['/tmp/chat-local/data', 'out.json', '/tmp/chat-local/bundles', '/tmp/chat-local/logs'],
    );
    // The package's own command takes templates only; its default is template.yaml where it runs.
    const local = startOptionsFrom(parseCommandLine(LOCAL, []).values, null);
    assert.deepEqual([local.templateFile, local.configFile], ['template.yaml', undefined]);
    // ... and the same services port and log flags as npm start.
    const quiet = startOptionsFrom(
      parseCommandLine(LOCAL, ['--quiet', '--log-format', 'json', '--services-port', '0']).values,
      null,
    );
    assert.deepEqual([quiet.stack.logLevel, quiet.stack.logFormat, quiet.stack.ports?.services], ['warn', 'json', 0]);
    assert.throws(() => parseCommandLine(LOCAL, ['--config', 'ws.config.ts']), /--config: unknown option/);
    assert.throws(() => parseStartOptions(['--config', 'ws.config.ts', '--template', 'chat.exe', '--python', '']), {
      message: [
        '--config and --template: give one, not both',
        '--template: must be a SAM or CloudFormation template file (.yaml, .yml, .json or .template) (got "chat.exe")',
        '--python: must be the path or name of a Python 3 interpreter (got "")',
      ].join('\n'),
    });
  });

  it('names every bad flag, its value and the rule', () => {
    assert.throws(
      () =>
        parseStartOptions([
          '--edge-port',
          '70000',
          '--api-port',
          '8000',
          '--wait-scale',
          'fast',
          '--waf-window-scale',
          '0',
          '--region',
          'mars',
          '--parameter',
          '=x',
          '--memory',
          '--data-dir',
          'd',
          '--config',
          'ws.config.json',
          '--iam',
          'OFF',
        ]),
      {
        message: [
          '--edge-port: must be a port number 0-65535, 0 for any free port (got "70000")',
          '--edge-port, --api-port, --dynamodb-port, --services-port: must differ (got 70000, 8000, 8000, 3002)',
          '--memory and --data-dir: give one, not both',
          '--region: must be a region name such as eu-west-1 (got "mars")',
          '--wait-scale: must be a number >= 0 that multiplies Wait states, e.g. 0.01 (got "fast")',
          `--waf-window-scale: must be a number > 0 that multiplies the web ACL's rate-based windows, e.g. 0.01 (got "0")`,
          '--parameter: must be Name=Value with an alphanumeric template parameter name (got "=x")',
          '--iam: must be on or off (got "OFF")',
          '--config: must be a ws.config.ts file (got "ws.config.json")',
        ].join('\n'),
      },
    );
  });

  it('--waf-window-scale reaches the stack (the web ACL rate windows); 1 is the default and passes nothing', () => {
    assert.equal(parseStartOptions(['--waf-window-scale', '0.01']).stack.wafWindowScale, 0.01);
    assert.equal('wafWindowScale' in parseStartOptions([]).stack, false);
  });

  it('reads the log flags: --quiet is warn, --verbose debug, --log-level and --log-format as given; two of them is an error', () => {
    const logOf = (args: string[]) => {
      const { logLevel, logFormat } = parseStartOptions(args).stack;
      return { logLevel, logFormat };
    };
    assert.deepEqual(logOf(['--quiet']), { logLevel: 'warn', logFormat: 'text' });
    assert.deepEqual(logOf(['--verbose', '--log-format', 'json']), { logLevel: 'debug', logFormat: 'json' });
    assert.deepEqual(logOf(['--log-level', 'error']), { logLevel: 'error', logFormat: 'text' });
    assert.equal(parseStartOptions(['--services-port', '0']).stack.ports?.services, 0);
    assert.throws(
      () => parseStartOptions(['--quiet', '--verbose', '--log-format', 'yaml', '--services-port', '3001']),
      {
        message: [
          '--edge-port, --api-port, --dynamodb-port, --services-port: must differ (got 3000, 3001, 8000, 3001)',
          '--quiet, --verbose: give one of them, not 2',
          '--log-format: must be text or json (got "yaml")',
        ].join('\n'),
      },
    );
    assert.throws(() => parseStartOptions(['--log-level', 'trace']), {
      message: '--log-level: must be debug, info, warn, error (got "trace")',
    });
  });

  it('watches with --watch, not with --no-watch, and by default only at a terminal outside CI (never in this test run)', () => {
    assert.equal(parseStartOptions(['--watch']).watch, true);
    assert.equal(parseStartOptions(['--no-watch']).watch, false);
    assert.equal(parseStartOptions([]).watch, false); // stdout is a pipe here
    assert.equal(startOptionsFrom(parseCommandLine(LOCAL, ['--watch']).values, null).watch, true);
    assert.throws(() => parseStartOptions(['--watch', '--no-watch']), {
      message: '--watch and --no-watch: give one, not both',
    });
  });

  it('exits 2 with the usage on a bad flag, before starting anything', async () => {
    const run = await execa(process.execPath, ['--import', 'tsx', 'scripts/start.ts', '--api-port', 'x'], {
      reject: false,
      all: true,
    });
    assert.equal(run.exitCode, 2);
    assert.match(
      run.all ?? '',
      /^npm start: --api-port: must be a port number 0-65535, 0 for any free port \(got "x"\)\nusage: npm start/,
    );
  });

  it('starts on free ports, writes the outputs, serves clients, and stops cleanly on SIGTERM', async () => {
    const outputsFile = join(mkdtempSync(join(tmpdir(), 'start-')), 'outputs.json');
    const child = execa(
      process.execPath,
      ['--import', 'tsx', 'scripts/start.ts', ...FREE_PORT_FLAGS, '--memory', '--outputs', outputsFile],
      { reject: false, all: true },
    );
    try {
      const deadline = Date.now() + 60_000;
      while (!existsSync(outputsFile) && Date.now() < deadline && child.exitCode === null)
        await new Promise((resolve) => setTimeout(resolve, 100));
      assert.ok(existsSync(outputsFile), 'npm start wrote no outputs file');
      const outputs = readOutputsFile(outputsFile);
      assert.match(readFileSync(outputsFile, 'utf8'), /"DynamoDBEndpoint": "http:\/\/127\.0\.0\.1:\d+"/);
      const client = await connect(`${outputs.Distribution}/this/is/my/custom/path/?my_query=foo`, 10_000);
      await echoOnDefault(client, 'hello from the start test', 10_000);
      child.kill('SIGTERM');
      assert.equal((await client.closedWithin('the close when the stack stops', 10_000)).code, 1001);
    } finally {
      child.kill('SIGTERM');
    }
    const result = await child;
    assert.equal(result.exitCode, 0, result.all);
    assert.match(result.all ?? '', /stopping: closing connections, running \$disconnect, flushing data/);
  });
});
