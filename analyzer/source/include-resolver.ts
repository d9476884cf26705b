/**
 * Resolves `#include` names to files of the tree the way Unikraft's build sets up its include path: the tree's
 * `include/`, every `lib/*\/include`, the architecture and platform include directories, and for `"x"` the including
 * file's own directory first. Names that resolve nowhere (libc, generated `uk/config.h`) resolve to null.
 */
import { readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import { parseMakefileUk } from '../uk/parse-makefile-uk.ts';
import { join, posix, relative, sep } from 'node:path';

/** Finds the file an include names; results are cached per (name, directory). */
export interface IncludeResolver {
  /** Path relative to the root, or null. `from` is the including file's path relative to the root. */
  resolve(name: string, quoted: boolean, from: string): Promise<string | null>;
}

/** A directory's entries (recursively when asked), none when it cannot be read. */
function listDir(abs: string, recursive = false): Dirent[] {
  try {
    return readdirSync(abs, { withFileTypes: true, recursive });
  } catch {
    return [];
  }
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
  // Listings, stats and Makefile.uk reads are synchronous: cached metadata and small files, cheaper than a promise each.
  const sub = async (dir: string): Promise<string[]> =>
    listDir(join(root, dir))
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
      let text = '';
      try {
        text = readFileSync(join(root, lib, 'Makefile.uk'), 'utf8');
      } catch {
        // no Makefile.uk: no extra directories
      }
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
    const entries = listDir(join(root, dir), true);
    const names = entries
      .filter((e) => e.isFile())
      .map((e) => relative(join(root, dir), join(e.parentPath, e.name)).split(sep).join('/'))
      .sort();
    for (const name of names) if (!byName.has(name)) byName.set(name, `${dir}/${name}`);
  }

  const exists = new Map<string, boolean>();
  const isFile = (rel: string): boolean => {
    let known = exists.get(rel);
    if (known === undefined)
      exists.set(rel, (known = statSync(join(root, rel), { throwIfNoEntry: false })?.isFile() ?? false));
    return known;
  };

  return {
    async resolve(name, quoted, from) {
      if (name.startsWith('/') || name.includes('\0')) return null;
      if (quoted) {
        const rel = posix.normalize(posix.join(posix.dirname(from), name));
        if (!rel.startsWith('../') && isFile(rel)) return rel;
      }
      if (name.split('/').includes('..')) return null;
      return byName.get(posix.normalize(name)) ?? null;
    },
  };
}
