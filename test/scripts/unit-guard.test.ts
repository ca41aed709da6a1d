/**
 * Unit test files run with test/support/unit-guard.ts preloaded (scripts/run-tests.ts): this file
 * is one, so starting a server or a child process here must throw, naming the rule.
 */
import assert from 'node:assert/strict';
import childProcess, { execFile, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import net from 'node:net';
import { describe, it } from 'node:test';

const RULE = /in a unit test: a test that starts servers or child processes belongs in a \*\.integration\.test\.ts file$/;

describe('the unit-test guard', () => {
  it('refuses to listen on a socket, for net and http servers alike', () => {
    assert.throws(() => net.createServer().listen(0, '127.0.0.1'), { message: /^listening on a socket \(net\.Server\.listen\)/ });
    assert.throws(() => createServer().listen(0, '127.0.0.1'), { message: RULE });
  });

  it('refuses to start a child process, through named imports and the module object alike', () => {
    assert.throws(() => spawn(process.execPath, ['-e', '']), { message: /^starting a child process \(child_process\.spawn\)/ });
    assert.throws(() => spawnSync(process.execPath, ['-e', '']), { message: RULE });
    assert.throws(() => execFile(process.execPath, ['-e', '']), { message: RULE });
    assert.throws(() => childProcess.fork('missing.js'), { message: /^starting a child process \(child_process\.fork\)/ });
    assert.throws(() => childProcess.execSync('true'), { message: RULE });
  });
});
