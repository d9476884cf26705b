/** Build-time C highlighting with shiki: tokens per file, computed once and shared by every page that shows it. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createHighlighter, createJavaScriptRegexEngine, type ThemedToken } from 'shiki';
import { createCssVariablesTheme } from 'shiki/core';

/**
 * One theme whose colours are CSS variables (`--shiki-token-keyword`, …), set for light and dark in site.css:
 * each file is tokenized once instead of once per theme, and the page follows the theme switch without JS.
 */
const theme = createCssVariablesTheme({ name: 'uklab-css-vars', variablePrefix: '--shiki-' });

type Highlighter = Awaited<ReturnType<typeof createHighlighter>>;
let highlighter: Promise<Highlighter> | undefined;
const cache = new Map<string, Promise<ThemedToken[][] | null>>();

/** Tokens of every line of `file` under `root`, or null when the file cannot be read. */
export function fileTokens(root: string, file: string): Promise<ThemedToken[][] | null> {
  let hit = cache.get(file);
  if (!hit) {
    hit = (async () => {
      let code: string;
      try {
        code = await readFile(join(root, file), 'utf8');
      } catch {
        return null;
      }
      // The JavaScript regex engine tokenizes C about a third faster than the WASM one here.
      highlighter ??= createHighlighter({ themes: [theme], langs: ['c'], engine: createJavaScriptRegexEngine() });
      const h = await highlighter;
      return h.codeToTokens(code.replace(/\n$/, ''), { lang: 'c', theme: 'uklab-css-vars' }).tokens;
    })();
    cache.set(file, hit);
  }
  return hit;
}
