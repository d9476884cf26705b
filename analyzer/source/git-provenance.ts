/** Which commit a source tree is at, so that the model (and the site's links) can name it. */
import { realpath } from 'node:fs/promises';
import type { Runner } from './run-command.ts';

/** Commit, `git describe`, and the GitHub repository of the tree; all null when it is not its own git work tree. */
export interface Provenance {
  commit: string | null;
  describe: string | null;
  repository: string | null;
}

/**
 * Asks git about `root`. A tree that merely sits inside another repository (the bundled sample tree inside this
 * one) is not its own work tree and gets nulls, so that it is never credited with this repository's commit.
 */
export async function gitProvenance(root: string, run: Runner): Promise<Provenance> {
  const none: Provenance = { commit: null, describe: null, repository: null };
  // All four start at once: the analysis that runs meanwhile is synchronous for seconds, so a chain of commands would
  // only advance at its few awaits and finish late. describe and remote are read-only, so asking needlessly is harmless.
  const [top, head, describe, remote] = await Promise.all([
    run('git', ['rev-parse', '--show-toplevel'], { cwd: root }),
    run('git', ['rev-parse', 'HEAD'], { cwd: root }),
    run('git', ['describe', '--tags', '--always'], { cwd: root }),
    run('git', ['remote', 'get-url', 'origin'], { cwd: root }),
  ]);
  if (top.code !== 0) return none;
  const [a, b] = await Promise.all([realpath(top.stdout.trim()).catch(() => ''), realpath(root).catch(() => root)]);
  if (a !== b) return none;
  if (head.code !== 0) return none;
  return {
    commit: head.stdout.trim(),
    describe: describe.code === 0 ? describe.stdout.trim() || null : null,
    repository: remote.code === 0 ? githubRepository(remote.stdout.trim()) : null,
  };
}

/** `git@github.com:o/r.git` or `https://github.com/o/r` → `https://github.com/o/r`; anything else → null. */
export function githubRepository(url: string): string | null {
  const m = /^(?:https?:\/\/|ssh:\/\/git@|git@)github\.com[:/]([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/.exec(url);
  return m ? `https://github.com/${m[1]}/${m[2]}` : null;
}
