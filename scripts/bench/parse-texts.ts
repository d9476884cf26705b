/** The benches' raw tree-sitter baseline: parse texts with nothing else around it. */
import Parser from 'tree-sitter';
import C from 'tree-sitter-c';

/** Parses every text once with a fresh parser (one input callback per text); milliseconds. */
export function parseTexts(texts: string[]): number {
  const parser = new Parser();
  parser.setLanguage(C as unknown as Parser.Language);
  const t0 = performance.now();
  for (const t of texts) parser.parse(t, null, { bufferSize: Math.max(64 * 1024, t.length * 2 + 1024) });
  return performance.now() - t0;
}
