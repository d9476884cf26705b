// Evaluates the preprocessor conditions of a model guard under a set of `-D` defines, as cpp would.

/** True when every condition holds; undefined identifiers are 0, `defined(X)` tests the set. */
export function guardHolds(guard: string[], defines: Record<string, number>): boolean {
  return guard.every((cond) => evaluate(cond, defines) !== 0);
}

/** Evaluates one `#if` expression (`!`, `&&`, `||`, comparisons, parentheses, `defined`, integers). */
export function evaluate(expr: string, defines: Record<string, number>): number {
  const tokens = expr.match(/\d+[uUlL]*|\w+|&&|\|\||[=!<>]=|[!()<>]/g) ?? [];
  let i = 0;
  const peek = () => tokens[i];
  const next = () => tokens[i++];
  const primary = (): number => {
    const t = next();
    if (t === '(') {
      const v = or();
      next();
      return v;
    }
    if (t === '!') return primary() === 0 ? 1 : 0;
    if (t === 'defined') {
      const paren = peek() === '(';
      if (paren) next();
      const name = next() as string;
      if (paren) next();
      return name in defines ? 1 : 0;
    }
    if (t !== undefined && /^\d/.test(t)) return parseInt(t, 10);
    return t !== undefined ? (defines[t] ?? 0) : 0;
  };
  const cmp = (): number => {
    let v = primary();
    while (['==', '!=', '<', '>', '<=', '>='].includes(peek() ?? '')) {
      const op = next();
      const r = primary();
      v = Number(
        op === '=='
          ? v === r
          : op === '!='
            ? v !== r
            : op === '<'
              ? v < r
              : op === '>'
                ? v > r
                : op === '<='
                  ? v <= r
                  : v >= r,
      );
    }
    return v;
  };
  const and = (): number => {
    let v = cmp();
    while (peek() === '&&') {
      next();
      const r = cmp();
      v = v !== 0 && r !== 0 ? 1 : 0;
    }
    return v;
  };
  const or = (): number => {
    let v = and();
    while (peek() === '||') {
      next();
      const r = and();
      v = v !== 0 || r !== 0 ? 1 : 0;
    }
    return v;
  };
  return or();
}
