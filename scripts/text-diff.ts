/** The first differing region of two texts, with line numbers and a little context. */
export function firstDifference(before: string, after: string, context = 3): string {
  const a = before.split('\n');
  const b = after.split('\n');
  let first = 0;
  while (first < a.length && first < b.length && a[first] === b[first]) first += 1;
  let tailA = a.length - 1;
  let tailB = b.length - 1;
  while (tailA > first && tailB > first && a[tailA] === b[tailB]) {
    tailA -= 1;
    tailB -= 1;
  }
  const from = Math.max(0, first - context);
  const lines = [`@@ line ${first + 1} @@`];
  for (let i = from; i < first; i += 1) lines.push(`  ${a[i]}`);
  for (let i = first; i <= tailA && i < a.length; i += 1) lines.push(`- ${a[i]}`);
  for (let i = first; i <= tailB && i < b.length; i += 1) lines.push(`+ ${b[i]}`);
  const shown = lines.slice(0, 60);
  if (lines.length > 60) shown.push(`  ... ${lines.length - 60} more lines`);
  return shown.join('\n');
}
