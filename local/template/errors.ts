/**
 * The one error type of the template loader. Messages name the template location
 * (`Resources.X.Properties.Y`, `Parameters.Z`, ...) so a user can find the faulty spot.
 */
export class TemplateError extends Error {
  override readonly name = 'TemplateError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A location inside the template, printed like `Resources.Api.Properties.Tags[0].Key`. */
export type TemplatePath = readonly (string | number)[];

export function formatPath(path: TemplatePath): string {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else text += text === '' ? part : `.${part}`;
  }
  return text === '' ? '(template root)' : text;
}
