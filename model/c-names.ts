/**
 * How Unikraft's C names relate, for every stage that reads the model: the symbols a syscall definition macro
 * generates, and which definition of a shared name a call by name can reach.
 */

/** The name of a syscall definition macro (`UK_SYSCALL_R_DEFINE`, `UK_LLSYSCALL_R_E_DEFINE`, …), as a regex source. */
export const SYSCALL_MACRO = 'UK_[A-Z_]*SYSCALL[A-Z_]*_DEFINE';

/** The C symbols the definition macro generates for syscall `name` (`uk_syscall_r_getpid`, `uk_syscall_e_getpid`). */
export function syscallSymbols(name: string): string[] {
  return [`uk_syscall_r_${name}`, `uk_syscall_e_${name}`];
}

/** The syscall a generated symbol stands for (`uk_syscall_e_wait4` → `wait4`), or null for any other name. */
export function syscallOfSymbol(symbol: string): string | null {
  return /^uk_syscall_[re]_([A-Za-z_]\w*)$/.exec(symbol)?.[1] ?? null;
}

/**
 * Whether a use by name in `file` can mean definition `f`: a static function is seen only in its own file, or
 * everywhere when it is defined in a header (`static inline`).
 */
export function visibleFrom(f: { static: boolean; file: string }, file: string): boolean {
  return !f.static || f.file === file || !/\.c$/.test(f.file);
}
