/**
 * aws-local-stepfunctions 3.0.0 declares `engines: node >=22` and calls `Promise.withResolvers`
 * (an ES2024 API Node 20 lacks) inside every Task state. npm only warns about the engine, so on
 * Node 20 each Task would fail with "Promise.withResolvers is not a function".
 * This installs the standard polyfill, and only when the runtime has no native one (Node 22+
 * keeps its own). It is called by the service factory, not at import, so importing is side-effect free.
 */
interface Resolvers<T> {
  promise: Promise<T>;
  resolve: (value: T | PromiseLike<T>) => void;
  reject: (reason?: unknown) => void;
}
type WithResolvers = <T>() => Resolvers<T>;

export function ensurePromiseWithResolvers(): void {
  const promiseConstructor = Promise as unknown as { withResolvers?: WithResolvers };
  if (typeof promiseConstructor.withResolvers === 'function') return;
  promiseConstructor.withResolvers = function withResolvers<T>(this: PromiseConstructor): Resolvers<T> {
    let resolve!: Resolvers<T>['resolve'];
    let reject!: Resolvers<T>['reject'];
    const promise = new this<T>((onResolve, onReject) => {
      resolve = onResolve;
      reject = onReject;
    });
    return { promise, resolve, reject };
  };
}
