/** Reads `exportsyms.uk`: the symbols a library lets others link against, one per line, `#` starting a comment. */

/** Symbols in file order, without duplicates. */
export function parseExportsyms(text: string): string[] {
  const seen = new Set<string>();
  for (const raw of text.split('\n')) {
    const hash = raw.indexOf('#');
    const line = hash < 0 ? raw : raw.slice(0, hash);
    for (const word of line.split(/\s+/)) if (word) seen.add(word);
  }
  return [...seen];
}
