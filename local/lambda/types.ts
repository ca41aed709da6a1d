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
  /** The Lambda runtime identifier (runtimes.ts says which run). @default 'nodejs22.x' */
  runtime?: string;
  /**
   * Node.js only: bundle the entry with esbuild (TypeScript, or SAM's `BuildMethod: esbuild`), or run the
   * function's files where they are, as Lambda runs a deployed folder. @default true
   */
  bundle?: boolean;
  /** `Metadata.BuildProperties.External`: imports esbuild leaves in the bundle, found when the function loads. */
  external?: string[];
  /** The contents of the function's layers, in order: the folders Lambda would extract to /opt. */
  layers?: string[];
  /** Seconds; fractions are accepted so tests can use short timeouts. */
  timeoutSeconds: number;
  memorySizeMb: number;
  environment: Record<string, string>;
  /**
   * The execution role's keys (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN): reserved, so they win over
   * `environment` as on AWS. Absent: the base environment's.
   */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken: string };
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
  /**
   * Per function: invocations in flight (the running one plus those waiting) beyond which more are throttled, as
   * Lambda throttles past its concurrency. @default 1000 (Lambda's default concurrency quota per account)
   */
  maxInFlight?: number;
  /** The Python interpreter for python3.x functions. @default 'python3' (from PATH) */
  python?: string;
  /**
   * The local API's TLS front (local/stack/tls-front.ts) and the API's own host names that reach it from inside the
   * sandboxes (local-api-reach.mjs for Node.js, python-bridge.py for Python, which also gets the certificate as
   * AWS_CA_BUNDLE, botocore's own setting, written beside the bundles).
   */
  localApi?: LocalApiReach;
  /**
   * Functions (by name) whose runtime (a Node.js function's worker thread) starts right after `start()`, one after
   * another, instead of at the first invocation: that invocation then skips the thread's start-up. Its Init (the
   * module load, reported as Init Duration) still happens in the first invocation. Python processes still start at
   * their first invocation. @default [] (none)
   */
  bootRuntimesAtStart?: readonly string[];
}

/** Where the API's host names lead inside the sandboxes, and the certificate that is trusted there. */
export interface LocalApiReach {
  /** PEM of the front's certificate (valid for loopback and every name in `hostNames`). */
  certificatePem: string;
  /** Host names (`{apiId}.execute-api.{region}.amazonaws.com`) whose port 443 is the front. */
  hostNames: string[];
  /** The front's loopback port. */
  port: number;
}

/** What bounds one invocation before it starts. */
export interface InvokeLimits {
  /** Aborted when the caller has gone (its connection closed): the invocation is dropped if it has not started. */
  signal?: AbortSignal;
  /** Epoch ms after which it is dropped if it has not started (API Gateway's integration deadline). */
  deadline?: number;
}

export type InvokeOutcome =
  | { kind: 'result'; result: unknown }
  | { kind: 'error'; errorType: string; errorMessage: string; stack?: string[] }
  | { kind: 'timeout'; timeoutSeconds: number }
  /** Not run: `maxInFlight` invocations were in flight (Lambda's 429 TooManyRequestsException, "Rate Exceeded."). */
  | { kind: 'throttled' }
  /** Not run (or, `interrupted`, cut short): its caller had gone, its deadline had passed, or `interrupt()` ended it. */
  | { kind: 'dropped'; reason: 'caller-gone' | 'deadline' | 'interrupted' };

export interface LambdaService {
  /** Bundles every function once; rejects naming the function and file on a build error. */
  start(): Promise<void>;
  /** Terminates every sandbox; pending invocations end with a `Runtime.ServiceStopped` error. */
  stop(): Promise<void>;
  /** Runs one invocation; never rejects for handler failures (only for an unknown function or a stopped service). */
  invoke(functionName: string, event: unknown, limits?: InvokeLimits): Promise<InvokeOutcome>;
  /**
   * Ends every running and waiting invocation now (`dropped`, `interrupted`); later invocations start fresh sandboxes.
   * For a stop that must not wait behind busy or looping handlers.
   */
  interrupt(): void;
  /**
   * Builds these functions again from their code (watch mode): the next invocation of each runs the new code in a
   * fresh sandbox, while invocations already in flight finish in the old one, which ends after them. Rejects
   * (naming the function and the error) and changes nothing when any of them cannot be built.
   */
  reload(functionNames: readonly string[]): Promise<void>;
  /** What each function is built from, for a watcher (after `start()`; the last build's, after `reload`). */
  sources(): ReadonlyMap<string, FunctionSources>;
}

/** The files a function's code comes from: a bundle's inputs (esbuild's metafile), or a folder run in place. */
export interface FunctionSources {
  /** Absolute paths of the bundle's own inputs (files under node_modules are left out: packages are not watched). */
  files: string[];
  /** Absolute code folders run in place (Node.js without a build, Python): any file in them counts. */
  folders: string[];
}

/** A function after `start()`: where its bundle is and which export to call. */
export interface BundledFunction {
  spec: LambdaFunctionSpec;
  bundlePath: string;
  exportName: string;
  format: 'esm' | 'cjs';
  /** Directory holding the bundle (the function's `LAMBDA_TASK_ROOT`). */
  taskRoot: string;
  sources: FunctionSources;
}
