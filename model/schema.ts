/**
 * The one model that every stage shares: the analyzer writes it, the site reads it.
 * Types are derived from these zod schemas (`z.infer`), and `model.schema.json` is generated from them
 * (`npm run schema`), so the JSON Schema shipped in the repo can never drift from the code.
 */
import { z } from 'zod';

/** Bump on any change that a consumer of an older model could misread. */
export const SCHEMA_VERSION = 4;

/** Preprocessor conditions an entity sits under, outermost first, e.g. `["CONFIG_LIBUKSCHED_TCB_INIT", "!(X)"]`. */
export const Guard = z.array(z.string());

const Located = {
  /** Owning library's name (`uksched`), or null for files outside any library (`include/uk/…`). */
  library: z.string().nullable(),
  /** Path relative to the source root, `/`-separated. */
  file: z.string(),
  /** 1-based line where the entity starts. */
  line: z.number().int().positive(),
  /** True when the file belongs to a library the run documents; false for headers indexed only for lookups. */
  documented: z.boolean(),
  guard: Guard,
};

/** A `/** … *\/` or `/**< … *\/` comment, stripped of its markers, or null. */
const Doc = z.string().nullable();

export const Param = z.object({
  /** Null for unnamed parameters in prototypes (`int (*)(void *)`). */
  name: z.string().nullable(),
  /** Type as written, without the parameter name (`struct uk_sched *`). */
  type: z.string(),
});

export const FunctionPointer = z.object({
  returnType: z.string(),
  params: z.array(Param),
  variadic: z.boolean(),
});

export const Field = z.object({
  name: z.string(),
  /** Type as written; for function-pointer fields the declarator without the field name. */
  type: z.string(),
  doc: Doc,
  line: z.number().int().positive(),
  bitWidth: z.string().nullable(),
  /** Array dimensions as written (`[UK_THREAD_NAME_MAX]` gives `UK_THREAD_NAME_MAX`), outermost first. */
  arraySize: z.array(z.string()),
  functionPointer: FunctionPointer.nullable(),
  /** `id` of the anonymous or nested aggregate this field's type is, when it is declared inline. */
  aggregate: z.string().nullable(),
  /** Attributes written on the member, as written (`__align(16)`, `__attribute__((packed))`), in source order. */
  attributes: z.array(z.string()),
  guard: Guard,
});

export const Struct = z.object({
  /** Unique within the model, stable across runs of the same tree: `struct:uk_thread`, `union:@file:line` for anonymous ones. */
  id: z.string(),
  /** Tag name, or the typedef name for `typedef struct { … } name;`, or null for anonymous nested aggregates. */
  name: z.string().nullable(),
  kind: z.enum(['struct', 'union']),
  /** Typedef names that alias this aggregate. */
  typedefs: z.array(z.string()),
  /** Id of the enclosing aggregate for nested ones. */
  parent: z.string().nullable(),
  /** Name of the macro that declared it (`UK_TAILQ_HEAD`), or null for plain C. */
  declaredBy: z.string().nullable(),
  ...Located,
  endLine: z.number().int().positive(),
  doc: Doc,
  /**
   * Attributes of the type, as written, in source order: between the keyword and the body (`struct __align(8) x {`)
   * and between the body and the declarators (`} __packed;`). Those after a declarator belong to the declared object.
   * For an aggregate a macro declares (`declaredBy`), as the macro's expansion writes them.
   */
  attributes: z.array(z.string()),
  fields: z.array(Field),
});

export const EnumConstant = z.object({
  name: z.string(),
  /** Value as written, or null when implicit. */
  value: z.string().nullable(),
  /** Computed integer value when it can be evaluated from literals and earlier constants. */
  numeric: z.number().nullable(),
  doc: Doc,
  line: z.number().int().positive(),
});

export const Enum = z.object({
  id: z.string(),
  name: z.string().nullable(),
  typedefs: z.array(z.string()),
  ...Located,
  endLine: z.number().int().positive(),
  doc: Doc,
  /** Attributes of the type, as written and placed as for structs (`enum __packed x {`, `} __packed;`). */
  attributes: z.array(z.string()),
  constants: z.array(EnumConstant),
});

export const Typedef = z.object({
  name: z.string(),
  /** Aliased type as written (for function pointers: the whole declarator without the name). */
  type: z.string(),
  functionPointer: FunctionPointer.nullable(),
  ...Located,
  doc: Doc,
});

