import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LambdaFunctionSpec } from '../../../local/lambda/index.ts';

export const FIXTURES_DIR = fileURLToPath(new URL('./fixtures/', import.meta.url));
export const HANDLERS_DIR = fileURLToPath(new URL('../../../handlers/', import.meta.url));

/** A fixture function spec; each test overrides what it is about. */
export function fixtureFunction(
  name: string,
  handler: string,
  overrides: Partial<LambdaFunctionSpec> = {},
): LambdaFunctionSpec {
  return { name, codeUri: FIXTURES_DIR, handler, timeoutSeconds: 5, memorySizeMb: 128, environment: {}, ...overrides };
}

/** A fresh bundle directory per test file, removed by the returned cleanup. */
export async function makeBundleDir(): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'local-lambda-test-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
