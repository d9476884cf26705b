/** The analyzer's error type and the exit codes its CLI returns (after typedoc's `ExitCodes`). */

/** Exit codes of `npm run analyze`, one per kind of failure. */
export const ExitCodes = {
  Ok: 0,
  /** Bad or unknown command-line options. */
  OptionError: 1,
  /** The source tree is missing, is not a Unikraft tree, or names an unknown library. */
  InputError: 2,
  /** The model failed schema validation, or `--strict` and there were warnings. */
  ValidationError: 3,
  /** The model could not be written. */
  OutputError: 4,
} as const;

export type ExitCode = (typeof ExitCodes)[keyof typeof ExitCodes];

/** A user-facing failure: printed as message + hint without a stack trace, and mapped to an exit code. */
export class AnalyzerError extends Error {
  override name = 'AnalyzerError';
  readonly exitCode: ExitCode;
  readonly hint?: string;
  constructor(message: string, exitCode: ExitCode, hint?: string) {
    super(message);
    this.exitCode = exitCode;
    this.hint = hint;
  }
}
