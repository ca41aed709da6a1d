import { JavaMethodError } from './errors.ts';
import { escapeJavaScript } from './escape-javascript.ts';
import { urlDecode, urlEncode } from './form-encoding.ts';
import { HostObject } from './host-object.ts';
import { toJavaString } from './java-print.ts';

/**
 * `$util`: API Gateway's helper functions. Each takes one argument; a null argument
 * gives null (rendered as an undefined reference), and a non-string one is first
 * turned into its Java toString() text.
 */
const HELPERS: Readonly<Record<string, (s: string) => unknown>> = {
  escapeJavaScript,
  parseJson,
  urlEncode,
  urlDecode,
  base64Encode: (s) => Buffer.from(s, 'utf8').toString('base64'),
  base64Decode,
};

function parseJson(s: string): unknown {
  try {
    return JSON.parse(s) as unknown;
  } catch (e) {
    throw new JavaMethodError(`$util.parseJson: invalid JSON: ${(e as Error).message}`, { cause: e });
  }
}

/** java.util.Base64 decoder rules: standard alphabet, padding optional, anything else fails. */
function base64Decode(s: string): string {
  if (
    !/^[A-Za-z0-9+/]*={0,2}$/.test(s) ||
    s.replace(/=+$/, '').length % 4 === 1 ||
    (s.includes('=') && s.length % 4 !== 0)
  ) {
    throw new JavaMethodError(`$util.base64Decode: illegal base64 input "${s}"`);
  }
  return Buffer.from(s, 'base64').toString('utf8');
}

export class VtlUtil extends HostObject {
  protected readonly variableName = 'util';

  invoke(method: string, args: unknown[]): unknown {
    const helper = Object.hasOwn(HELPERS, method) ? HELPERS[method] : undefined;
    if (helper === undefined || args.length !== 1) return undefined;
    const [arg] = args;
    if (arg === null || arg === undefined) return undefined;
    return helper(typeof arg === 'string' ? arg : toJavaString(arg));
  }
}
