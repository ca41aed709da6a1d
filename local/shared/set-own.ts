/** `map[name] = value` as Object.fromEntries does it: a `__proto__` name is an own property, not the prototype. */
export function setOwn<T>(map: Record<string, T>, name: string, value: T): void {
  if (name === '__proto__')
    Object.defineProperty(map, name, { value, writable: true, enumerable: true, configurable: true });
  else map[name] = value;
}
