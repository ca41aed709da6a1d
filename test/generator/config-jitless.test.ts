/**
 * parseConfig runs zod without its compiled fast path (`jitless`: a config is parsed once per run, and compiling that
 * path cost more than the parse). The fast path is zod's default: both must give the same data for every example
 * config and the same issues, in the same order, for every config broken one field at a time.
 */
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { configSchema } from '../../generator/config/schema.ts';
import { configFiles } from '../../generator/config/load.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every config with one field changed: removed, or given a number, a string, null, a list or an object. */
function* brokenVariants(config: Json, path: (string | number)[] = []): Generator<Json> {
  if (config === null || typeof config !== 'object') return;
  const entries: [string | number, Json][] = Array.isArray(config)
    ? config.map((v, i) => [i, v])
    : Object.entries(config);
  for (const [key, value] of entries) {
    for (const replacement of [undefined, 7, 'x', null, [], {}, [1], { bogus: true }]) {
      const copy = structuredClone(config) as Record<string | number, Json>;
      if (replacement === undefined) delete copy[key];
      else copy[key] = replacement as Json;
      yield copy as Json;
    }
    for (const inner of brokenVariants(value, [...path, key])) {
      const copy = structuredClone(config) as Record<string | number, Json>;
      copy[key] = inner;
      yield copy as Json;
    }
  }
  if (!Array.isArray(config)) yield { ...config, bogus: 1 };
}

function parsedBothWays(raw: unknown): [unknown, unknown] {
  const fast = configSchema.safeParse(raw);
  const jitless = configSchema.safeParse(raw, { jitless: true });
  const outcome = (result: typeof fast) => (result.success ? { data: result.data } : { issues: result.error.issues });
  return [outcome(fast), outcome(jitless)];
}

describe("zod's jitless parse of a config, against its compiled fast path", () => {
  it('gives the same data for every example config, and the same issues for each one broken field by field', async () => {
    let compared = 0;
    for (const file of configFiles(process.cwd())) {
      const raw = ((await import(pathToFileURL(file).href)) as { default: Json }).default;
      const [fast, jitless] = parsedBothWays(raw);
      assert.deepEqual(jitless, fast, file);
      for (const variant of brokenVariants(raw)) {
        const [variantFast, variantJitless] = parsedBothWays(variant);
        assert.deepEqual(variantJitless, variantFast, `${file}: ${JSON.stringify(variant)}`);
        compared += 1;
      }
    }
    assert.ok(compared > 1000, `only ${compared} broken configs compared`);
  });
});
