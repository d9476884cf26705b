/**
 * Test helper: builds the site once per test file from the sample tree's model (analyzer CLI) into a tmp outDir,
 * with `content/` plus crafted explanations (a missing symbol, an unresolved link, an XSS payload) and a doc comment
 * carrying the same payload injected into the model copy. `UNIKRAFTLAB_TEST_MODEL` skips the analyzer.
 */
import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseModel, type Model } from '../../model/index.ts';
import { astroArgs } from '../../scripts/astro-args.ts';

/** Markup that must never become markup on the site. */
export const XSS = '</script><img src=x onerror=alert(1)>';
/** Symbol the crafted explanation names but no model has. */
export const MISSING_SYMBOL = 'function uklab_test_no_such_function';
export const MISSING_LINK = 'uklab_test_no_such_link';

export const repo = resolve(import.meta.dirname, '../..');
export const sampleTree = join(repo, 'analyzer/fixtures/sample-tree');

/** Runs a command; rejects with its output when it fails. */
export function sh(
  cmd: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; out: string }> {
  return new Promise((done) => {
    const child = spawn(cmd, args, { cwd: repo, env: { ...process.env, ...env } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => done({ code: code ?? 1, out }));
  });
}

export interface BuiltSite {
  dir: string;
  outDir: string;
  model: Model;
  modelPath: string;
  contentDir: string;
  /** The crafted explanation files, relative to the content dir's parent (as the site reports them). */
  crafted: { missing: string; xss: string; constant: string | null; typedef: string | null; option: string | null };
  buildLog: string;
}

/** Writes the analyzer's model of the sample tree (or the override) into `dir`, with the XSS doc comment. */
export async function sampleModel(dir: string): Promise<{ model: Model; path: string }> {
  const raw = join(dir, 'raw-model.json');
  const override = process.env.UNIKRAFTLAB_TEST_MODEL;
  if (override) await cp(override, raw);
  else {
    // No --src and no UNIKRAFT_DIR: the analyzer falls back to the bundled sample tree (origin `sample`) unless a
    // cached clone exists in .cache/unikraft, in which case the pages describe that tree (and carry no banner).
    const r = await sh(
      process.execPath,
      [join(repo, 'node_modules/tsx/dist/cli.mjs'), join(repo, 'analyzer/bin.ts'), '--out', raw],
      { UNIKRAFT_DIR: '' },
    );
    if (r.code !== 0) throw new Error(`analyzer failed:\n${r.out}`);
  }
  const model = parseModel(JSON.parse(await readFile(raw, 'utf8')));
  const struct = model.structs.find((s) => s.documented && s.name && !s.parent && s.fields.length);
  if (struct) struct.fields[0]!.doc = `field doc ${XSS}`;
  const fn = model.functions.find((f) => f.documented && f.definition);
  if (fn) fn.doc = `function doc ${XSS}`;
  const path = join(dir, 'model.json');
  await writeFile(path, JSON.stringify(model));
  return { model, path };
}

/** Copies `content/` and adds the crafted explanations. */
export async function craftedContent(
  dir: string,
  model: Model,
): Promise<{ contentDir: string; crafted: BuiltSite['crafted'] }> {
  const contentDir = join(dir, 'content');
  await mkdir(contentDir, { recursive: true });
  await cp(join(repo, 'content/explanations'), join(contentDir, 'explanations'), { recursive: true }).catch(() => {});
  await cp(join(repo, 'content/live'), join(contentDir, 'live'), { recursive: true }).catch(() => {});
  const testDir = join(contentDir, 'explanations/en/uklab-test');
  await mkdir(testDir, { recursive: true });
  await writeFile(
    join(testDir, 'missing.md'),
    `---\nsymbol: ${MISSING_SYMBOL}\n---\nThis explains something the model lacks.\n\nSee {@link ${MISSING_LINK}} too.\n`,
  );
  const lib = model.libraries[0]!.name;
  // A library explanation would collide with content/'s own; explain a file of the library instead.
  const file = model.files.find((f) => f.documented && f.library === lib)!.path;
  await writeFile(
    join(testDir, 'xss.md'),
    `---\nsymbol: file ${file}\n---\nPayload: ${XSS}\n\n${XSS}\n\n[click](javascript:alert(1))\n`,
  );
  // An explained constant (object-like macro) gets a page of its own; the others are listed on their file pages.
  const constant = model.macros.find(
    (m) => m.documented && !m.params && !model.macros.some((o) => o.name === m.name && o.params),
  );
  if (constant)
    await writeFile(
      join(testDir, 'constant.md'),
      `---\nsymbol: macro ${constant.name}\n---\nWhy this constant matters.\n`,
    );
  // Likewise a typedef and an option: explained ones get pages, the others are shown where they are defined.
  const typedef = model.typedefs.find((t) => t.documented);
  if (typedef)
    await writeFile(
      join(testDir, 'typedef.md'),
      `---\nsymbol: typedef ${typedef.name}\n---\nWhy this typedef matters.\n`,
    );
  const option = model.libraries.flatMap((l) => l.config)[0];
  const optionName = option ? (option.name.startsWith('CONFIG_') ? option.name : `CONFIG_${option.name}`) : null;
  if (optionName)
    await writeFile(join(testDir, 'option.md'), `---\nsymbol: option ${optionName}\n---\nWhy this option matters.\n`);
  return {
    contentDir,
    crafted: {
      missing: 'content/explanations/en/uklab-test/missing.md',
      xss: 'content/explanations/en/uklab-test/xss.md',
      constant: constant?.name ?? null,
      typedef: typedef?.name ?? null,
      option: optionName,
    },
  };
}

/** Builds the site (once per process) from the sample model into a tmp dir. */
let built: Promise<BuiltSite> | undefined;
export function buildSiteOnce(): Promise<BuiltSite> {
  built ??= (async () => {
    const dir = await mkdtemp(join(tmpdir(), 'uklab-site-'));
    const { model, path } = await sampleModel(dir);
    const { contentDir, crafted } = await craftedContent(dir, model);
    const outDir = join(dir, 'dist');
    const r = await sh(process.execPath, astroArgs(repo, 'build'), {
      UNIKRAFTLAB_MODEL: path,
      UNIKRAFTLAB_CONTENT: contentDir,
      UNIKRAFTLAB_OUT_DIR: outDir,
      UNIKRAFTLAB_CACHE_DIR: join(dir, 'astro-cache'),
    });
    if (r.code !== 0) throw new Error(`astro build failed:\n${r.out}`);
    return { dir, outDir, model, modelPath: path, contentDir, crafted, buildLog: r.out };
  })();
  return built;
}

/** Every `.html` file under `dir`, relative paths. */
export async function htmlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.html'))
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1));
}

/** Path of the built page for a URL like `/structs/uk_thread/`. */
export function pageFile(outDir: string, url: string): string {
  return join(outDir, decodeURIComponent(url.replace(/#.*$/, '')), 'index.html');
}
