// The worker that works ahead of the pages: it fills the token cache for the files it is given (skipping missing
// ones), and prepares the explanations' Markdown, which then reaches every copy of markdown.ts in the process.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canWorkAhead, explanationTexts, startWorkingAhead } from '../lib/ahead-of-pages.ts';
import { prepareMarkdown, type PreparedMarkdown } from '../lib/markdown.ts';
import { cachedTokens } from '../lib/token-cache.ts';

const SAMPLE = resolve(import.meta.dirname, '../../analyzer/fixtures/sample-tree');
const FILES = ['lib/uksched/thread.c', 'lib/uksched/sched.c'];
const shared = () =>
  (globalThis as Record<symbol, Map<string, PreparedMarkdown> | undefined>)[Symbol.for('unikraftlab.preparedMarkdown')];

describe('working ahead of the pages', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'unikraftlab-ahead-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.skipIf(!canWorkAhead)('fills the token cache, skipping missing files', async () => {
    await startWorkingAhead({
      root: SAMPLE,
      files: [...FILES, 'lib/uksched/no-such-file.c'],
      tokenDir: dir,
      markdown: [],
    });
    const entries = (await readdir(dir)).filter((f) => f.endsWith('.json'));
    expect(entries).toHaveLength(FILES.length);
    for (const f of FILES) {
      const code = await readFile(join(SAMPLE, f), 'utf8');
      const before = (await readdir(dir)).length;
      await cachedTokens(dir, code); // already there: nothing new is written
      expect(await readdir(dir)).toHaveLength(before);
    }
  });

  it.skipIf(!canWorkAhead)('prepares every explanation text and shares it with the pages', async () => {
    const markdown = explanationTexts([
      { body: 'Yields: {@link uk_sched_yield}.\n', fields: { flags: '*Bits* of {@link uk_thread.flags}' } },
      { body: '  \n', fields: {} },
    ]);
    expect(markdown).toEqual([
      { text: 'Yields: {@link uk_sched_yield}.\n', inline: false },
      { text: '*Bits* of {@link uk_thread.flags}', inline: true },
    ]);
    await startWorkingAhead({ root: SAMPLE, files: [], tokenDir: dir, markdown });
    expect(shared()?.get(`block\0${markdown[0]!.text}`)).toEqual(prepareMarkdown(markdown[0]!.text, false));
    expect(shared()?.get(`inline\0${markdown[1]!.text}`)).toEqual(prepareMarkdown(markdown[1]!.text, true));
  });
});
