// Provenance from a real git repository in a tmp dir; a tree inside another repository is not credited with its commit.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitProvenance, githubRepository } from '../../source/git-provenance.ts';
import { execRunner } from '../../source/run-command.ts';
import { git, gitCopy, makeTree, tmpDir } from './git-fixtures.ts';

describe('gitProvenance', () => {
  it('gives commit, describe and a GitHub remote', async () => {
    const repo = await gitCopy(await makeTree(await tmpDir()), 'RELEASE-0.1.0');
    await git(repo, 'remote', 'add', 'origin', 'git@github.com:unikraft/unikraft.git');
    const head = await git(repo, 'rev-parse', 'HEAD');
    expect(await gitProvenance(repo, execRunner)).toEqual({
      commit: head,
      describe: 'RELEASE-0.1.0',
      repository: 'https://github.com/unikraft/unikraft',
    });
  });

  it('gives nulls outside git, and for a subdirectory of another repository', async () => {
    const plain = await makeTree(await tmpDir());
    expect(await gitProvenance(plain, execRunner)).toEqual({
      commit: null,
      describe: null,
      repository: null,
    });
    const repo = await gitCopy(await makeTree(await tmpDir()));
    await mkdir(join(repo, 'nested', 'lib'), { recursive: true });
    expect(await gitProvenance(join(repo, 'nested'), execRunner)).toEqual({
      commit: null,
      describe: null,
      repository: null,
    });
  });

  it('recognises GitHub remotes only', () => {
    expect(githubRepository('https://github.com/o/r.git')).toBe('https://github.com/o/r');
    expect(githubRepository('https://github.com/o/r')).toBe('https://github.com/o/r');
    expect(githubRepository('/srv/mirror/repo')).toBeNull();
    expect(githubRepository('https://gitlab.com/o/r')).toBeNull();
  });
});
