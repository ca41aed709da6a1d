import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import {
  createLambdaService,
  type LambdaFunctionSpec,
  type LambdaService,
  type LambdaServiceOptions,
} from '../../../local/lambda/index.ts';

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

/**
 * A Lambda service for one `describe`: built on a fresh bundle directory and started before its tests, stopped (and
 * the bundles removed) after them. Read `.service` inside the tests, once `before` has run.
 */
export function lambdaServiceForSuite(options: Omit<LambdaServiceOptions, 'bundleDir'>): {
  readonly service: LambdaService;
  readonly bundleDir: string;
} {
  let service: LambdaService | undefined;
  let bundles: Awaited<ReturnType<typeof makeBundleDir>> | undefined;
  before(async () => {
    bundles = await makeBundleDir();
    service = createLambdaService({ bundleDir: bundles.dir, ...options });
    await service.start();
  });
  after(async () => {
    await service?.stop();
    await bundles?.remove();
  });
  return {
    get service() {
      if (!service) throw new Error('the Lambda service is not started yet (read it inside a test)');
      return service;
    },
    get bundleDir() {
      if (!bundles) throw new Error('the bundle directory is not made yet (read it inside a test)');
      return bundles.dir;
    },
  };
}
