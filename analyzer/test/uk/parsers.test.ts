// Golden outputs of the Config.uk / Makefile.uk / exportsyms.uk parsers over fixture files written for these tests.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfigUk } from '../../uk/parse-config-uk.ts';
import { parseMakefileUk } from '../../uk/parse-makefile-uk.ts';
import { parseExportsyms } from '../../uk/parse-exportsyms.ts';
import { ConfigOption, SourceEntry } from '../../../model/schema.ts';

const fixtures = join(import.meta.dirname, 'fixtures');
const read = (p: string) => readFile(join(fixtures, p), 'utf8');
const json = (v: unknown) => JSON.stringify(v, null, 2) + '\n';

describe('parseConfigUk', () => {
  it('reads config-blocks (menuconfig, if, choice, menu, help, def_bool, imply, range)', async () => {
    const result = parseConfigUk('lib/demo/Config.uk', await read('config-blocks/Config.uk'));
    for (const o of result.options) ConfigOption.parse(o);
    await expect(json(result)).toMatchFileSnapshot(join(fixtures, 'config-blocks/expected.json'));
  });

  it('keeps the help text dedented and stops at the next entry', async () => {
    const { options } = parseConfigUk('x', await read('config-blocks/Config.uk'));
    const q = options.find((o) => o.name === 'LIBDEMO_QUEUE_LEN');
    expect(q?.help).toBe(
      'How many entries the queue holds.\n\n  An indented example line.\nLast line; the blank lines after it are not part of the help.',
    );
    expect(options.map((o) => o.name)).toContain('LIBDEMO_SPIN');
  });

  it('never throws on junk and reports it', () => {
    const r = parseConfigUk('x', 'endif\n\tbool "stray"\nconfig A\n\tbool\nif B\n');
    expect(r.options.map((o) => o.name)).toEqual(['A']);
    expect(r.options[0]?.guard).toEqual([]);
    expect(r.diagnostics.map((d) => d.line)).toEqual([1, 2, 6]);
  });
});

describe('parseMakefileUk', () => {
  it('reads makefile-conditions (continuations, flavours, ifeq/else, several per line)', async () => {
    const result = parseMakefileUk(await read('makefile-conditions/Makefile.uk'), {
      file: 'lib/demo/Makefile.uk',
      libPath: 'lib/demo',
    });
    for (const s of result.sources) SourceEntry.parse(s);
    await expect(json(result)).toMatchFileSnapshot(join(fixtures, 'makefile-conditions/expected.json'));
  });
  it('gives a $(CONFIG_UK_ARCH) source one entry per architecture the library has a file for', async () => {
    const result = parseMakefileUk(await read('makefile-conditions/Makefile.uk'), {
      file: 'lib/demo/Makefile.uk',
      libPath: 'lib/demo',
      files: ['lib/demo/core.c', 'lib/demo/arch/x86_64/extra.c', 'lib/demo/arch/arm64/extra.c'],
    });
    expect(result.sources.filter((s) => s.file.includes('/arch/'))).toEqual([
      { file: 'lib/demo/arch/x86_64/extra.c', config: 'CONFIG_LIBDEMO_EXTRA && CONFIG_ARCH_X86_64', line: 11 },
      { file: 'lib/demo/arch/arm64/extra.c', config: 'CONFIG_LIBDEMO_EXTRA && CONFIG_ARCH_ARM_64', line: 11 },
    ]);
    expect(result.sources.find((s) => s.file.endsWith('tests/test.c'))?.config).toBe(
      '(CONFIG_LIBDEMO_TEST || CONFIG_LIBUKTEST_ALL)',
    );
  });
});

describe('parseExportsyms', () => {
  it('reads exportsyms-comments', async () => {
    expect(parseExportsyms(await read('exportsyms-comments/exportsyms.uk'))).toEqual([
      'demo_init',
      'demo_run',
      'demo_a',
      'demo_b',
    ]);
  });
});
