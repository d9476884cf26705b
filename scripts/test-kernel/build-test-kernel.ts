/**
 * Builds the project's own multiboot test kernel with the machine's gcc and ld, so CI boots something real through
 * libvirt without any Unikraft kernel. Rebuilds only when a source changed (the sources' hash is kept beside it).
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LiveError } from '../live/errors.ts';
import type { Runner } from '../live/runner.ts';

const SOURCE_DIR = dirname(fileURLToPath(import.meta.url));
const SOURCES = ['boot.S', 'kernel.c', 'link.ld'];

/** Builds `kernel.elf` at `outPath` (a 32-bit multiboot v1 ELF) unless it is current; returns `outPath`. */
export async function buildTestKernel(outPath: string, runner: Runner): Promise<string> {
  const hash = createHash('sha256');
  for (const s of SOURCES) hash.update(s).update(await readFile(join(SOURCE_DIR, s)));
  const digest = hash.digest('hex');
  const stamp = `${outPath}.sources-sha256`;
  const current = await readFile(stamp, 'utf8').catch(() => '');
  const built = await readFile(outPath).then(
    () => true,
    () => false,
  );
  if (built && current === digest) return outPath;

  const dir = dirname(outPath);
  await mkdir(dir, { recursive: true });
  const bootObj = join(dir, 'boot.o');
  const kernelObj = join(dir, 'kernel.o');
  const steps: [string, string[]][] = [
    ['gcc', ['-m32', '-c', join(SOURCE_DIR, 'boot.S'), '-o', bootObj]],
    [
      'gcc',
      [
        '-m32',
        '-ffreestanding',
        '-fno-pic',
        '-fno-stack-protector',
        '-nostdlib',
        '-O2',
        '-Wall',
        '-Wextra',
        '-Werror',
        '-c',
        join(SOURCE_DIR, 'kernel.c'),
        '-o',
        kernelObj,
      ],
    ],
    [
      'ld',
      [
        '-m',
        'elf_i386',
        '--no-warn-rwx-segments',
        '-T',
        join(SOURCE_DIR, 'link.ld'),
        '-o',
        outPath,
        bootObj,
        kernelObj,
      ],
    ],
  ];
  for (const [cmd, args] of steps) {
    let r;
    try {
      r = await runner(cmd, args, { timeoutMs: 60_000 });
    } catch {
      throw new LiveError(
        `\`${cmd}\` was not found; it builds the test kernel.`,
        'Install it: `apt-get install gcc binutils`.',
      );
    }
    if (r.code !== 0) {
      throw new LiveError(
        `Building the test kernel failed: \`${cmd} ${args.join(' ')}\`\n${r.stderr.trim()}`,
        'The test kernel needs a gcc that can emit 32-bit x86 code (`-m32`).',
      );
    }
  }
  await rm(bootObj, { force: true });
  await rm(kernelObj, { force: true });
  await writeFile(stamp, digest);
  return outPath;
}
