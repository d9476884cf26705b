/**
 * Evaluates an enum value written with integer literals, earlier constants, parentheses and the usual integer
 * operators (`1 << 3`, `UK_PRIO_EARLIEST + 1`, `~0`). Anything else gives null: the value is shown as written.
 */

const TOKEN =
  /\s*(?:(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9]\d*)[uUlL]*|('(?:[^'\\]|\\.)')|([A-Za-z_]\w*)|(<<|>>|[-+*/%&|^~()!]))/y;

/** The value of `expr`, or null when it uses something other than literals, names `lookup` knows and integer operators. */
export function evaluateConstant(expr: string, lookup: (name: string) => number | undefined): number | null {
  const toks: (number | string)[] = [];
  let i = 0;
  while (i < expr.length) {
    TOKEN.lastIndex = i;
    const m = TOKEN.exec(expr);
    if (!m) {
      if (expr.slice(i).trim() === '') break;
      return null;
    }
    i = TOKEN.lastIndex;
    if (m[1] !== undefined)
      toks.push(
        m[1].startsWith('0x') || m[1].startsWith('0X')
          ? parseInt(m[1], 16)
          : m[1].length > 1 && m[1].startsWith('0')
            ? parseInt(m[1], 8)
            : parseInt(m[1], 10),
      );
    else if (m[2] !== undefined) {
      const body = m[2].slice(1, -1);
      const esc: Record<string, number> = { n: 10, t: 9, r: 13, '0': 0, '\\': 92, "'": 39 };
      toks.push(body.startsWith('\\') ? (esc[body[1] as string] ?? NaN) : body.charCodeAt(0));
    } else if (m[3] !== undefined) {
      const v = lookup(m[3]);
      if (v === undefined) return null;
      toks.push(v);
    } else toks.push(m[4] as string);
  }
  let pos = 0;
  const peek = (): number | string | undefined => toks[pos];
  // Binary operators by precedence, loosest first.
  const LEVELS = [['|'], ['^'], ['&'], ['<<', '>>'], ['+', '-'], ['*', '/', '%']];
  const apply = (op: string, a: number, b: number): number => {
    switch (op) {
      case '|':
        return a | b;
      case '^':
        return a ^ b;
      case '&':
        return a & b;
      case '<<':
        return a * 2 ** b;
      case '>>':
        return Math.floor(a / 2 ** b);
      case '+':
        return a + b;
      case '-':
        return a - b;
      case '*':
        return a * b;
      case '/':
        return b === 0 ? NaN : Math.trunc(a / b);
      default:
        return b === 0 ? NaN : a % b;
    }
  };
  const level = (k: number): number => {
    if (k >= LEVELS.length) return unary();
    let left = level(k + 1);
    const ops = LEVELS[k] as string[];
    while (typeof peek() === 'string' && ops.includes(peek() as string)) {
      const op = toks[pos++] as string;
      left = apply(op, left, level(k + 1));
    }
    return left;
  };
  const unary = (): number => {
    const t = toks[pos++];
    if (typeof t === 'number') return t;
    if (t === '-') return -unary();
    if (t === '+') return unary();
    if (t === '~') return ~unary();
    if (t === '!') return unary() ? 0 : 1;
    if (t === '(') {
      const v = level(0);
      if (toks[pos++] !== ')') return NaN;
      return v;
    }
    return NaN;
  };
  const v = level(0);
  return pos === toks.length && Number.isSafeInteger(v) ? v : null;
}
