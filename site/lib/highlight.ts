/** Build-time C highlighting with shiki: tokens per file, computed once and shared by every page that shows it. */
import type { CodeToken } from './code-html.ts';
import { siteEnv } from './env.ts';
import { cachedFileTokens } from './token-cache.ts';

const cache = new Map<string, Promise<CodeToken[][] | null>>();

/** Tokens of every line of `file` under `root`, or null when the file cannot be read. */
export function fileTokens(root: string, file: string): Promise<CodeToken[][] | null> {
  let hit = cache.get(file);
  if (!hit) {
    hit = cachedFileTokens(root, file, siteEnv().tokenCache);
    cache.set(file, hit);
  }
  return hit;
}
