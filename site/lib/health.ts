/** Docs-health findings: what in the explanations does not match the model, plus the analyzer's own diagnostics. */
import type { Explanation } from './explanations.ts';
import { resolveSymbol, type SymbolIndex } from './symbol-index.ts';

/** One problem found in an explanation file. */
export interface HealthWarning {
  code: 'missing-symbol' | 'unresolved-link' | 'unknown-field' | 'duplicate-explanation';
  file: string;
  line: number;
  /** The symbol, link target or field that did not match. */
  subject: string;
  message: string;
}

/** A struct explained without text for some of its fields. */
export interface MissingFields {
  struct: string;
  file: string;
  fields: string[];
}

/** Checks every explanation against the model. */
export function checkExplanations(
  index: SymbolIndex,
  explanations: Explanation[],
): { warnings: HealthWarning[]; missingFields: MissingFields[] } {
  const warnings: HealthWarning[] = [];
  const missingFields: MissingFields[] = [];
  const seen = new Map<string, string>();
  for (const exp of explanations) {
    const hit = resolveSymbol(index, exp.symbol);
    if (!hit) {
      warnings.push({
        code: 'missing-symbol',
        file: exp.file,
        line: 2,
        subject: exp.symbol,
        message: `\`symbol: ${exp.symbol}\` names nothing in the model; rename it or delete the file.`,
      });
    } else {
      const key = `${exp.lang} ${hit.url}`;
      const other = seen.get(key);
      if (other) {
        warnings.push({
          code: 'duplicate-explanation',
          file: exp.file,
          line: 2,
          subject: exp.symbol,
          message: `\`${exp.symbol}\` is already explained in \`${other}\`; keep one file per symbol and language.`,
        });
      }
      seen.set(key, exp.file);
      const sname = /^(?:struct|union) (\S+)$/.exec(exp.symbol)?.[1];
      const structs = sname ? index.structs.get(sname) : undefined;
      if (structs) {
        const names = new Set(structs.flatMap((s) => s.fields.map((f) => f.name)));
        for (const [field, line] of Object.entries(exp.fieldLines)) {
          if (!names.has(field)) {
            warnings.push({
              code: 'unknown-field',
              file: exp.file,
              line,
              subject: `${sname}.${field}`,
              message: `\`${sname}\` has no field \`${field}\`; remove it from \`fields:\` or fix its name.`,
            });
          }
        }
        const missing = [...names].filter((n) => !(n in exp.fields));
        if (missing.length && exp.lang === 'en')
          missingFields.push({ struct: sname!, file: exp.file, fields: missing });
      } else if (Object.keys(exp.fields).length) {
        warnings.push({
          code: 'unknown-field',
          file: exp.file,
          line: 2,
          subject: exp.symbol,
          message: `\`fields:\` only applies to structs and unions; \`${exp.symbol}\` is not one.`,
        });
      }
    }
    for (const link of exp.links) {
      if (!resolveSymbol(index, link.target)) {
        warnings.push({
          code: 'unresolved-link',
          file: exp.file,
          line: link.line,
          subject: link.target,
          message: `\`${link.raw}\` does not resolve to anything in the model.`,
        });
      }
    }
  }
  return { warnings, missingFields };
}

/** Raised by a `--strict` build when explanations do not match the model. */
export class StrictHealthError extends Error {
  override name = 'StrictHealthError';
}

/** In strict mode, turns warnings into one error listing them all. */
export function enforceStrict(warnings: HealthWarning[], strict: boolean): void {
  if (!strict || warnings.length === 0) return;
  const list = warnings.map((w) => `  ${w.file}:${w.line}: ${w.message}`).join('\n');
  throw new StrictHealthError(
    `${warnings.length} explanation problem(s) with \`--strict\`:\n${list}\nFix them, or build without \`--strict\` to see them on the Docs health page.`,
  );
}
