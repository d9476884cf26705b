/** Errors and exit codes of the live scripts: user errors get a message with a fix, never a stack trace. */

/** Exit codes of `npm run live`, in the spirit of typedoc's `ExitCodes`. */
export const ExitCodes = {
  ok: 0,
  /** At least one app booted but did not reach `ok`. */
  bootFailed: 1,
  /** Bad command line or unknown app name. */
  badOptions: 2,
  /** The manifest does not parse or does not match its schema. */
  badManifest: 3,
  /** libvirt is not reachable. */
  noLibvirt: 4,
  /** Interrupted by SIGINT / SIGTERM (after clean-up). */
  interrupted: 130,
} as const;

/** A problem the user can fix (bad manifest, missing kernel, libvirtd not running); the message says how. */
export class LiveError extends Error {
  override name = 'LiveError';
  readonly hint?: string;
  /** What `npm run live` exits with when this error stops it. */
  readonly exitCode: number;
  constructor(message: string, hint?: string, exitCode: number = ExitCodes.bootFailed) {
    super(hint ? `${message}\nHint: ${hint}` : message);
    this.hint = hint;
    this.exitCode = exitCode;
  }
}
