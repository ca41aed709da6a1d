/**
 * Integration response selection for non-proxy integrations (docs/aws-behaviour.md#apigw-responses):
 * a `/regex/` key must match the whole status code; `$default` catches the rest.
 * Returns the matched key, or undefined when nothing matches.
 */
export function selectIntegrationResponse(keys: readonly string[], statusCode: number): string | undefined {
  const status = String(statusCode);
  for (const key of keys) {
    if (key === '$default') continue;
    const pattern = key.slice(1, -1);
    try {
      if (new RegExp(`^(?:${pattern})$`).test(status)) return key;
    } catch {
      // An invalid regex matches nothing; options validation only checks the /.../ shape.
    }
  }
  return keys.includes('$default') ? '$default' : undefined;
}
