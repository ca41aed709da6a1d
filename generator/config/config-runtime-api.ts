/** What a compiled `ws.config.ts` gets when it imports the generator's config API (import-config.ts). */
export { defineConfig } from './define-config.ts';
export { ConfigError } from './errors.ts';
