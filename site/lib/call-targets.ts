/**
 * Which page a called name stands for, as C resolves it: the model's call edges carry the name written at the call
 * site, and two functions may share a name (a `static` helper in a test file and a syscall of the same name; the
 * libc `clone()` stub and the `clone` syscall). Pages of functions and syscalls list callers and callees through
 * these lookups, so an edge is shown on the page of the definition it reaches, and on no other.
 */
import {
  syscallOfSymbol as symbolSyscall,
  syscallSymbols,
  visibleFrom,
  type Call,
  type FunctionEntity,
} from '../../model/index.ts';
import type { IncomingCall, SymbolIndex } from './symbol-index.ts';

/** A function or syscall page. */
export interface CallTarget {
  kind: 'function' | 'syscall';
  name: string;
}

/** The syscall a generated name (`uk_syscall_e_wait4`) belongs to, when the model has that syscall. */
export function syscallOfSymbol(index: SymbolIndex, name: string): string | null {
  const sys = symbolSyscall(name);
  return sys && index.syscalls.has(sys) ? sys : null;
}

/** A static definition the calling file sees (model/c-names.ts: its own file, or a header). */
function visibleStatic(f: FunctionEntity, fromFile: string): boolean {
  return f.static && f.definition && visibleFrom(f, fromFile);
}

/**
 * The page a call to `name` from `fromFile` reaches: a static definition the calling file sees, else a syscall's
 * generated name, else an external (non-static) function, else the syscall of that name, else the function's page
 * when the model has only its declarations. Null for names the model does not document, and for static functions
 * of other C files, which a call by name from `fromFile` cannot reach. A `pointer` edge names the function stored in
 * the slot, wherever it is defined: any definition of that name is a function page.
 */
export function callTarget(
  index: SymbolIndex,
  name: string,
  fromFile: string,
  via: Call['via'] = 'direct',
): CallTarget | null {
  const fns = index.functions.get(name);
  if (fns?.some((f) => visibleStatic(f, fromFile) || (via === 'pointer' && f.definition)))
    return { kind: 'function', name };
  const hasExternalDef = fns?.some((f) => f.definition && !f.static) ?? false;
  const sys = syscallOfSymbol(index, name);
  if (sys && !hasExternalDef) return { kind: 'syscall', name: sys };
  if (hasExternalDef) return { kind: 'function', name };
  if (index.syscalls.has(name)) return { kind: 'syscall', name };
  if (fns?.some((f) => !f.definition)) return { kind: 'function', name };
  return null;
}

/** The page of a function entity itself (a caller). */
export function targetOf(f: FunctionEntity): CallTarget {
  return { kind: f.kind === 'syscall' ? 'syscall' : 'function', name: f.name };
}

/** The edges that reach the function or syscall page `target`: by its name, and for a syscall by its C symbols. */
export function callersOf(index: SymbolIndex, target: CallTarget): IncomingCall[] {
  const names = target.kind === 'syscall' ? [target.name, ...syscallSymbols(target.name)] : [target.name];
  return names.flatMap((n) =>
    (index.callers.get(n) ?? []).filter(({ from, call }) => {
      const t = call.to ? callTarget(index, call.to, from.file, call.via) : null;
      return t?.kind === target.kind && t.name === target.name;
    }),
  );
}

/** The definitions (or, lacking any, declarations) a page shows. */
export function entitiesOf(index: SymbolIndex, target: CallTarget): FunctionEntity[] {
  return (target.kind === 'syscall' ? index.syscalls : index.functions).get(target.name) ?? [];
}
