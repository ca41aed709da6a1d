/**
 * The places a YAML-significant character can take in a string, for tests that write hostile strings to YAML and read
 * them back: inside, alone, leading, trailing, on a line of its own, after an indented line, after a key-like prefix,
 * after a comment marker.
 */
export function placementsOf(char: string): string[] {
  return [
    `a${char}b`,
    char,
    `${char}lead`,
    `trail${char}`,
    `line1\n${char}\nline3\n`,
    `  indented\n${char}`,
    `key: ${char} value`,
    `# ${char}`,
  ];
}