export const Macro = z.object({
  name: z.string(),
  /** Null for object-like macros. */
  params: z.array(z.string()).nullable(),
  variadic: z.boolean(),
  /** Body with line continuations joined, as written otherwise. */
  body: z.string(),
  ...Located,
  endLine: z.number().int().positive(),
  /** The doc comment before the definition, else a trailing `/**< … *\/` on its last line (as for struct fields). */
  doc: Doc,
});

export const Global = z.object({
  name: z.string(),
  type: z.string(),
  static: z.boolean(),
  extern: z.boolean(),
  /** Initializer text as written, or null. */
  initializer: z.string().nullable(),
  /** The macro that declared it (`UK_THREAD_INIT_PRIO`), or null. */
  declaredBy: z.string().nullable(),
  ...Located,
  doc: Doc,
});

/** The facts an evidence's `detail` is made of, so that a page can say it in its own language. */
export const EvidenceParts = z.object({
  /**
   * How the store is written: `argument` (a function passed to `callee`), `assignment` (`x->f = fn`, also in a
   * `macro`), `declaration` (an initializer of `declares`, also in a `macro`), `literal` (a compound literal's).
   */
  shape: z.enum(['argument', 'assignment', 'declaration', 'literal']),
  /** Function the store is written in; null at file scope. */
  in: z.string().nullable(),
  /** Macro whose use makes the store (`uk_sched_init`, `UK_POSIX_CLONE_HANDLER`), or null. */
  macro: z.string().nullable(),
  /** Name declared with the store (`__uk_posix_clonetab9_…`, a variable), or null. */
  declares: z.string().nullable(),
  /** Type of the compound literal that makes the store (`struct uk_sched`), or null. */
  literal: z.string().nullable(),
  /** Field initialised (`init` of `.init = f`), or null. */
  field: z.string().nullable(),
  /** The code as written, on one line: the argument, the assignment, or the value stored. */
  code: z.string(),
  /** For a parameter store: the function called and the 1-based argument. */
  callee: z.string().nullable(),
  argument: z.number().int().positive().nullable(),
});

/** Where a function was stored into a slot, or what else backs an edge. */
export const Evidence = z.object({
  file: z.string(),
  line: z.number().int().positive(),
  /** How the store happens: `initializer`, `assignment`, `macro-assignment`, `parameter-store`, `registration-table`. */
  kind: z.string(),
  /** Human-readable summary in English (`uk_sched_init(…) in uk_schedcoop_create assigns (s)->yield`). */
  detail: z.string(),
  /** What `detail` says, piece by piece. */
  parts: EvidenceParts,
});

export const Call = z.object({
  /** Callee name, or null for an unresolved pointer call. */
  to: z.string().nullable(),
  line: z.number().int().positive(),
  via: z.enum(['direct', 'macro', 'pointer']),
  /**
   * For `macro` edges: the chain of macros from the one used in the function to the one whose body calls.
   * An empty chain marks the macro use itself: `to` is then the macro's name (issue 3).
   */
  macroChain: z.array(z.string()).optional(),
  /** For `pointer` edges: the slot called through, `uk_sched.yield` (struct.field) or a variable name. */
  through: z.string().optional(),
  evidence: z.array(Evidence).optional(),
  /** True for a pointer call whose possible targets are unknown (then `to` is null). */
  unresolved: z.boolean().optional(),
  guard: Guard,
});

/** One incoming edge of the callers index (issue 3): who calls a name, from where, by which kind of edge. */
export const CallerEdge = z.object({
  from: z.string(),
  /** File and line of the call site in the caller. */
  file: z.string(),
  line: z.number().int().positive(),
  via: z.enum(['direct', 'macro', 'pointer']),
  macroChain: z.array(z.string()).optional(),
  through: z.string().optional(),
  guard: Guard,
});

/** Callers index entry (issue 3): every edge that reaches `name` (a function, or a macro for macro uses). */
export const CallersEntry = z.object({ name: z.string(), callers: z.array(CallerEdge) });

/** Library dependency edge (issue 3): calls and includes from one library to another; null = files outside any library. */
export const LibraryEdge = z.object({
  from: z.string().nullable(),
  to: z.string().nullable(),
  calls: z.number().int().nonnegative(),
  includes: z.number().int().nonnegative(),
});

