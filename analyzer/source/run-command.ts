/** Runs external commands (git) for the source stage; passed in as a parameter so tests can record or replace it. */
import { execFile } from 'node:child_process';

/** What a finished command reported; `code` is non-zero (or -1 when it could not start) on failure. */
export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `command args…` in `cwd` and resolves with its result; never rejects. */
export type Runner = (command: string, args: string[], options?: { cwd?: string }) => Promise<CommandResult>;

/** The real runner: `execFile`, no shell, output as UTF-8. */
export const execRunner: Runner = (command, args, options = {}) =>
  new Promise((resolve) => {
    execFile(
      command,
      args,
      { cwd: options.cwd, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout: stdout ?? '', stderr: stderr ?? (error ? error.message : '') });
      },
    );
  });
