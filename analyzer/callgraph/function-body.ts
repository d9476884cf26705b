/** One function body as the call-graph scan hands it to its lexical readers (size-uses.ts, field-writes.ts). */
import type { FieldWrite, SizeUse } from '../../model/schema.ts';
import type { TypeIndex } from './c-type.ts';
import type { Env } from './expr-type.ts';

export interface FunctionBody {
  /**
   * The file's code with comments and the contents of string and character literals blanked (analyzer/c's
   * `maskCode`), at the same offsets as its text: nothing in a comment or a string is read as code.
   */
  code: string;
  /** The body is `code[start, end)`. */
  start: number;
  end: number;
  lineStarts: number[];
  /** The variables visible in the body: locals, parameters, globals. */
  lookup: Env['lookup'];
  types: TypeIndex;
}

/** What one function body holds besides calls: its size uses and field writes. */
export interface BodyFacts {
  sizes: SizeUse[];
  writes: FieldWrite[];
}
