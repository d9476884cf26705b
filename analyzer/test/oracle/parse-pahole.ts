// Reads `pahole -I` output (struct layouts from DWARF) into plain data: name, kind, declaring file:line, members.

/** One member as pahole prints it; `name` is '' for a C11 anonymous member, `nested` set for an inline aggregate. */
export interface PaholeMember {
  name: string;
  nested: PaholeMember[] | null;
}

/** One struct or union pahole printed. */
export interface PaholeStruct {
  kind: 'struct' | 'union';
  name: string;
  file: string;
  line: number;
  members: PaholeMember[];
  /** Layout attributes pahole prints on the struct (`aligned(64)`, `packed`); it infers them from the layout. */
  attributes: string[];
  /** The same for each top-level member that has any (`spins` → `['aligned(16)']`). */
  memberAttributes: Record<string, string[]>;
}

const ATTRIBUTE = /__attribute__\s*\(\(((?:[^()]|\([^()]*\))*)\)\)/g;

/** `__attribute__((__aligned__(8), packed))` anywhere in `text` → `['aligned(8)', 'packed']`. */
export function gccAttributes(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(ATTRIBUTE)) {
    for (const part of (m[1] as string).split(/,(?![^(]*\))/)) {
      const a = /^\s*_*([A-Za-z]\w*?)_*\s*(?:\(\s*([^)]*?)\s*\))?\s*$/.exec(part);
      if (a) out.push(a[2] === undefined ? (a[1] as string) : `${a[1]}(${a[2]})`);
    }
  }
  return out;
}

/** Parses the text of `pahole -I obj.o`; `file` paths are kept as pahole prints them (relative to gcc's cwd). */
export function parsePahole(text: string): PaholeStruct[] {
  const out: PaholeStruct[] = [];
  const lines = text.split('\n');
  let where: { file: string; line: number } | null = null;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] as string;
    const decl = /^\/\* <[0-9a-f]+> (.+):(\d+) \*\/$/.exec(l);
    if (decl) {
      where = { file: decl[1] as string, line: Number(decl[2]) };
      continue;
    }
    const head = /^(struct|union) (\w+) \{$/.exec(l);
    if (!head) continue;
    const stack: PaholeMember[][] = [[]];
    let attributes: string[] = [];
    const memberAttributes: Record<string, string[]> = {};
    for (i++; i < lines.length; i++) {
      const raw = (lines[i] as string).replace(/\/\*.*?\*\//g, '');
      // Attributes (`} __attribute__((__aligned__(8)));`) are kept aside; the member structure is read without them.
      const body = (lines[i] as string)
        .replace(/\/\*.*?\*\//g, '')
        .replace(/\s*__attribute__\s*\(\((?:[^()]|\([^()]*\))*\)\)/g, '')
        .trim();
      if (body === '' || body.startsWith('/*')) continue;
      if (body === '};' && stack.length === 1) {
        attributes = gccAttributes(raw);
        break;
      }
      if (/^(struct|union)\s*\{$/.test(body)) {
        stack.push([]);
        continue;
      }
      const close = /^\}\s*(\w*)\s*(\[[^\]]*\])*\s*(:\s*\d+)?\s*;$/.exec(body);
      if (close) {
        const nested = stack.pop() as PaholeMember[];
        (stack[stack.length - 1] as PaholeMember[]).push({ name: close[1] ?? '', nested });
        continue;
      }
      const name = memberName(body);
      if (stack.length === 1 && gccAttributes(raw).length) memberAttributes[name] = gccAttributes(raw);
      (stack[stack.length - 1] as PaholeMember[]).push({ name, nested: null });
    }
    out.push({
      kind: head[1] as 'struct' | 'union',
      name: head[2] as string,
      file: where?.file ?? '',
      line: where?.line ?? 0,
      members: stack[0] as PaholeMember[],
      attributes,
      memberAttributes,
    });
    where = null;
  }
  return out;
}

/** The declared name of a member line: `(*name)(…)` for function pointers, else the last identifier before `[`/`:`. */
function memberName(decl: string): string {
  const fp = /\(\s*\*\s*(\w+)\s*\)/.exec(decl);
  if (fp) return fp[1] as string;
  const m = /(\w+)\s*(\[[^\]]*\]\s*)*(:\s*\d+\s*)?;$/.exec(decl);
  return m ? (m[1] as string) : decl;
}
