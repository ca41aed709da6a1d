/**
 * The one runtime value a `ws.config.ts` imports from the generator. Kept apart from index.ts (zod, the schemas)
 * so that the compiled CLIs can compile a config without the whole generator (import-config.ts).
 */
import type { WsConfigInput } from './schema.ts';

/** Typed identity for `ws.config.ts`: editors complete and check every field. */
export function defineConfig(config: WsConfigInput): WsConfigInput {
  return config;
}
