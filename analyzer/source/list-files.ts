/** Lists a directory tree's files, relative and `/`-separated, in a stable order. */
import { readdirSync, type Dirent } from 'node:fs';
import { join } from 'node:path';

/** Every file under `dir` (recursively, symlinks not followed) whose name passes `keep`, sorted, as `prefix/…` paths. */
export async function listFiles(dir: string, prefix: string, keep: (name: string) => boolean): Promise<string[]> {
  const out: string[] = [];
  async function walk(abs: string, rel: string): Promise<void> {
    // Synchronous: a directory listing is cached metadata, and a promise per directory cost more than the listing.
    let entries: Dirent[] = [];
    try {
      entries = readdirSync(abs, { withFileTypes: true });
    } catch {
      // unreadable or missing: no files
    }
    for (const e of entries) {
      const childRel = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(join(abs, e.name), childRel);
      else if (e.isFile() && keep(e.name)) out.push(childRel);
    }
  }
  await walk(dir, prefix);
  return out.sort();
}
