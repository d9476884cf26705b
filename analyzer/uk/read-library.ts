/** A library's metadata from its own files: Config.uk options, Makefile.uk sources, exportsyms.uk symbols. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Diagnostic, Library } from '../../model/schema.ts';
import { parseConfigUk } from './parse-config-uk.ts';
import { parseExportsyms } from './parse-exportsyms.ts';
import { parseMakefileUk } from './parse-makefile-uk.ts';

/** Reads the metadata of `lib/<name>`; missing files give empty lists, never errors. */
export async function readLibrary(
  root: string,
  name: string,
  files: string[],
): Promise<{ library: Library; diagnostics: Diagnostic[] }> {
  const path = `lib/${name}`;
  const read = (f: string) => readFile(join(root, path, f), 'utf8').catch(() => null);
  const [config, makefile, exportsyms] = await Promise.all([
    read('Config.uk'),
    read('Makefile.uk'),
    read('exportsyms.uk'),
  ]);
  const diagnostics: Diagnostic[] = [];
  const c = config === null ? null : parseConfigUk(`${path}/Config.uk`, config);
  const m = makefile === null ? null : parseMakefileUk(makefile, { file: `${path}/Makefile.uk`, libPath: path, files });
  diagnostics.push(...(c?.diagnostics ?? []), ...(m?.diagnostics ?? []));
  return {
    library: {
      name,
      path,
      files,
      config: c?.options ?? [],
      exports: exportsyms === null ? [] : parseExportsyms(exportsyms),
      sources: m?.sources ?? [],
    },
    diagnostics,
  };
}
