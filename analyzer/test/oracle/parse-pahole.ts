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
    for (i++; i < lines.length; i++) {
      // Attributes pahole prints (`} __attribute__((__aligned__(8)));`) say nothing about members.
      const body = (lines[i] as string)
        .replace(/\/\*.*?\*\//g, '')
        .replace(/\s*__attribute__\s*\(\((?:[^()]|\([^()]*\))*\)\)/g, '')
        .trim();
      if (body === '' || body.startsWith('/*')) continue;
      if (body === '};' && stack.length === 1) break;
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
      (stack[stack.length - 1] as PaholeMember[]).push({ name: memberName(body), nested: null });
    }
    out.push({
      kind: head[1] as 'struct' | 'union',
      name: head[2] as string,
      file: where?.file ?? '',
      line: where?.line ?? 0,
      members: stack[0] as PaholeMember[],
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
