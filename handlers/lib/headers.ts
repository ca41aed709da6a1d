/** Header value by case-insensitive name, as the VTL's `equalsIgnoreCase` loop finds it (last match wins). */
export function headerValue(headers: Record<string, string> | undefined, name: string): string | undefined {
  let found: string | undefined;
  for (const [key, value] of Object.entries(headers ?? {})) if (key.toLowerCase() === name.toLowerCase()) found = value;
  return found;
}
