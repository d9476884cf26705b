/**
 * Asks GCC for the truth about a fixture's calls: `gcc -c -fcallgraph-info -fno-inline -O0` writes one `.ci` (VCG)
 * file per translation unit with every direct edge and every indirect call site (`__indirect_call`) and its location.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

/** Runs a program in a directory; tests pass the real one, which throws on a non-zero exit. */
export type Runner = (cmd: string, args: string[], cwd: string) => void;

/** The default runner: execFileSync, output kept for the error message. */
export const execRunner: Runner = (cmd, args, cwd) => {
  execFileSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
};

/** What GCC saw: direct edges (caller, callee), indirect call sites (caller, file, line), and the functions it emitted. */
export interface GccGraph {
  direct: { from: string; to: string; file: string; line: number }[];
  indirect: { from: string; file: string; line: number }[];
  defined: Set<string>;
}

/** Node titles of static functions are `file:name`; keep the name. */
function bare(title: string): string {
  return title.slice(title.lastIndexOf(':') + 1);
}

/** Parses the VCG text of one `.ci` file. */
export function parseCallgraphInfo(text: string): GccGraph {
  const out: GccGraph = { direct: [], indirect: [], defined: new Set() };
  for (const m of text.matchAll(/node: \{ title: "([^"]+)" label: "([^"\\]+)\\n([^"]+)"(?: shape : (\w+))? \}/g)) {
    // Ellipse nodes are callees without a body in this unit.
    if (m[4] !== 'ellipse') out.defined.add(bare(m[1] as string));
  }
  for (const m of text.matchAll(
    /edge: \{ sourcename: "([^"]+)" targetname: "([^"]+)" label: "([^"]+):(\d+):\d+" \}/g,
  )) {
    const from = bare(m[1] as string);
    const file = m[3] as string;
    const line = Number(m[4]);
    if (m[2] === '__indirect_call') out.indirect.push({ from, file, line });
    else out.direct.push({ from, to: bare(m[2] as string), file, line });
  }
  return out;
}

/** Compiles each `.c` file (paths relative to `root`) and merges GCC's graphs. */
export function gccCallGraph(root: string, sources: string[], flags: string[], run: Runner = execRunner): GccGraph {
  const work = mkdtempSync(join(tmpdir(), 'cg-gcc-'));
  const merged: GccGraph = { direct: [], indirect: [], defined: new Set() };
  try {
    sources.forEach((src, i) => {
      const base = join(work, `${i}-${basename(src)}`);
      run(
        'gcc',
        ['-c', '-fcallgraph-info', '-fno-inline', '-O0', ...flags, '-o', `${base}.o`, '-dumpbase', base, src],
        root,
      );
      const g = parseCallgraphInfo(readFileSync(`${base}.ci`, 'utf8'));
      merged.direct.push(...g.direct);
      merged.indirect.push(...g.indirect);
      for (const d of g.defined) merged.defined.add(d);
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return merged;
}
