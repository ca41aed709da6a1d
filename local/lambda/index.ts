/** Local Lambda runtime: esbuild bundles run in warm worker-thread sandboxes. */
export { createLambdaService } from './service.ts';
// Its types are the service's options, functions, invocations and outcomes (types.ts holds nothing else).
export type * from './types.ts';
