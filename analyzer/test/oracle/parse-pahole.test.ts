// The oracle's own parser must be right, or the oracle proves nothing: a layout written the way pahole prints it.
import { describe, expect, it } from 'vitest';
import { evaluate } from './evaluate-guard.ts';
import { gccAttributes, parsePahole } from './parse-pahole.ts';

const SAMPLE = `/* Used at: x.c */
/* <2b> lib/demo/include/demo.h:7 */
struct demo {
	int                        a;                    /*     0     4 */
	unsigned int               b:3;                  /*     4: 0  4 */
	void                       (*cb)(struct demo *); /*     8     8 */
	char                       name[16];             /*    16    16 */

	/* XXX 4 bytes hole, try to pack */

	union {
		int                x;                    /*    32     4 */
		struct {
			short      lo;                   /*    32     2 */
			short      hi;                   /*    34     2 */
		} parts;                                 /*    32     4 */
	};                                               /*    32     4 */

	/* size: 40, cachelines: 1, members: 5 */
};
`;

describe('parsePahole', () => {
  it('reads names, order, nesting and the declaring file:line', () => {
    expect(parsePahole(SAMPLE)).toEqual([
      {
        kind: 'struct',
        name: 'demo',
        file: 'lib/demo/include/demo.h',
        line: 7,
        members: [
          { name: 'a', nested: null },
          { name: 'b', nested: null },
          { name: 'cb', nested: null },
          { name: 'name', nested: null },
          {
            name: '',
            nested: [
              { name: 'x', nested: null },
              {
                name: 'parts',
                nested: [
                  { name: 'lo', nested: null },
                  { name: 'hi', nested: null },
                ],
              },
            ],
          },
        ],
        attributes: [],
        memberAttributes: {},
      },
    ]);
  });
});

const ALIGNED = `/* <10> lib/demo/lock.h:3 */
struct lock {
	int                        held;                 /*     0     4 */
	struct {
		int        n;                            /*     8     4 */
	} __attribute__((__aligned__(8))) inner;         /*     8     8 */
	int                        spins __attribute__((__aligned__(16))); /*    16     4 */
} __attribute__((__aligned__(16)));
/* <40> lib/demo/lock.c:9 */
struct after {
	int                        x;                    /*     0     4 */
};
`;

describe('parsePahole with attributes on closing braces', () => {
  it('ends a struct at `} __attribute__((…));` and reads the next one on its own', () => {
    expect(parsePahole(ALIGNED)).toEqual([
      {
        kind: 'struct',
        name: 'lock',
        file: 'lib/demo/lock.h',
        line: 3,
        members: [
          { name: 'held', nested: null },
          { name: 'inner', nested: [{ name: 'n', nested: null }] },
          { name: 'spins', nested: null },
        ],
        // A member declared with an inline aggregate (`inner`) is not read for attributes: pahole prints its type's.
        attributes: ['aligned(16)'],
        memberAttributes: { spins: ['aligned(16)'] },
      },
      {
        kind: 'struct',
        name: 'after',
        file: 'lib/demo/lock.c',
        line: 9,
        members: [{ name: 'x', nested: null }],
        attributes: [],
        memberAttributes: {},
      },
    ]);
  });
});

describe('gccAttributes', () => {
  it('reads every attribute of every __attribute__((…)), without the underscores', () => {
    expect(gccAttributes('x __attribute__((__packed__, aligned(8))) __attribute__((section(".a")))')).toEqual([
      'packed',
      'aligned(8)',
      'section(".a")',
    ]);
  });
});

describe('evaluate (guards)', () => {
  it('follows cpp: undefined is 0, defined(), !, &&, ||, comparisons', () => {
    const d = { A: 1, B: 0 };
    expect(evaluate('A', d)).toBe(1);
    expect(evaluate('!(A)', d)).toBe(0);
    expect(evaluate('C', d)).toBe(0);
    expect(evaluate('defined(B) && !B', d)).toBe(1);
    expect(evaluate('defined C || A == 1', d)).toBe(1);
    expect(evaluate('A && (B || C)', d)).toBe(0);
  });
});
