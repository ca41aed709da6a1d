/**
 * Headless Chromium from Debian's package (`/usr/bin/chromium`), driven by playwright-core (no browser download).
 * Without it a test is skipped, visibly, naming `apt-get install chromium`; REQUIRE_CHROMIUM=1 (or REQUIRE_TOOLS=1,
 * set by .ci/run) makes that a failure (test/support/optional-tool.ts).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { chromium, type BrowserContext } from 'playwright-core';
import type { OptionalTool } from '../../checks/optional-tools.ts';
import { skipWithoutTool } from './optional-tool.ts';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM: OptionalTool = { name: 'chromium', install: 'apt-get install chromium' };
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface LaunchedChromium {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A fresh browser (its own user data directory), or undefined after marking the test skipped (failing when demanded). */
export async function launchChromium(t: TestContext): Promise<LaunchedChromium | undefined> {
  if (skipWithoutTool(t, CHROMIUM, existsSync(CHROMIUM_PATH), `no ${CHROMIUM_PATH}`)) return undefined;
  const userDataDir = mkdtempSync(join(tmpdir(), 'chromium-profile-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ARGS,
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
