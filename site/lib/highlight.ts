/** Build-time C highlighting with shiki: tokens per file, computed once and shared by every page that shows it. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CodeToken } from './code-html.ts';
import { siteEnv } from './env.ts';
import { cachedTokens } from './token-cache.ts';

const cache = new Map<string, Promise<CodeToken[][] | null>>();

/** Tokens of every line of `file` under `root`, or null when the file cannot be read. */
export function fileTokens(root: string, file: string): Promise<CodeToken[][] | null> {
  let hit = cache.get(file);
  if (!hit) {
    hit = (async () => {
      let code: string;
      try {
        code = await readFile(join(root, file), 'utf8');
      } catch {
        return null;
      }
      return cachedTokens(siteEnv().tokenCache, code);
    })();
    cache.set(file, hit);
  }
  return hit;
}
