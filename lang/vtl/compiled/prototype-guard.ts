/**
 * velocityjs's prototype guard (its compile/prototype-guard module, which its package does not export), so the
 * compiled path blocks exactly the keys the interpreted path blocks: `__proto__` always, `constructor` and
 * `prototype` unless the object holds them itself (and `prototype` on any function), except as the last key of a
 * `#set` path.
 */
const PROTO_KEY = '__proto__';
const PROTOTYPE_CHAIN_KEYS = new Set(['constructor', 'prototype']);

export function hasOwnKey(base: unknown, key: string): boolean {
  return (typeof base === 'object' || typeof base === 'function') && base !== null && Object.hasOwn(base, key);
}

export function isBlockedKey(base: unknown, key: string, isEnd = false): boolean {
  if (key === PROTO_KEY) return true;
  if (key === 'prototype' && typeof base === 'function') return true;
  return !isEnd && PROTOTYPE_CHAIN_KEYS.has(key) && !hasOwnKey(base, key);
}

export function hasBlockedUnknownPath(keys: readonly string[], startIndex: number): boolean {
  return keys.slice(startIndex).some((key, i) => {
    const isEnd = startIndex + i === keys.length - 1;
    return key === PROTO_KEY || (!isEnd && PROTOTYPE_CHAIN_KEYS.has(key));
  });
}
