import type { AwsServiceResponse, IntegrationResponseBinding } from './types.ts';

const DEFAULT_KEY = '$default';
const REFERENCE = /\$\{integration\.response\.(statuscode|header\.([^}]+)|multivalueheader\.([^}]+))\}/g;

/**
 * The response template of the matched integration response, chosen as API Gateway chooses it for WebSocket APIs:
 * the integration response's `TemplateSelectionExpression` (static text, `\$default`, or
 * `${integration.response.statuscode}`, `${integration.response.header.NAME}`,
 * `${integration.response.multivalueheader.NAME}`) gives a key of `ResponseTemplates`; a key with no template, or an
 * expression part without a value, falls back to the `$default` template. No expression selects `$default`.
 * Undefined: no template, and the backend's body goes to the client unchanged.
 */
export function selectResponseTemplate(
  response: IntegrationResponseBinding,
  backend: AwsServiceResponse,
): string | undefined {
  const templates = response.templates ?? {};
  const key =
    response.templateSelectionExpression === undefined
      ? DEFAULT_KEY
      : selectionKey(response.templateSelectionExpression, backend);
  if (key !== undefined && Object.hasOwn(templates, key)) return templates[key];
  return Object.hasOwn(templates, DEFAULT_KEY) ? templates[DEFAULT_KEY] : undefined;
}

function selectionKey(expression: string, backend: AwsServiceResponse): string | undefined {
  let missing = false;
  const key = expression
    .replace(/\\\$/g, '$')
    .replace(REFERENCE, (_match, _what: string, header?: string, multiValue?: string) => {
      const name = header ?? multiValue;
      if (name === undefined) return String(backend.statusCode);
      const value = headerValue(backend.headers, name);
      if (value === undefined) missing = true;
      return value ?? '';
    });
  return missing ? undefined : key;
}

/** Header names are case-insensitive (RFC 9110); local backends answer with one value per name. */
function headerValue(headers: Readonly<Record<string, string>>, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === lower) return value;
  return undefined;
}