/**
 * A `sizeof` of a struct or union in a function body (schema 2): where instances are allocated, cleared or copied.
 * Read where the operand names the aggregate itself: `sizeof(struct X)`, `sizeof(X_t)` (a typedef of it),
 * `sizeof(*p)` or `sizeof *p` with `p` a `struct X *` (local, parameter or global), `sizeof(v)` with `v` a `struct X`.
 */
export const SizeUse = z.object({
  /** The aggregate's name (its tag, as `structs[].name`). */
  aggregate: z.string(),
  line: z.number().int().positive(),
  /** The `sizeof` as written, on one line. */
  text: z.string(),
  /** The calls and macro uses whose arguments hold it, outermost first (`["uk_zalloc"]`, `["f", "ALIGN_UP"]`). */
  within: z.array(z.string()),
});

/**
 * A field of a struct or union written in a function body (schema 2): `p->f = …`, `p->f |= …`, `v.f = …`, `p->f++`,
 * `--p->f`, `(*pp)->f = …`, with `p` a `struct X *` (`pp` a `struct X **`) or `v` a `struct X` and `f` a field of
 * `X`. Through an embedded member both are written: `c->idle.sched = …` writes `schedcoop.idle` and `uk_thread.sched`
 * (not for an anonymous member, which has no name to list it under). Writes inside a macro's expansion are not read.
 */
export const FieldWrite = z.object({
  aggregate: z.string(),
  field: z.string(),
  line: z.number().int().positive(),
});

/**
 * A place where a function is used as a value (schema 3): assigned to a field or variable, put in a table or a
 * registration, passed as an argument. The call graph's stores, whether or not a call through the slot is found:
 * `idle_thread_fn` is passed to `uk_thread_init_fn1()`, which hands it to architecture code no C call reads.
 */
export const FunctionStore = z.object({
  /** Where it went: `uk_sched.yield` (struct.field), `param:uk_thread_init_fn1:1` (an argument, from 0), a variable. */
  slot: z.string(),
  evidence: Evidence,
});

export const FunctionEntity = z.object({
  name: z.string(),
  kind: z.enum(['function', 'syscall']),
  ...Located,
  endLine: z.number().int().positive(),
  /** True for a definition with a body, false for a prototype. */
  definition: z.boolean(),
  static: z.boolean(),
  inline: z.boolean(),
  /** Listed in the library's exportsyms.uk (for syscalls: any of their generated symbols). */
  exported: z.boolean(),
  returnType: z.string(),
  params: z.array(Param),
  variadic: z.boolean(),
  /** Attribute macros stripped from the declaration (`__noreturn`, `__unused`). */
  attributes: z.array(z.string()),
  /** One-line C signature for display. */
  signature: z.string(),
  /** For syscalls: the defining macro (`UK_SYSCALL_R_DEFINE`). */
  syscallMacro: z.string().nullable(),
  doc: Doc,
  calls: z.array(Call),
  /** For definitions: the aggregates whose size the body takes, in source order (see SizeUse). */
  sizes: z.array(SizeUse),
  /** For definitions: the fields the body writes, in source order, one per field and line (see FieldWrite). */
  writes: z.array(FieldWrite),
  /** For definitions: every place the function is used as a value (see FunctionStore), in file and line order. */
  stores: z.array(FunctionStore),
});

export const ConfigOption = z.object({
  name: z.string(),
  type: z.enum(['bool', 'tristate', 'int', 'hex', 'string']).nullable(),
  prompt: z.string().nullable(),
  /** Defaults in order, each with its `if` condition. */
  defaults: z.array(z.object({ value: z.string(), if: z.string().nullable() })),
  dependsOn: z.array(z.string()),
  /** Selected options as written, with their condition when there is one (`LIBNOLIBC if !HAVE_LIBC`). */
  select: z.array(z.string()),
  /** `imply` entries as written, like `select` (issue 2, added by the assembly stage). */
  imply: z.array(z.string()).optional(),
  /** `range` bounds as written (`1 32767`), for int/hex options (issue 2, added by the assembly stage). */
  range: z.string().optional(),
  help: z.string().nullable(),
  /** Enclosing `menu`/`if`/`choice` conditions. */
  guard: Guard,
  file: z.string(),
  line: z.number().int().positive(),
});

