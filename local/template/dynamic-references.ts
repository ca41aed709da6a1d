import { formatPath, type TemplatePath } from './errors.ts';

/**
 * CloudFormation's dynamic references (`{{resolve:ssm:/name}}`, `{{resolve:ssm-secure:…}}`,
 * `{{resolve:secretsmanager:…}}`, "Get values stored in other services using dynamic references"): CloudFormation
 * puts the stored value in their place at deploy time. No Parameter Store or Secrets Manager exists locally, so the
 * text stays as written; this finds each one so the start can say so, by property, instead of passing the text on
 * without a word.
 */
const DYNAMIC_REFERENCE = /\{\{resolve:(?:ssm|ssm-secure|secretsmanager):[^}]*\}\}/g;

export function dynamicReferenceWarnings(value: unknown, path: TemplatePath): string[] {
  const warnings: string[] = [];
  visit(value, path, warnings);
  return warnings;
}

function visit(value: unknown, path: TemplatePath, warnings: string[]): void {
  if (typeof value === 'string') {
    for (const [reference] of value.matchAll(DYNAMIC_REFERENCE)) {
      warnings.push(
        `${formatPath(path)}: the dynamic reference ${reference} is not resolved locally (there is no Parameter Store or Secrets Manager here): the property keeps its text as written`,
      );
    }
  } else if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) visit(item, [...path, index], warnings);
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) visit(item, [...path, key], warnings);
  }
}
