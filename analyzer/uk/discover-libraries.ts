/** Which libraries a tree has and which of them a run documents (`--libs`). */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { AnalyzerError, ExitCodes } from '../errors.ts';

/** The libraries documented when `--libs` is not given: the scheduler, locks and process code. */
export const DEFAULT_LIBS = ['uksched', 'ukschedcoop', 'uklock', 'posix-process', 'posix-futex'];

/** Names of the directories under `lib/`, sorted. */
export async function discoverLibraries(root: string): Promise<string[]> {
  const entries = await readdir(join(root, 'lib'), { withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

/**
 * Picks the libraries to document: `all`, a list, or (undefined) the defaults that exist in the tree.
 * An unknown name is an InputError that names it and suggests existing ones.
 */
export function selectLibraries(available: string[], requested: string[] | 'all' | undefined): string[] {
  if (requested === 'all') return [...available];
  if (requested === undefined) {
    const present = DEFAULT_LIBS.filter((l) => available.includes(l));
    if (present.length === 0) {
      throw new AnalyzerError(
        `None of the default libraries (${DEFAULT_LIBS.map((l) => `\`${l}\``).join(', ')}) exist in this tree.`,
        ExitCodes.InputError,
        `Pass \`--libs\` with some of: ${suggest('', available)}, or \`--libs all\`.`,
      );
    }
    return present;
  }
  const unknown = requested.filter((l) => !available.includes(l));
  if (unknown.length) {
    throw new AnalyzerError(
      `Unknown ${unknown.length === 1 ? 'library' : 'libraries'} ${unknown.map((l) => `\`${l}\``).join(', ')} in \`--libs\`.`,
      ExitCodes.InputError,
      `Libraries are directory names under \`lib/\`, e.g. ${suggest(unknown[0] as string, available)}; or pass \`--libs all\`.`,
    );
  }
  return [...new Set(requested)];
}

/** A few existing names, those sharing the most with `name` first. */
function suggest(name: string, available: string[]): string {
  const score = (c: string) => {
    const a = name.toLowerCase();
    let common = 0;
    while (common < a.length && common < c.length && a[common] === c[common]) common++;
    return common * 2 + (a && (c.includes(a) || a.includes(c)) ? 5 : 0);
  };
  const picks = [...available].sort((x, y) => score(y) - score(x) || x.localeCompare(y)).slice(0, 6);
  return picks.map((l) => `\`${l}\``).join(', ') || '(no libraries found)';
}
