/** Public types of the local Lambda runtime. */
import type { LocalLog } from '../shared/log.ts';

export interface LambdaFunctionSpec {
  /** Logical name used by `invoke` (e.g. the template's logical ID). */
  name: string;
  /** Absolute directory of the function's source (the template's `CodeUri`, resolved). */
  codeUri: string;
  /** `module.export`, e.g. `default.handler`. */
  handler: string;
  /** `Metadata.BuildProperties.EntryPoints`, relative to `codeUri` (e.g. `['default.ts']`). */
  entryPoints?: string[];
  /** `Metadata.BuildProperties.Format`. @default 'cjs' (esbuild's default for platform node) */
  format?: 'esm' | 'cjs';
  /** Seconds; fractions are accepted so tests can use short timeouts. */
  timeoutSeconds: number;
  memorySizeMb: number;
  environment: Record<string, string>;
}

export interface LambdaServiceOptions {
  functions: LambdaFunctionSpec[];
  /** Where bundles are written, e.g. `.local/bundles`; one sub-directory per function. */
  bundleDir: string;
  /** Env every function gets first (region, local endpoints, dummy credentials). */
  baseEnvironment?: Record<string, string>;
  /** Account ID in `context.invokedFunctionArn`; the stack passes the template's. @default DEFAULT_ACCOUNT_ID */
  accountId?: string;
  /** What the service reports (the bundles it built). @default stderr */
  log?: LocalLog;
}

export type InvokeOutcome =
  | { kind: 'result'; result: unknown }
  | { kind: 'error'; errorType: string; errorMessage: string; stack?: string[] }
  | { kind: 'timeout'; timeoutSeconds: number };

export interface LambdaService {
  /** Bundles every function once; rejects naming the function and file on a build error. */
  start(): Promise<void>;
  /** Terminates every sandbox; pending invocations end with a `Runtime.ServiceStopped` error. */
  stop(): Promise<void>;
  /** Runs one invocation; never rejects for handler failures (only for an unknown function or a stopped service). */
  invoke(functionName: string, event: unknown): Promise<InvokeOutcome>;
}

/** A function after `start()`: where its bundle is and which export to call. */
export interface BundledFunction {
  spec: LambdaFunctionSpec;
  bundlePath: string;
  exportName: string;
  format: 'esm' | 'cjs';
  /** Directory holding the bundle (the function's `LAMBDA_TASK_ROOT`). */
  taskRoot: string;
}
