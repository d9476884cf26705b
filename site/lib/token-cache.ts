/**
 * Shiki tokens of C source files, cached on disk by content: each file is tokenized once per content, by whoever
 * asks first — a page being rendered, or the worker that works while Astro starts (ahead-of-pages.ts) — and a
 * rebuild of unchanged sources tokenizes nothing.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { createHighlighter, createJavaScriptRegexEngine } from 'shiki';
import { createCssVariablesTheme } from 'shiki/core';
import type { CodeToken } from './code-html.ts';

/**
 * One theme whose colours are CSS variables (`--shiki-token-keyword`, …), set for light and dark in site.css:
 * each file is tokenized once instead of once per theme, and the page follows the theme switch without JS.
 */
const THEME = 'uklab-css-vars';
const theme = createCssVariablesTheme({ name: THEME, variablePrefix: '--shiki-' });

/** Bump when what is stored changes; the shiki version is part of the key too. */
const FORMAT = 'tokens-v1';
const SHIKI_VERSION = (createRequire(import.meta.url)('shiki/package.json') as { version: string }).version;

type Highlighter = Awaited<ReturnType<typeof createHighlighter>>;
let highlighter: Promise<Highlighter> | undefined;

/** Tokenizes C with shiki (one line per array, tokens with their text and colour). */
export async function tokenizeC(code: string): Promise<CodeToken[][]> {
  // The JavaScript regex engine tokenizes C about a third faster than the WASM one here.
  highlighter ??= createHighlighter({ themes: [theme], langs: ['c'], engine: createJavaScriptRegexEngine() });
  const h = await highlighter;
  const lines = h.codeToTokens(code.replace(/\n$/, ''), { lang: 'c', theme: THEME }).tokens;
  return lines.map((line) =>
    line.map((t) => (t.color ? { content: t.content, color: t.color } : { content: t.content })),
  );
}

function cachePath(dir: string, code: string): string {
  const key = createHash('sha256').update(`${FORMAT}\0${SHIKI_VERSION}\0`).update(code).digest('hex');
  return join(dir, `${key}.json`);
}

/** Tokens of `code`: from the cache in `dir` when a build already made them, else tokenized now and stored. */
export async function cachedTokens(dir: string, code: string): Promise<CodeToken[][]> {
  const path = cachePath(dir, code);
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as CodeToken[][];
  } catch {
    // Not cached yet (or unreadable): tokenize.
  }
  const tokens = await tokenizeC(code);
  try {
    mkdirSync(dir, { recursive: true });
    // Written aside, then renamed: a reader never sees half a file, whoever wins a race.
    const tmp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    writeFileSync(tmp, JSON.stringify(tokens));
    renameSync(tmp, path);
  } catch {
    // A read-only or full disk costs the cache, never the page.
  }
  return tokens;
}

/** Tokens of `file` under `root` through the cache in `dir`, or null when the file cannot be read. */
export async function cachedFileTokens(root: string, file: string, dir: string): Promise<CodeToken[][] | null> {
  let code: string;
  try {
    code = await readFile(join(root, file), 'utf8');
  } catch {
    return null; // the page says the file is missing
  }
  return cachedTokens(dir, code);
}
