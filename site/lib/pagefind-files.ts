/** Which file of `dist/` a rendered page is, whether Astro has finished writing it, and how Pagefind globs name it. */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** The file Astro writes for a page URL path (`build.format: 'directory'`): `/a/b/` → `a/b/index.html`. */
export function pageFile(pathname: string): string {
  const path = decodeURIComponent(pathname).replace(/^\/+/, '');
  if (path === '') return 'index.html';
  if (path.endsWith('.html')) return path;
  if (path === '404' || path.endsWith('/404')) return `${path}.html`;
  return `${path.replace(/\/+$/, '')}/index.html`;
}

/** True when `file` exists and ends its document (`</html>`): Astro has written all of it. */
export function isWritten(file: string): boolean {
  let fd: number | null = null;
  try {
    fd = openSync(file, 'r');
    const size = fstatSync(fd).size;
    if (size < 7) return false;
    const tail = Buffer.alloc(Math.min(64, size));
    readSync(fd, tail, 0, tail.length, size - tail.length);
    return /<\/html>\s*$/i.test(tail.toString('latin1'));
  } catch {
    return false;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/** A glob that matches exactly this relative path (glob metacharacters escaped). */
export function exactGlob(relative: string): string {
  return relative.replace(/[\\[\]{}()*?!]/g, (c) => `\\${c}`);
}

/** Every HTML file under `dir`, relative to it, except those under the given top-level directories. */
export async function htmlFiles(dir: string, skip: string[] = ['pagefind', 'vendor', '_astro']): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.html'))
    .map((e) => join(e.parentPath, e.name).slice(dir.length).replace(/^\/+/, ''))
    .filter((rel) => !skip.includes(rel.split('/')[0] ?? ''));
}
