import { TemplateError } from './errors.ts';

/** One piece of an `Fn::Sub` string: literal text, or a `${Name}` / `${Resource.Attribute}` variable. */
export type SubPart = { text: string } | { variable: string };

/**
 * Split an `Fn::Sub` string into text and variables. Only `${...}` is special: `$context`,
 * `#set(...)` and every other VTL or ASL character stays byte-for-byte, and `${!Literal}`
 * becomes the text `${Literal}` (CloudFormation's escape).
 */
export function parseSub(template: string, where: string): SubPart[] {
  const parts: SubPart[] = [];
  let text = '';
  let index = 0;
  while (index < template.length) {
    const start = template.indexOf('${', index);
    if (start < 0) break;
    const end = template.indexOf('}', start + 2);
    if (end < 0) {
      throw new TemplateError(`${where}: Fn::Sub has an unclosed \${ at offset ${start}`);
    }
    text += template.slice(index, start);
    const inner = template.slice(start + 2, end);
    if (inner.startsWith('!')) {
      text += `\${${inner.slice(1)}}`;
    } else {
      if (!/^[A-Za-z0-9_:.]+$/.test(inner)) {
        throw new TemplateError(
          `${where}: Fn::Sub variable \${${inner}} is not a parameter, resource or Resource.Attribute name`,
        );
      }
      if (text !== '') parts.push({ text });
      text = '';
      parts.push({ variable: inner });
    }
    index = end + 1;
  }
  text += template.slice(index);
  if (text !== '') parts.push({ text });
  return parts;
}