export const SourceEntry = z.object({
  /** Path relative to the source root. */
  file: z.string(),
  /** The CONFIG option this source is built under (`CONFIG_LIBPOSIX_PROCESS_CLONE`), or null when always built. */
  config: z.string().nullable(),
  line: z.number().int().positive(),
});

export const Library = z.object({
  name: z.string(),
  path: z.string(),
  files: z.array(z.string()),
  config: z.array(ConfigOption),
  exports: z.array(z.string()),
  sources: z.array(SourceEntry),
});

export const SourceFile = z.object({
  path: z.string(),
  library: z.string().nullable(),
  documented: z.boolean(),
  lines: z.number().int().nonnegative(),
  /** `#include` targets as written (`uk/sched.h`), and where they resolved in the tree (or null). */
  includes: z.array(z.object({ name: z.string(), line: z.number().int().positive(), resolved: z.string().nullable() })),
});

/** Every code an analyzer diagnostic can have; pages describe each in their language. */
export const DIAGNOSTIC_CODES = [
  'parse-error',
  'unreadable-file',
  'binary-file',
  'invalid-utf8',
  'too-deep',
  'unbalanced-conditional',
  'config-uk-syntax',
  'makefile-uk-syntax',
  'callgraph-incomplete',
  'jobs-fallback',
] as const;

export const Diagnostic = z.object({
  file: z.string().nullable(),
  line: z.number().int().nonnegative().nullable(),
  severity: z.enum(['error', 'warning', 'info']),
  /** Stable short code so consumers can filter. */
  code: z.enum(DIAGNOSTIC_CODES),
  /** What happened and what was kept, in English. */
  message: z.string(),
});

export const Source = z.object({
  /** Absolute path of the tree that was analyzed. */
  root: z.string(),
  commit: z.string().nullable(),
  describe: z.string().nullable(),
  /** How the tree was found: `explicit` (--src / UNIKRAFT_DIR), `cache`, `clone`, or `sample` (the bundled fixture tree). */
  origin: z.enum(['explicit', 'cache', 'clone', 'sample']),
  /** GitHub repository the commit can be linked to, or null. */
  repository: z.string().nullable(),
});

export const Model = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  generatedAt: z.string(),
  source: Source,
  libraries: z.array(Library),
  files: z.array(SourceFile),
  structs: z.array(Struct),
  enums: z.array(Enum),
  typedefs: z.array(Typedef),
  macros: z.array(Macro),
  globals: z.array(Global),
  functions: z.array(FunctionEntity),
  diagnostics: z.array(Diagnostic),
  /** Filled by the call-graph stage (issue 3): who calls each name, sorted by name. */
  callers: z.array(CallersEntry).optional(),
  /** Filled by the call-graph stage (issue 3): library-to-library call and include counts. */
  libraryGraph: z.array(LibraryEdge).optional(),
});

export type Param = z.infer<typeof Param>;
export type FunctionPointer = z.infer<typeof FunctionPointer>;
export type FunctionStore = z.infer<typeof FunctionStore>;
export type Field = z.infer<typeof Field>;
export type Struct = z.infer<typeof Struct>;
export type EnumConstant = z.infer<typeof EnumConstant>;
export type Enum = z.infer<typeof Enum>;
export type Typedef = z.infer<typeof Typedef>;
export type Macro = z.infer<typeof Macro>;
export type Global = z.infer<typeof Global>;
export type Evidence = z.infer<typeof Evidence>;
export type EvidenceParts = z.infer<typeof EvidenceParts>;
export type Call = z.infer<typeof Call>;
export type FunctionEntity = z.infer<typeof FunctionEntity>;
export type SizeUse = z.infer<typeof SizeUse>;
export type FieldWrite = z.infer<typeof FieldWrite>;
export type ConfigOption = z.infer<typeof ConfigOption>;
export type SourceEntry = z.infer<typeof SourceEntry>;
export type Library = z.infer<typeof Library>;
export type SourceFile = z.infer<typeof SourceFile>;
export type Diagnostic = z.infer<typeof Diagnostic>;
export type Source = z.infer<typeof Source>;
export type CallerEdge = z.infer<typeof CallerEdge>;
export type CallersEntry = z.infer<typeof CallersEntry>;
export type LibraryEdge = z.infer<typeof LibraryEdge>;
export type Model = z.infer<typeof Model>;
