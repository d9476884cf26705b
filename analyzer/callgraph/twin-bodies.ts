/**
 * Syscall headers of an `#if`/`#else` pair share one body (`#if X` header `#else` header `#endif` `{ … }`). Tree-sitter
 * sees only the last header, right before the body (preprocess-c.ts), so the call-graph scan reads that body once, for
 * that header's entity; the other headers' entities get the same calls, size uses and field writes here.
 */
import type { FunctionEntity } from '../../model/index.ts';

/** Twins: syscall definitions of one name in one file whose bodies end on the same line. */
const twinKey = (f: FunctionEntity) => `${f.file}\0${f.name}\0${f.endLine}`;

export function shareTwinBodies(functions: FunctionEntity[]): FunctionEntity[] {
  const owners = new Map<string, FunctionEntity>();
  for (const f of functions) {
    if (f.kind !== 'syscall' || !f.definition) continue;
    const seen = owners.get(twinKey(f));
    // The body follows the last header of the pair.
    if (!seen || f.line > seen.line) owners.set(twinKey(f), f);
  }
  return functions.map((f) => {
    if (f.kind !== 'syscall' || !f.definition) return f;
    const owner = owners.get(twinKey(f));
    if (!owner || owner === f) return f;
    // Each fact the scan left empty on this header is the body's (the size and write scans already see both).
    return {
      ...f,
      calls: f.calls.length ? f.calls : owner.calls,
      sizes: f.sizes.length ? f.sizes : owner.sizes,
      writes: f.writes.length ? f.writes : owner.writes,
    };
  });
}
