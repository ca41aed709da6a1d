import { it } from 'node:test';
import type { SmokeContext } from '../context.ts';
import { testTimeoutMs } from '../settings.ts';

/** One smoke step: a node:test case given the time a step may take against a deployed stack (testTimeoutMs). */
export function smokeStep(context: SmokeContext, title: string, run: () => Promise<void>): void {
  it(title, { timeout: testTimeoutMs(context.settings) }, run);
}
