/** Local Lambda runtime: esbuild bundles run in warm worker-thread sandboxes. */
export { createLambdaService } from './service.ts';
export type {
  FunctionSources,
  InvokeLimits,
  InvokeOutcome,
  LambdaFunctionSpec,
  LambdaService,
  LambdaServiceOptions,
} from './types.ts';
