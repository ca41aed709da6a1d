export { compileViewerRequestFunction, DEFAULT_CPU_BUDGET_MS } from './cloudfront-function.ts';
export type { CompileOptions, CompiledViewerRequestFunction } from './cloudfront-function.ts';
export { CloudFrontFunctionCompileError, functionSourceProblems, isCloudFrontFunctionRuntime } from './runtime-gate.ts';
export type { GateProblem, GateProblemKind } from './runtime-gate.ts';
export { isDisallowedHeader } from './header-rules.ts';
export { sampleViewerRequestEvent } from './sample-event.ts';
export type * from './types.ts';
