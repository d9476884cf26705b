// Compares the model's structs with what pahole read from gcc's DWARF, under one set of defines: shared by the
// sample-tree oracle and the opt-in real-tree oracle.
import type { Field, Model, Struct } from '../../../model/schema.ts';
import { guardHolds } from './evaluate-guard.ts';
import type { PaholeMember, PaholeStruct } from './parse-pahole.ts';

/** The model's view of a struct's members under `defines`, nested anonymous aggregates expanded like pahole does. */
export function modelMembers(s: Struct, byId: Map<string, Struct>, defines: Record<string, number>): PaholeMember[] {
  return s.fields
    .filter((f: Field) => guardHolds(f.guard, defines))
    .map((f) => {
      const nested = f.aggregate ? byId.get(f.aggregate) : undefined;
      return { name: f.name, nested: nested && nested.name === null ? modelMembers(nested, byId, defines) : null };
    });
}

/** Drops what pahole expands but the model keeps as written (a macro type such as `UK_TAILQ_ENTRY(…)`). */
export function alignNesting(compiler: PaholeMember[], model: PaholeMember[]): PaholeMember[] {
  return compiler.map((m, i) => {
    const other = model[i];
    if (!m.nested) return m;
    if (!other?.nested) return { name: m.name, nested: null };
    return { name: m.name, nested: alignNesting(m.nested, other.nested) };
  });
}

/** The model's named top-level structs with members that hold under `defines` and live in one of `files`. */
export function activeStructs(
  model: Pick<Model, 'structs'>,
  defines: Record<string, number>,
  files: Set<string>,
): Struct[] {
  return model.structs.filter(
    (s) =>
      s.name !== null && s.parent === null && s.fields.length > 0 && files.has(s.file) && guardHolds(s.guard, defines),
  );
}

/** What a comparison found: one line per disagreement, and how many structs were compared. */
export interface StructComparison {
  mismatches: string[];
  compared: number;
}

/**
 * Every named top-level struct of the model that holds under `defines` and lives in one of `files` must be in the
 * compiler's list with the same members and line, and every compiled struct of those files must be in the model.
 */
export function compareStructs(
  model: Pick<Model, 'structs'>,
  compiled: PaholeStruct[],
  defines: Record<string, number>,
  files: Set<string>,
): StructComparison {
  const byId = new Map(model.structs.map((s) => [s.id, s]));
  const active = activeStructs(model, defines, files);
  const mismatches: string[] = [];
  let compared = 0;
  for (const s of active) {
    const c = compiled.find((p) => p.kind === s.kind && p.name === s.name && p.file === s.file);
    if (!c) {
      mismatches.push(`${s.kind} ${s.name} (${s.file}:${s.line}) is in the model but gcc did not see it`);
      continue;
    }
    compared++;
    if (c.line !== s.line) mismatches.push(`${s.kind} ${s.name}: model line ${s.line}, DWARF line ${c.line}`);
    const mine = modelMembers(s, byId, defines);
    const theirs = alignNesting(c.members, mine);
    if (JSON.stringify(mine) !== JSON.stringify(theirs)) {
      mismatches.push(
        `${s.kind} ${s.name}:\n  model:    ${JSON.stringify(mine)}\n  compiler: ${JSON.stringify(theirs)}`,
      );
    }
  }
  // A struct counts once even when several compiled units include its header.
  const unique = new Map(compiled.map((c) => [`${c.kind} ${c.name} ${c.file}:${c.line}`, c]));
  for (const c of unique.values()) {
    if (!files.has(c.file)) continue;
    if (!active.some((s) => s.kind === c.kind && s.name === c.name && s.file === c.file)) {
      mismatches.push(`${c.kind} ${c.name} (${c.file}:${c.line}) was compiled but is missing from the model`);
    }
  }
  return { mismatches, compared };
}
