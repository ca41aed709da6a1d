/** The local console in headless Chromium: live connections and messages, sending and closing from the page, the log, histories; hostile data stays text. */
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { startLocalStack, type LocalStack } from '../../local/stack/index.ts';
import { asEdge, withKnownOriginSecret } from '../support/edge-secret.ts';
import { connect, type SmokeClient } from '../../smoke/client.ts';
import { launchChromium } from '../support/chromium.ts';
import { freshBundleDir } from '../support/generated-stack.ts';

const TEMPLATE = new URL('../../template.yaml', import.meta.url).pathname;
const XSS_MESSAGE = "<img src=x onerror=\"window.__xss='message'\"><script>window.__xss='script'</script>";
const XSS_HEADER = '<img src=x onerror="window.__xss=\'header\'">';
const WAIT = { timeout: 15_000 };

describe('local console in Chromium', () => {
  let stack: LocalStack;
  before(async () => {
    stack = await startLocalStack({
      templateFile: TEMPLATE,
      bundleDir: freshBundleDir(),
      waitTimeScale: 0.01,
      log: () => {},
      ...withKnownOriginSecret(),
    });
  });
  after(async () => {
    await stack.stop();
  });

  it("shows a live connection and its messages, sends and closes from the page, shows the log and an execution's history", async (t) => {
    const browser = await launchChromium(t);
    if (browser === undefined) return;
    let client: SmokeClient | undefined;
    try {
      const page = await browser.context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(stack.outputs.ConsoleURL);
      await page.locator('#feed-state', { hasText: 'live' }).waitFor(WAIT);

      client = await connect(
        stack.outputs.APIEndpoint,
        10_000,
        asEdge({ headers: { 'X-Probe': XSS_HEADER, 'User-Agent': XSS_HEADER } }),
      );
      client.socket.send(XSS_MESSAGE);
      const echo = JSON.parse(await client.next('the echo', 10_000)) as { requestContext: { connectionId: string } };
      const id = echo.requestContext.connectionId;

      const row = page.locator(`#connections tbody tr[data-id="${id}"]`);
      await row.waitFor(WAIT);
      assert.equal(await row.locator('td').nth(3).textContent(), XSS_HEADER);
      await row.click();
      await page.locator('#messages li.in', { hasText: 'onerror' }).waitFor(WAIT);
      assert.deepEqual(await page.locator('#messages li.in').allTextContents(), [XSS_MESSAGE]);
      assert.match((await page.locator('#messages li.out').first().textContent()) ?? '', /"connectionId":/);
      assert.ok((await page.locator('#detail-headers').textContent())?.includes(XSS_HEADER));
      await page.locator('#detail-session', { hasText: '"connectionid"' }).waitFor(WAIT);
      assert.match(
        (await page.locator('#detail-session').textContent()) ?? '',
        new RegExp(`"S": "${id.replace(/[+/=]/g, '\\$&')}"`),
      );

      await page.fill('#send-text', 'typed in the console');
      await page.click('#send-button');
      assert.equal(await client.next('the message sent from the console', 10_000), 'typed in the console');
      await page.locator('#messages li.out', { hasText: 'typed in the console' }).waitFor(WAIT);

      await page.locator('#log li', { hasText: 'lambda: bundled' }).waitFor(WAIT);

      client.socket.send(JSON.stringify({ action: 'sync_sfn', data: { from: 'console test' } }));
      assert.equal(
        (JSON.parse(await client.next('the workflow result', 10_000)) as { status: string }).status,
        'SUCCEEDED',
      );
      const execution = page.locator('#executions tbody tr[data-arn*=":express:local-SyncSfnStateMachine:"]', {
        hasText: 'SUCCEEDED',
      });
      await execution.first().waitFor(WAIT);
      await execution.first().click();
      await page.locator('#history tbody tr[data-type="ExecutionSucceeded"]').waitFor(WAIT);
      assert.deepEqual(await page.locator('#history tbody tr td:nth-child(3)').allTextContents(), [
        'ExecutionStarted',
        'WaitStateEntered',
        'WaitStateExited',
        'ExecutionSucceeded',
      ]);
      await page.locator('#log li', { hasText: 'local-SyncSfnStateMachine' }).first().waitFor(WAIT);

      await row.click();
      await page.click('#close-button');
      assert.equal((await client.closedWithin('the close from the console', 10_000)).code, 1000);
      await row.locator('td', { hasText: 'closed (1000)' }).waitFor(WAIT);

      assert.equal(await page.evaluate(() => (globalThis as unknown as { __xss?: string }).__xss), undefined);
      assert.equal(await page.locator('#messages img, #detail-headers img, #connections img').count(), 0);
      assert.deepEqual(errors, []);
    } finally {
      await client?.close();
      await browser.close();
    }
  });

  it('refuses actions from other sites, requests without the token, and other host names', async () => {
    const base = stack.outputs.ConsoleURL;
    const page = await (await fetch(base)).text();
    const token = /<meta name="console-token" content="([0-9a-f]{64})">/.exec(page)?.[1];
    assert.ok(token, 'the page carries its token');
    const origin = new URL(base).origin;
    const close = (headers: Record<string, string>) =>
      fetch(`${base}api/connections/AAAAAAAAAAAAAAA%3D/close`, { method: 'POST', headers });
    assert.equal((await close({ Origin: 'http://evil.example', 'X-Console-Token': token })).status, 403);
    assert.equal((await close({ Origin: origin })).status, 403);
    assert.equal((await close({ 'X-Console-Token': token })).status, 403); // no Origin: not the console's page
    assert.equal((await close({ Origin: origin, 'X-Console-Token': 'f'.repeat(64) })).status, 403);
    assert.equal((await close({ Origin: origin, 'X-Console-Token': token })).status, 200); // allowed: @connections answers 410 for the unknown id
    assert.equal((await fetch(`${base}events`)).status, 403);
    // fetch() will not send a Host of its own choosing: a raw request, as a page whose name was rebound to 127.0.0.1 sends it.
    const rebound = await new Promise<number>((resolve, reject) => {
      request(base, { headers: { Host: `attacker.example:${new URL(base).port}` } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
        .on('error', reject)
        .end();
    });
    assert.equal(rebound, 403);
    const headers = (await fetch(base)).headers;
    assert.match(headers.get('content-security-policy') ?? '', /script-src 'self'/);
    assert.equal(headers.get('x-frame-options'), 'DENY');
  });
});
