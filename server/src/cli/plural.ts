/** `1 file`, `2 files`: counts in the CLI's own sentences. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
