import type { ApiGatewayInvokeParameters, ApiGatewayInvokeResult } from '../stepfunctions/index.ts';

/**
 * `arn:aws:states:::apigateway:invoke` locally: whatever ApiEndpoint the definition names, the
 * request goes to the local API's HTTP listener (its `@connections` API) on loopback.
 */
export async function invokeLocalApi(
  apiPort: number,
  parameters: ApiGatewayInvokeParameters,
): Promise<ApiGatewayInvokeResult> {
  const stage = parameters.Stage ? `/${parameters.Stage}` : '';
  const url = new URL(`http://127.0.0.1:${apiPort}${stage}${parameters.Path ?? ''}`);
  for (const [name, values] of Object.entries(parameters.QueryParameters ?? {}))
    for (const v of values) url.searchParams.append(name, v);
  const body =
    parameters.RequestBody === undefined
      ? undefined
      : typeof parameters.RequestBody === 'string'
        ? parameters.RequestBody
        : JSON.stringify(parameters.RequestBody);
  const headers: Record<string, string> = {};
  for (const [name, values] of Object.entries(parameters.Headers ?? {})) headers[name] = values.join(',');
  const response = await fetch(url, { method: parameters.Method, headers, ...(body === undefined ? {} : { body }) });
  return { statusCode: response.status, headers: Object.fromEntries(response.headers), body: await response.text() };
}
