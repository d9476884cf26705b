// Helpers for tests that need real directories and real git repositories (no mocks).
import { cp, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execRunner } from '../../source/run-command.ts';

/** A fresh empty directory under the system tmp dir. */
export function tmpDir(prefix = 'ukl-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/** Runs git in `cwd` with a fixed identity and fails the test on a non-zero exit. */
export async function git(cwd: string, ...args: string[]): Promise<string> {
  const r = await execRunner(
    'git',
    ['-c', 'user.name=Test', '-c', 'user.email=test@example.invalid', '-c', 'init.defaultBranch=main', ...args],
    { cwd },
  );
  if (r.code !== 0) throw new Error(`git ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout.trim();
}

/** A minimal tree with `lib/<name>/` directories (and one C file each). */
export async function makeTree(dir: string, libs: string[] = ['uksched']): Promise<string> {
  for (const l of libs) {
    await mkdir(join(dir, 'lib', l), { recursive: true });
    await writeFile(join(dir, 'lib', l, 'a.c'), `/* test */\nint ${l.replace(/\W/g, '_')}_fn(void) { return 0; }\n`);
  }
  return dir;
}

/** Copies `src` into a new git repository with one commit tagged `tag`; returns its path. */
export async function gitCopy(src: string, tag = 'RELEASE-9.9.9'): Promise<string> {
  const dir = await tmpDir('ukl-git-');
  await cp(src, dir, { recursive: true });
  await git(dir, 'init', '-q');
  await git(dir, 'add', '.');
  await git(dir, 'commit', '-q', '-m', 'import');
  await git(dir, 'tag', tag);
  return dir;
}
