/** Frontmatter of `content/explanations/<lang>/**.md` (content-format.md), as a zod schema. */
import { z } from 'zod';

export const ExplanationFrontmatter = z
  .object({
    /** `<kind> <name>`, e.g. `struct uk_thread`, `function uk_sched_yield`, `file lib/uksched/thread.c`. */
    symbol: z
      .string()
      .regex(
        /^(library|struct|union|enum|typedef|function|syscall|macro|global|option|file)\s+\S+$/,
        'must be "<kind> <name>" with kind one of library, struct, union, enum, typedef, function, syscall, macro, global, option, file',
      ),
    title: z.string().optional(),
    /** Struct/union only: field name → Markdown explanation. */
    fields: z.record(z.string(), z.string()).optional(),
  })
  .strict();
export type ExplanationFrontmatter = z.infer<typeof ExplanationFrontmatter>;

/** Raised for an explanation file that cannot be used; names the file, the field and the fix. */
export class ExplanationError extends Error {
  override name = 'ExplanationError';
}
