import { JavaMethodError } from './errors.ts';
import { compileJavaRegex, findAll } from './java-regex.ts';

/**
 * java.lang.String's regex methods (replaceAll, replaceFirst, matches, split) on top
 * of the Java-to-JavaScript regex translation, with Java's replacement syntax:
 * `$n` and `${name}` insert groups, `\x` inserts x literally, anything else is literal.
 */
type ReplacementPart = string | { group: number } | { name: string };

/**
 * Compiled patterns and parsed replacements of one engine: templates repeat the same few calls on every render.
 * Patterns can come from request data, so the cache is bounded (emptied when full).
 */
export interface JavaRegexCache {
  compiled: Map<string, RegExp>;
  /** Pattern → replacement → parts: two lookups, no key string built per call; `replacementCount` entries in all. */
  replacements: Map<string, Map<string, ReplacementPart[]>>;
  replacementCount: number;
}

const CACHE_LIMIT = 256;

export function createJavaRegexCache(): JavaRegexCache {
  return { compiled: new Map(), replacements: new Map(), replacementCount: 0 };
}

function remember<T>(map: Map<string, T>, key: string, make: () => T): T {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    if (map.size >= CACHE_LIMIT) map.clear();
    map.set(key, value);
  }
  return value;
}

/** A global RegExp; cached ones are shared, which is safe because every use resets lastIndex first (findAll). */
function compileCached(regex: string, cache: JavaRegexCache | undefined): RegExp {
  return cache ? remember(cache.compiled, regex, () => compileJavaRegex(regex)) : compileJavaRegex(regex);
}

/** Number of capturing groups and the group names, found by matching the empty string. */
function groupsOf(re: RegExp): { count: number; names: Set<string> } {
  const probe = new RegExp(`${re.source}|`, re.flags.replace('g', '')).exec('') as RegExpExecArray;
  return { count: probe.length - 1, names: new Set(Object.keys(probe.groups ?? {})) };
}

/** Parses a replacement like Matcher.appendReplacement does, including its errors. */
function parseReplacement(rep: string, re: RegExp): ReplacementPart[] {
  const { count, names } = groupsOf(re);
  const parts: ReplacementPart[] = [];
  let literal = '';
  for (let i = 0; i < rep.length; i++) {
    const c = rep[i] as string;
    if (c === '\\') {
      i++;
      if (i >= rep.length) throw new JavaMethodError('character to be escaped is missing');
      literal += rep[i];
    } else if (c === '$') {
      i++;
      if (i >= rep.length) throw new JavaMethodError('Illegal group reference: group index is missing');
      parts.push(literal);
      literal = '';
      if (rep[i] === '{') {
        const end = rep.indexOf('}', i);
        const name = end === -1 ? '' : rep.slice(i + 1, end);
        if (!/^[a-zA-Z][a-zA-Z0-9]*$/.test(name))
          throw new JavaMethodError("named capturing group is missing trailing '}'");
        if (!names.has(name)) throw new JavaMethodError(`No group with name {${name}}`);
        parts.push({ name });
        i = end;
        continue;
      }
      if (!/[0-9]/.test(rep[i] as string)) throw new JavaMethodError('Illegal group reference');
      // Java keeps reading digits while the number is still a valid group index.
      let group = Number(rep[i]);
      while (i + 1 < rep.length && /[0-9]/.test(rep[i + 1] as string) && group * 10 + Number(rep[i + 1]) <= count) {
        group = group * 10 + Number(rep[++i]);
      }
      if (group > count) throw new JavaMethodError(`No group ${group}`);
      parts.push({ group });
    } else {
      literal += c;
    }
  }
  parts.push(literal);
  return parts;
}

function expand(parts: ReplacementPart[], m: RegExpExecArray): string {
  let out = '';
  for (const part of parts) {
    if (typeof part === 'string') out += part;
    // A group that did not take part in the match inserts nothing, as in Java.
    else if ('group' in part) out += m[part.group] ?? '';
    else out += m.groups?.[part.name] ?? '';
  }
  return out;
}

function replace(
  s: string,
  regex: string,
  replacement: string,
  firstOnly: boolean,
  cache: JavaRegexCache | undefined,
): string {
  const re = compileCached(regex, cache);
  const parts = cache ? cachedReplacement(cache, regex, replacement, re) : parseReplacement(replacement, re);
  // No match: the string itself, without the match loop's generator (most calls: escaping that found nothing).
  re.lastIndex = 0;
  if (!re.test(s)) return s;
  let out = '';
  let last = 0;
  for (const m of findAll(re, s)) {
    out += s.slice(last, m.index) + expand(parts, m);
    last = m.index + m[0].length;
    if (firstOnly) break;
  }
  return out + s.slice(last);
}

/** The parsed replacement, kept like `remember` keeps patterns: CACHE_LIMIT entries in all, then emptied. */
function cachedReplacement(cache: JavaRegexCache, regex: string, replacement: string, re: RegExp): ReplacementPart[] {
  let byReplacement = cache.replacements.get(regex);
  let parts = byReplacement?.get(replacement);
  if (parts === undefined) {
    parts = parseReplacement(replacement, re);
    if (cache.replacementCount >= CACHE_LIMIT) {
      cache.replacements.clear();
      cache.replacementCount = 0;
      byReplacement = undefined;
    }
    if (byReplacement === undefined) {
      byReplacement = new Map();
      cache.replacements.set(regex, byReplacement);
    }
    byReplacement.set(replacement, parts);
    cache.replacementCount += 1;
  }
  return parts;
}

export function replaceAll(s: string, regex: string, replacement: string, cache?: JavaRegexCache): string {
  return replace(s, regex, replacement, false, cache);
}

export function replaceFirst(s: string, regex: string, replacement: string, cache?: JavaRegexCache): string {
  return replace(s, regex, replacement, true, cache);
}

/** String.matches: the whole string must match, with backtracking into alternatives. */
export function matches(s: string, regex: string, cache?: JavaRegexCache): boolean {
  const re = compileCached(regex, cache);
  return new RegExp(`(?<![\\s\\S])(?:${re.source})(?![\\s\\S])`, re.flags.replace('g', '')).test(s);
}

/** String.split(regex, limit) with Pattern.split's rules. */
export function split(s: string, regex: string, limit = 0, cache?: JavaRegexCache): string[] {
  const re = compileCached(regex, cache);
  const list: string[] = [];
  let index = 0;
  for (const m of findAll(re, s)) {
    if (limit > 0 && list.length >= limit - 1) break;
    const end = m.index + m[0].length;
    // A zero-width match at the very beginning never yields a leading empty string.
    if (m.index === 0 && end === 0) continue;
    list.push(s.slice(index, m.index));
    index = end;
  }
  if (index === 0 && list.length === 0) return [s];
  list.push(s.slice(index));
  // limit 0 drops trailing empty strings, like Java.
  if (limit === 0) while (list.length > 0 && list[list.length - 1] === '') list.pop();
  return list;
}
