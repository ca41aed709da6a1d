import { JavaMethodError } from './errors.ts';

/**
 * `$util.urlEncode`/`urlDecode`: java.net.URLEncoder/URLDecoder with UTF-8, i.e.
 * application/x-www-form-urlencoded. Space is `+`; only `A-Z a-z 0-9 . - * _` stay
 * as they are (encodeURIComponent would also keep `! ' ( ) ~`).
 */
export function urlEncode(s: string): string {
  // URLEncoder replaces an unpaired surrogate with '?' instead of failing.
  const wellFormed = s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '?');
  return encodeURIComponent(wellFormed)
    .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

/** Decodes `+` and `%XX` runs (as UTF-8; malformed bytes become U+FFFD, like Java). */
export function urlDecode(s: string): string {
  let out = '';
  let i = 0;
  while (i < s.length) {
    const c = s[i] as string;
    if (c === '+') {
      out += ' ';
      i++;
    } else if (c === '%') {
      const bytes: number[] = [];
      while (s[i] === '%') {
        const hex = s.slice(i + 1, i + 3);
        if (!/^[0-9a-fA-F]{2}$/.test(hex))
          throw new JavaMethodError(`URLDecoder: Illegal hex characters in escape (%) pattern at index ${i} of "${s}"`);
        bytes.push(parseInt(hex, 16));
        i += 3;
      }
      out += Buffer.from(bytes).toString('utf8');
    } else {
      out += c;
      i++;
    }
  }
  return out;
}
