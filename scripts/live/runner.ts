/** The one way the live scripts run programs (`virsh`, `qemu-system-x86_64`, `gcc`): passed in, so tests can record. */
import { spawn } from 'node:child_process';

/** Exit code (null when killed by a signal) and captured output; never throws for a non-zero exit. */
export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `cmd args`; rejects only when the program cannot be started (not found). */
export type Runner = (
  cmd: string,
  args: string[],
  options?: { timeoutMs?: number; env?: NodeJS.ProcessEnv },
) => Promise<RunResult>;

/** The real runner, on `child_process.spawn` without a shell (arguments need no quoting). */
export const execRunner: Runner = (cmd, args, options = {}) =>
  new Promise((resolve, reject) => {
    // `detached`: a Ctrl-C on the terminal reaches this process only, which then cleans up in order; a `virsh create`
    // killed half-way could otherwise leave a domain behind that nobody destroys.
    const child = spawn(cmd, args, {
      env: options.env ?? process.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
