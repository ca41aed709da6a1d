/**
 * The request parameters of WebSocket routes and integrations, as the template loader reads them
 * (local/template/request-parameters.ts) and the gateway applies them (local/api/request-parameters.ts).
 */

/**
 * Where a mapped integration request parameter's value comes from (docs/aws-behaviour.md#apigw-request-parameters):
 * a static text, a `$context` variable (a path such as identity.sourceIp), a stage variable, a `$connect` route
 * request parameter (header names match case-insensitively, query names exactly; a multi-value one is its values
 * joined by commas), or a JSONPath into the message body.
 */
export type RequestParameterSource =
  | { kind: 'static'; value: string }
  | { kind: 'context'; path: readonly string[] }
  | { kind: 'stageVariable'; name: string }
  | { kind: 'route'; from: 'header' | 'querystring' | 'multivalueheader' | 'multivaluequerystring'; name: string }
  | { kind: 'body'; path: string };

/** One `integration.request.{header|querystring}.NAME` entry of an integration's `RequestParameters`. */
export interface RequestParameterMapping {
  to: 'header' | 'querystring';
  name: string;
  source: RequestParameterSource;
  /** The entry as the template spells it (`integration.request.header.x: context.connectionId`), for messages. */
  text: string;
}

/** A `$connect` route request parameter declared `Required: true`. */
export interface RequiredRouteParameter {
  from: 'header' | 'querystring';
  name: string;
}
