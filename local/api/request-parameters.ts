/**
 * Request parameters at request time (docs/aws-behaviour.md#apigw-request-parameters): the headers and query string
 * parameters an HTTP integration's `RequestParameters` add to its call, and the required `$connect` route request
 * parameters a handshake lacks. The template loader checked every expression (local/template/request-parameters.ts).
 */
import { evaluateJsonPath, parseBody } from '../../lang/vtl/index.ts';
import type {
  EventInput,
  EventType,
  RequestParameterMapping,
  RequestParameterSource,
  RequiredRouteParameter,
} from './types.ts';
import { setOwn } from '../shared/set-own.ts';
import { buildVtlContext } from './vtl-request.ts';

export interface MappedParameters {
  headers: Record<string, string>;
  query: Record<string, string>;
}

/**
 * What undici (Node's fetch) can send as a header value: no NUL, CR or LF (which would split the request) and
 * nothing outside Latin-1. A mapped value is client data (a query string, a message field), so it is checked here
 * and the integration fails naming the parameter, rather than inside fetch with a bare TypeError.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what it finds.
const NOT_A_HEADER_VALUE = /[\u0000\r\n\u0100-\uffff]/;

/** The mapped parameters of one call; a source with no value (a missing header, an absent body field) adds nothing. */
export function mapRequestParameters(
  mappings: readonly RequestParameterMapping[],
  eventType: EventType,
  input: EventInput,
  stageVariables: Readonly<Record<string, string>>,
): MappedParameters {
  const mapped: MappedParameters = { headers: {}, query: {} };
  const sources = lazySources(eventType, input, stageVariables);
  for (const mapping of mappings) {
    const value = sources.value(mapping.source);
    if (value === undefined) continue;
    if (mapping.to === 'header') {
      if (NOT_A_HEADER_VALUE.test(value))
        throw new Error(
          `RequestParameters ${mapping.text}: the value ${JSON.stringify(value.slice(0, 100))} cannot be sent as an HTTP header (it holds CR, LF, NUL or a character outside Latin-1)`,
        );
      setOwn(mapped.headers, mapping.name, value);
    } else {
      setOwn(mapped.query, mapping.name, value);
    }
  }
  return mapped;
}

/** `$context` and the parsed body are built only when a mapping reads them, and once per call. */
function lazySources(eventType: EventType, input: EventInput, stageVariables: Readonly<Record<string, string>>) {
  let context: Record<string, unknown> | undefined;
  let body: ReturnType<typeof parseBody> | undefined;
  return {
    value(source: RequestParameterSource): string | undefined {
      switch (source.kind) {
        case 'static':
          return source.value;
        case 'stageVariable':
          return Object.hasOwn(stageVariables, source.name) ? stageVariables[source.name] : undefined;
        case 'context':
          context ??= buildVtlContext(eventType, input);
          return textOf(pathValue(context, source.path));
        case 'route':
          return routeParameter(input, source.from, source.name);
        case 'body': {
          body ??= parseBody(input.body ?? '');
          if (!body.ok) return undefined;
          const found = evaluateJsonPath(body.value, source.path);
          return found.found ? textOf(found.value) : undefined;
        }
      }
    },
  };
}

function pathValue(root: Record<string, unknown>, path: readonly string[]): unknown {
  let value: unknown = root;
  for (const key of path) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** A string as it is, a number or boolean as its text, other JSON as JSON text (UNCONFIRMED); null is no value. */
function textOf(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** Header names match case-insensitively (the first spelling the client sent), query string names exactly. */
function routeParameter(
  input: EventInput,
  from: 'header' | 'querystring' | 'multivalueheader' | 'multivaluequerystring',
  name: string,
): string | undefined {
  switch (from) {
    case 'header': {
      const key = headerKey(input.headers, name);
      return key === undefined ? undefined : input.headers[key];
    }
    case 'multivalueheader': {
      const key = headerKey(input.multiValueHeaders, name);
      return key === undefined ? undefined : input.multiValueHeaders[key]?.join(',');
    }
    case 'querystring':
      return Object.hasOwn(input.query, name) ? input.query[name] : undefined;
    case 'multivaluequerystring':
      return Object.hasOwn(input.multiValueQuery, name) ? input.multiValueQuery[name]?.join(',') : undefined;
  }
}

function headerKey(headers: Readonly<Record<string, unknown>>, name: string): string | undefined {
  const lower = name.toLowerCase();
  return Object.keys(headers).find((key) => key.toLowerCase() === lower);
}

/** The required `$connect` route request parameters the handshake does not carry, by name, in declaration order. */
export function missingRequiredParameters(required: readonly RequiredRouteParameter[], input: EventInput): string[] {
  return required.filter(({ from, name }) => routeParameter(input, from, name) === undefined).map(({ name }) => name);
}

/** API Gateway's BAD_REQUEST_PARAMETERS gateway response (REST's documented default text; UNCONFIRMED for WebSocket). */
export function missingParametersBody(missing: readonly string[]): string {
  return JSON.stringify({ message: `Missing required request parameters: [${missing.join(', ')}]` });
}
