/**
 * Resolves `#include` names to files of the tree the way Unikraft's build sets up its include path: the tree's
 * `include/`, every `lib/*\/include`, the architecture and platform include directories, and for `"x"` the including
 * file's own directory first. Names that resolve nowhere (libc, generated `uk/config.h`) resolve to null.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { parseMakefileUk } from '../uk/parse-makefile-uk.ts';
import { join, posix, relative, sep } from 'node:path';

/** Finds the file an include names; results are cached per (name, directory). */
export interface IncludeResolver {
  /** Path relative to the root, or null. `from` is the including file's path relative to the root. */
  resolve(name: string, quoted: boolean, from: string): Promise<string | null>;
}

/** Options of the resolver: which architecture's headers win when several define the same name. */
export interface IncludeResolverOptions {
  /** Include directories whose path contains this come first among the arch/plat ones (default `x86_64`). */
  preferArch?: string;
}

/** Builds the include path of the tree at `root` once, then resolves against it. */
export async function createIncludeResolver(
  root: string,
  options: IncludeResolverOptions = {},
): Promise<IncludeResolver> {
  const prefer = options.preferArch ?? 'x86_64';
  const sub = async (dir: string): Promise<string[]> =>
    (await readdir(join(root, dir), { withFileTypes: true }).catch(() => []))
      .filter((e) => e.isDirectory())
      .map((e) => `${dir}/${e.name}`)
      .sort();
  const archDirs = [...(await sub('arch')), ...(await Promise.all((await sub('arch')).map(sub))).flat()];
  const preferred = (dirs: string[]) => [
    ...dirs.filter((d) => d.includes(prefer)),
    ...dirs.filter((d) => !d.includes(prefer)),
  ];
  const libs = await sub('lib');
  // Extra `-I` directories the libraries' Makefile.uk add (arch-specific and imported headers), in library order.
  const extra = await Promise.all(
    libs.map(async (lib) => {
      const text = await readFile(join(root, lib, 'Makefile.uk'), 'utf8').catch(() => '');
      return parseMakefileUk(text, { file: `${lib}/Makefile.uk`, libPath: lib, arch: prefer }).includeDirs;
    }),
  );
  const candidates = [
    'include',
    ...libs.map((d) => `${d}/include`),
    ...extra.flat(),
    ...preferred(archDirs.map((d) => `${d}/include`)),
    'plat/common/include',
    ...preferred((await sub('plat')).filter((d) => d !== 'plat/common').map((d) => `${d}/include`)),
  ];
  // Index every header under the include directories once: resolution is then a map lookup, not ~100 stats.
  const byName = new Map<string, string>();
  for (const dir of new Set(candidates)) {
    const entries = await readdir(join(root, dir), { recursive: true, withFileTypes: true }).catch(() => []);
    const names = entries
      .filter((e) => e.isFile())
      .map((e) => relative(join(root, dir), join(e.parentPath, e.name)).split(sep).join('/'))
      .sort();
    for (const name of names) if (!byName.has(name)) byName.set(name, `${dir}/${name}`);
  }

  const exists = new Map<string, Promise<boolean>>();
  const isFile = (rel: string): Promise<boolean> => {
    let p = exists.get(rel);
    if (!p)
      exists.set(
        rel,
        (p = stat(join(root, rel)).then(
          (s) => s.isFile(),
          () => false,
        )),
      );
    return p;
  };

  return {
    async resolve(name, quoted, from) {
      if (name.startsWith('/') || name.includes('\0')) return null;
      if (quoted) {
        const rel = posix.normalize(posix.join(posix.dirname(from), name));
        if (!rel.startsWith('../') && (await isFile(rel))) return rel;
      }
      if (name.split('/').includes('..')) return null;
      return byName.get(posix.normalize(name)) ?? null;
    },
  };
}
