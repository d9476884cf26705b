/** Evidence records: the facts (`parts`) and the English sentence (`detail`) made from them, in one place. */
import type { Evidence, EvidenceParts } from '../../model/schema.ts';

/** `parts` without the nulls: the shape and the code are required. */
export type PartsGiven = Partial<EvidenceParts> & Pick<EvidenceParts, 'shape' | 'code'>;

/** The English summary of `parts`, as the model's `detail`. */
export function englishDetail(p: EvidenceParts): string {
  const where = p.in ?? 'file scope';
  const what = p.field === null ? `\`${p.code}\`` : `.${p.field} = \`${p.code}\``;
  switch (p.shape) {
    case 'argument':
      return `${where} passes \`${p.code}\` to ${p.callee}() as argument ${p.argument}`;
    case 'literal':
      return `(${p.literal}){…} in ${where} with ${what}`;
    case 'declaration':
      return `${p.macro === null ? p.declares : `${p.macro}(…) declares ${p.declares}`} with ${what}`;
    case 'assignment':
      return `${p.macro === null ? '' : `${p.macro}(…) in `}${where} assigns \`${p.code}\``;
  }
}

/** An evidence record for a store at `file:line`. */
export function evidence(file: string, line: number, kind: string, given: PartsGiven): Evidence {
  const parts: EvidenceParts = {
    in: null,
    macro: null,
    declares: null,
    literal: null,
    field: null,
    callee: null,
    argument: null,
    ...given,
  };
  return { file, line, kind, detail: englishDetail(parts), parts };
}
