/**
 * Backends reach @connections however they build the URL: the connections-reach fixture's Node.js and Python
 * handlers build `https://${domainName}/${stage}` and `https://${apiId}.execute-api.${region}.amazonaws.com/${stage}`
 * themselves, unchanged from how they run on AWS, and answer a real WebSocket client through it. Only the API's
 * own host names are redirected inside the sandboxes; other names resolve as they would anyway.
 */
import assert from 'node:assert/strict';
import { lookup } from 'node:dns/promises';
import { after, before, describe, it } from 'node:test';
import { startLocalStack, type LocalStack } from '../../../local/stack/index.ts';
import { connect, type SmokeClient } from '../../../smoke/client.ts';
import { copyFixtureApp } from '../../support/fixture-copy.ts';
import { skipWithoutBoto3 } from '../../support/python3.ts';

const WAIT = 20_000;
const API_HOST = /^[a-z0-9]{10}\.execute-api\.us-east-1\.amazonaws\.com$/;

describe('connections reach: handlers that build their @connections endpoint themselves', () => {
  let stack: LocalStack;
  let client: SmokeClient;
  const ask = async <T>(action: string, message: Record<string, unknown>): Promise<T> => {
    client.socket.send(JSON.stringify({ action, ...message }));
    return client.nextJson<T>(`the ${action} ${String(message['form'])} answer`, WAIT);
  };
  /** The API's host name, as the first answer's endpoint reports it. */
  let apiHost = '';

  before(async () => {
    stack = await startLocalStack({
      templateFile: copyFixtureApp('connections-reach'),
      ports: { api: 0, edge: 0, dynamodb: 0 },
      log: () => undefined,
    });
    client = await connect(stack.outputs.APIEndpoint, WAIT);
  });
  after(async () => {
    await client?.close();
    await stack?.stop();
  });

  it('Node.js: posts through https://${domainName}/${stage}, domainName being the API host AWS reports', async () => {
    const answer = await ask<{ endpoint: string }>('node', { form: 'domainName' });
    const url = new URL(answer.endpoint);
    assert.equal(url.protocol, 'https:');
    assert.equal(url.pathname, '/production');
    assert.match(url.hostname, API_HOST);
    apiHost = url.hostname;
  });

  it('Node.js: posts through https://${apiId}.execute-api.${region}.amazonaws.com/${stage}, as the AWS chat sample builds it', async () => {
    const answer = await ask<{ endpoint: string }>('node', { form: 'apiId' });
    assert.equal(answer.endpoint, `https://${apiHost}/production`);
  });

  it('Node.js: only the API host (in any case, with a final dot) resolves to loopback; other names resolve as they do outside', async () => {
    const near = `${apiHost}.invalid`;
    const answer = await ask<{ resolved: Record<string, unknown> }>('node', {
      form: 'lookup',
      hosts: [apiHost, `${apiHost.toUpperCase()}.`, 'localhost', near],
    });
    assert.deepEqual(answer.resolved[apiHost], ['127.0.0.1']);
    assert.deepEqual(answer.resolved[`${apiHost.toUpperCase()}.`], ['127.0.0.1']);
    assert.deepEqual(
      answer.resolved['localhost'],
      (await lookup('localhost', { all: true })).map(({ address }) => address).sort(),
    );
    assert.notDeepEqual(
      answer.resolved[near],
      ['127.0.0.1'],
      'a longer name that merely starts with the API host is not redirected',
    );
  });

  it('Python (boto3): posts through both endpoint forms', async (t) => {
    if (skipWithoutBoto3(t)) return;
    assert.equal(
      (await ask<{ endpoint: string }>('python', { form: 'domainName' })).endpoint,
      `https://${apiHost}/production`,
    );
    assert.equal(
      (await ask<{ endpoint: string }>('python', { form: 'apiId' })).endpoint,
      `https://${apiHost}/production`,
    );
  });

  it("Python: a plain https request (urllib) to the API host gets the local API's answer, its certificate trusted", async (t) => {
    if (skipWithoutBoto3(t)) return;
    const answer = await ask<{ status: number; connectionId: string }>('python', { form: 'urllib' });
    const direct = await fetch(`${stack.outputs.ConnectionsEndpoint}/@connections/${answer.connectionId}`);
    assert.equal(direct.status, 200, 'GET of a live connection');
    assert.equal(answer.status, direct.status);
  });

  it('Python: only the API host resolves to the local front; localhost and a longer name resolve as they do outside', async (t) => {
    if (skipWithoutBoto3(t)) return;
    const near = `${apiHost}.invalid`;
    const answer = await ask<{ resolved: Record<string, unknown> }>('python', {
      form: 'lookup',
      hosts: [apiHost, 'localhost', near],
    });
    const [front] = answer.resolved[apiHost] as string[];
    assert.match(front ?? '', /^127\.0\.0\.1:\d+$/);
    assert.notEqual(front, '127.0.0.1:443', "port 443 becomes the front's port");
    const outside = (await lookup('localhost', { all: true })).map(({ address }) => `${address}:443`).sort();
    assert.deepEqual(answer.resolved['localhost'], outside);
    assert.ok(!JSON.stringify(answer.resolved[near]).includes('127.0.0.1'), JSON.stringify(answer.resolved[near]));
  });
});
