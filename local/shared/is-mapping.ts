/** A JSON/YAML mapping (not null, not a list): what templates, policies and request bodies are read as. */
export const isMapping = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
