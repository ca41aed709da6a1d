/** A bounded list that drops its oldest item: the console's recent messages per connection and recent log lines. */
export function createRing<T>(capacity: number) {
  const items: T[] = [];
  return {
    push(item: T): void {
      items.push(item);
      if (items.length > capacity) items.shift();
    },
    items: (): readonly T[] => items,
  };
}

/** Longest message text the console keeps (the rest is cut, and says so): messages go up to 128 KB. */
const KEPT_CHARACTERS = 4096;

export function keptText(text: string): string {
  return text.length <= KEPT_CHARACTERS ? text : `${text.slice(0, KEPT_CHARACTERS)}… (${text.length} characters)`;
}
