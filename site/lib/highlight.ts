/** Build-time C highlighting with shiki: tokens per file, computed once and shared by every page that shows it. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createHighlighter, type HighlighterGeneric, type ThemedToken } from 'shiki';

/** Light theme first, dark one as CSS variables (`--shiki-dark`), switched by the site's theme. */
const THEMES = { light: 'github-light', dark: 'github-dark' } as const;

let highlighter: Promise<HighlighterGeneric<'c', 'github-light' | 'github-dark'>> | undefined;
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
      highlighter ??= createHighlighter({ themes: [THEMES.light, THEMES.dark], langs: ['c'] });
      const h = await highlighter;
      return h.codeToTokens(code.replace(/\n$/, ''), { lang: 'c', themes: THEMES, defaultColor: 'light' }).tokens;
    })();
    cache.set(file, hit);
  }
  return hit;
}
