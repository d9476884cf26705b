/** The arguments of a macro call or call written in comment-masked code, as offsets. */

/**
 * The `( … , … )` starting at the first non-blank at or after `from`: each top-level argument trimmed (an empty list
 * has none), and one past the `)`. Null when there is no `(`, it is not closed, or a `{` or `;` comes first (then it
 * is no argument list of a call: a body, a statement).
 */
export function callArguments(
  code: string,
  from: number,
): { end: number; args: { start: number; end: number }[] } | null {
  let i = from;
  while (i < code.length && /\s/.test(code[i] as string)) i++;
  if (code[i] !== '(') return null;
  const args: { start: number; end: number }[] = [];
  let depth = 0;
  let argStart = i + 1;
  const push = (end: number): void => {
    let s = argStart;
    let e = end;
    while (s < e && /\s/.test(code[s] as string)) s++;
    while (e > s && /\s/.test(code[e - 1] as string)) e--;
    args.push({ start: s, end: e });
  };
  for (; i < code.length; i++) {
    const ch = code[i];
    if (ch === '(' || ch === '[') depth++;
    else if (ch === ')' || ch === ']') {
      if (--depth === 0) {
        push(i);
        if (args.length === 1 && (args[0] as { start: number; end: number }).start === i) args.pop();
        return { end: i + 1, args };
      }
    } else if (ch === ',' && depth === 1) {
      push(i);
      argStart = i + 1;
    } else if (ch === '{' || ch === ';') return null;
  }
  return null;
}
