// What `JSON.parse(JSON.stringify(value))` gives, copied directly for the plain shapes that make up nearly every
// invocation (API Gateway events, `{ statusCode, body }` results), with no text in between: the JSON round trip
// was most of a sandbox's time per message. A value outside those shapes (a Date or anything with toJSON, an
// undefined member, -0, NaN, a BigInt, a class instance, a `__proto__` key, deep or cyclic values) gives
// NOT_PLAIN, and the caller takes the real JSON round trip, so the result is always the JSON one.
// Plain JavaScript: the sandbox worker runs without a TypeScript loader and imports it too.

export const NOT_PLAIN = Symbol('not plain JSON data');

/** Deeper values take the JSON path, which also reports cycles the way Lambda's serialiser does. */
const MAX_DEPTH = 32;

/** @param {unknown} value @returns {unknown} a fresh copy, or NOT_PLAIN */
export function copyPlainJson(value) {
  return copy(value, 0);
}

function copy(value, depth) {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0) ? value : NOT_PLAIN; // JSON: NaN → null, -0 → 0
    case 'object':
      break;
    default:
      return NOT_PLAIN; // undefined, functions, symbols, BigInt
  }
  if (value === null) return null;
  if (depth === MAX_DEPTH || typeof value.toJSON === 'function') return NOT_PLAIN;
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) return NOT_PLAIN;
    const length = value.length;
    const items = [];
    for (let index = 0; index < length; index += 1) {
      const item = copy(value[index], depth + 1);
      if (item === NOT_PLAIN) return NOT_PLAIN;
      items.push(item);
    }
    return items;
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return NOT_PLAIN;
  const members = {};
  for (const key of Object.keys(value)) {
    if (key === '__proto__') return NOT_PLAIN; // an own member in JSON.parse's output, a prototype change here
    const member = copy(value[key], depth + 1);
    if (member === NOT_PLAIN) return NOT_PLAIN;
    members[key] = member;
  }
  return members;
}
