// Source highlighting through the token cache: cached tokens render exactly as shiki's own, a cached file is read
// back instead of tokenized again (the worker that fills it ahead of the pages: ahead-of-pages.test.ts).
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createHighlighter, createJavaScriptRegexEngine } from 'shiki';
import { createCssVariablesTheme } from 'shiki/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { codeHtml } from '../lib/code-html.ts';
import { cachedTokens } from '../lib/token-cache.ts';

const SAMPLE = resolve(import.meta.dirname, '../../analyzer/fixtures/sample-tree');
const FILE = 'lib/uksched/thread.c';

describe('token cache', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'unikraftlab-tokens-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('renders the same HTML from cached tokens as from shiki directly', async () => {
    const code = await readFile(join(SAMPLE, FILE), 'utf8');
    const theme = createCssVariablesTheme({ name: 'uklab-css-vars', variablePrefix: '--shiki-' });
    const h = await createHighlighter({ themes: [theme], langs: ['c'], engine: createJavaScriptRegexEngine() });
    const direct = h.codeToTokens(code.replace(/\n$/, ''), { lang: 'c', theme: 'uklab-css-vars' }).tokens;
    const options = { from: 1, to: Number.MAX_SAFE_INTEGER, anchors: true, linkFor: () => null };
    const fresh = await cachedTokens(dir, code);
    const again = await cachedTokens(dir, code);
    expect(codeHtml(fresh, options)).toBe(codeHtml(direct, options));
    expect(codeHtml(again, options)).toBe(codeHtml(direct, options));
    expect(codeHtml(direct, options)).toContain('class="tk-keyword"');
  });

  it('reads a file tokenized before instead of tokenizing it again', async () => {
    const code = 'static int x;\n';
    await cachedTokens(dir, code);
    const [stored] = await readdir(dir);
    const path = join(dir, stored!);
    const tokens = JSON.parse(await readFile(path, 'utf8')) as { content: string }[][];
    tokens[0]![0]!.content = 'from-the-cache';
    await writeFile(path, JSON.stringify(tokens));
    expect((await cachedTokens(dir, code))[0]![0]!.content).toBe('from-the-cache');
    // Other content is another entry.
    expect((await cachedTokens(dir, 'static long y;\n'))[0]![0]!.content).not.toBe('from-the-cache');
    expect(await readdir(dir)).toHaveLength(2);
  });
});
