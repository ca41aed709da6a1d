import { HostObject } from './host-object.ts';
import { type JsonPathResult, evaluateJsonPath, normalizeJsonPath, parseBody } from './json-path.ts';
import type { VtlRequest } from './types.ts';

/**
 * `$input`: the message body and the request parameters.
 * - `$input.json(path)` returns JSON text; a missing path gives '' (empty text).
 * - `$input.path(path)` returns the value itself; a missing path gives null.
 * - A body that is not JSON is seen as one raw string by `$`, and sub-paths find nothing.
 * - `$input.params()` is a Java-like map {path, querystring, header} (copies, so a template's
 *   put() never reaches the caller); `$input.params(name)` looks in path, then
 *   querystring, then header (header names case-insensitive) and gives '' when missing.
 */
export class VtlInput extends HostObject {
  protected readonly variableName = 'input';
  readonly #body: string;
  readonly #params: {
    path: Record<string, string>;
    querystring: Record<string, string>;
    header: Record<string, string>;
  };
  #parsed: ReturnType<typeof parseBody> | undefined;

  constructor(body: string, params: VtlRequest['params']) {
    super();
    this.#body = body;
    this.#params = { path: { ...params.path }, querystring: { ...params.querystring }, header: { ...params.header } };
  }

  override getProperty(name: string): unknown {
    return name === 'body' ? this.#body : undefined;
  }

  invoke(method: string, args: unknown[]): unknown {
    if (method === 'params' && args.length === 0) return this.#params;
    if (args.length !== 1 || typeof args[0] !== 'string') return undefined;
    const [arg] = args;
    switch (method) {
      case 'json': {
        const result = this.#select(arg);
        return result.found ? JSON.stringify(result.value) : '';
      }
      case 'path': {
        const result = this.#select(arg);
        return result.found ? result.value : undefined;
      }
      case 'params':
        return this.#param(arg);
      default:
        return undefined;
    }
  }

  #select(path: string): JsonPathResult {
    this.#parsed ??= parseBody(this.#body);
    if (this.#parsed.ok) return evaluateJsonPath(this.#parsed.value, path);
    return normalizeJsonPath(path.trim()) === '$' ? { found: true, value: this.#body } : { found: false };
  }

  #param(name: string): string {
    const { path, querystring, header } = this.#params;
    if (Object.hasOwn(path, name)) return path[name] as string;
    if (Object.hasOwn(querystring, name)) return querystring[name] as string;
    if (Object.hasOwn(header, name)) return header[name] as string;
    const lower = name.toLowerCase();
    const match = Object.keys(header).find((k) => k.toLowerCase() === lower);
    return match === undefined ? '' : (header[match] as string);
  }
}
