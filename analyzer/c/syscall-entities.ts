/** Turns syscall headers found in a file into `syscall` function entities. */
import type { FunctionEntity, Param } from '../../model/schema.ts';
import { tidy } from './declarators.ts';
import type { DocIndex } from './doc-comments.ts';
import type { AttributeUse } from './preprocess-c.ts';
import type { SyscallHeader } from './syscall-headers.ts';

/** Where the syscall entities are, and how to place them. */
export interface SyscallContext {
  path: string;
  library: string | null;
  documented: boolean;
  lineOf(offset: number): number;
  guard(line: number): string[];
  docs: DocIndex;
  attributes: AttributeUse[];
}

/** One entity per header (an `#if`/`#else` pair of headers sharing a body gives two, each with its guard). */
export function syscallEntities(headers: SyscallHeader[], ctx: SyscallContext): FunctionEntity[] {
  const out: FunctionEntity[] = [];
  for (const h of headers) {
    const a = h.argTexts;
    if (a.length < 2 || a.length % 2 !== 0) continue;
    const returnType = tidy(a[0] as string);
    const name = tidy(a[1] as string);
    if (!/^[A-Za-z_]\w*$/.test(name)) continue;
    const params: Param[] = [];
    for (let k = 2; k + 1 < a.length; k += 2)
      params.push({ name: tidy(a[k + 1] as string), type: tidy(a[k] as string) });
    const line = ctx.lineOf(h.start);
    const endLine = ctx.lineOf(Math.max(h.start, (h.body ? h.body.end : h.end) - 1));
    // Attributes inside a parameter's type or name (`int __unused, cpu_id`) belong to that parameter, not the syscall.
    const paramsFrom = h.args[2]?.start ?? h.end;
    const attrs = ctx.attributes.filter((x) => x.start >= h.start && x.end <= paramsFrom).map((x) => x.text);
    const unique = [...new Set(attrs)];
    const list = params.length
      ? params.map((p) => `${p.type}${p.type.endsWith('*') ? '' : ' '}${p.name}`).join(', ')
      : 'void';
    out.push({
      name,
      kind: 'syscall',
      library: ctx.library,
      file: ctx.path,
      line,
      documented: ctx.documented,
      guard: ctx.guard(line),
      endLine,
      definition: h.body !== null,
      static: false,
      inline: false,
      exported: false,
      returnType,
      params,
      variadic: false,
      attributes: unique,
      signature: `${returnType}${returnType.endsWith('*') ? '' : ' '}${name}(${list})`,
      syscallMacro: h.macro,
      doc: ctx.docs.before(h.start),
      calls: [],
      sizes: [],
      writes: [],
      stores: [],
    });
  }
  return out;
}
