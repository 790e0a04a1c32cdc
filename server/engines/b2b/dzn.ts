/**
 * Parser for MiniZinc data (.dzn) files, and the mapping of the B2B meeting scheduling data files onto
 * the 0-based {@link Instance} of model.ts.
 *
 * Supported syntax: `%` line comments and C-style block comments, `name = value;` items in any order with
 * whitespace/newlines anywhere, integers (also negative), booleans, sets `{1, 3, 5..7}` and `{}`, ranges
 * `a..b`, 1-D arrays `[...]`, 2-D arrays `[| a, b | c, d |]` (trailing commas allowed), arrays of sets and
 * `array1d(...)`, `array2d(...)`, `arrayNd(...)` wrappers. Errors carry the line and column.
 */
import type { Instance, Meeting, Session } from './model.ts';
import { DEFAULT_FAIRNESS } from './model.ts';

/** A parsed set of integers (sorted, unique). */
export interface DznSet {
  kind: 'set';
  values: number[];
}

/** A parsed array; `dims` holds the lengths of each dimension (1 entry for 1-D, 2 for 2-D). */
export interface DznArray {
  kind: 'array';
  dims: number[];
  items: DznValue[];
}

export type DznValue = number | boolean | DznSet | DznArray;

/** An error in a .dzn file, with the 1-based line/column when known. */
export class DznError extends Error {
  constructor(
    message: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(line !== undefined ? `line ${line}${column !== undefined ? `, column ${column}` : ''}: ${message}` : message);
    this.name = 'DznError';
  }
}

interface Token {
  type: 'int' | 'ident' | 'punct' | 'eof';
  text: string;
  line: number;
  col: number;
}

const PUNCT = ['[|', '|]', '..', '=', ';', '[', ']', '{', '}', '|', ',', '(', ')'];

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i]!;
    if (ch === '\n') {
      line++;
      i++;
      lineStart = i;
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\f' || ch === '\v' || ch === '\uFEFF') {
      i++;
      continue;
    }
    if (ch === '%') {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    if (ch === '/' && text[i + 1] === '*') {
      const startLine = line;
      const startCol = i - lineStart + 1;
      i += 2;
      while (i < n && !(text[i] === '*' && text[i + 1] === '/')) {
        if (text[i] === '\n') {
          line++;
          lineStart = i + 1;
        }
        i++;
      }
      if (i >= n) throw new DznError('unterminated block comment', startLine, startCol);
      i += 2;
      continue;
    }
    const col = i - lineStart + 1;
    if ((ch >= '0' && ch <= '9') || (ch === '-' && /[0-9]/.test(text[i + 1] ?? ''))) {
      let j = i + 1;
      while (j < n && /[0-9]/.test(text[j]!)) j++;
      if (j < n && /[A-Za-z_]/.test(text[j]!))
        throw new DznError(`malformed number "${text.slice(i, j + 1)}"`, line, col);
      if (text[j] === '.' && /[0-9]/.test(text[j + 1] ?? '')) {
        throw new DznError('floating point numbers are not supported here', line, col);
      }
      tokens.push({ type: 'int', text: text.slice(i, j), line, col });
      i = j;
      continue;
    }
    if (/[A-Za-z_]/.test(ch)) {
      let j = i + 1;
      while (j < n && /[A-Za-z0-9_]/.test(text[j]!)) j++;
      tokens.push({ type: 'ident', text: text.slice(i, j), line, col });
      i = j;
      continue;
    }
    const two = text.slice(i, i + 2);
    const p = PUNCT.find((q) => (q.length === 2 ? q === two : q === ch));
    if (!p) throw new DznError(`unexpected character "${ch}"`, line, col);
    tokens.push({ type: 'punct', text: p, line, col });
    i += p.length;
  }
  tokens.push({ type: 'eof', text: '<end of file>', line, col: i - lineStart + 1 });
  return tokens;
}

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)]!;
  }
  private next(): Token {
    const t = this.peek();
    if (this.pos < this.tokens.length - 1) this.pos++;
    return t;
  }
  private fail(t: Token, message: string): never {
    throw new DznError(message, t.line, t.col);
  }
  private expect(text: string): Token {
    const t = this.next();
    if (t.text !== text || (t.type !== 'punct' && t.type !== 'ident'))
      this.fail(t, `expected "${text}" but found "${t.text}"`);
    return t;
  }
  private isPunct(text: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.type === 'punct' && t.text === text;
  }

  parseFile(): Map<string, { value: DznValue; line: number }> {
    const out = new Map<string, { value: DznValue; line: number }>();
    while (this.peek().type !== 'eof') {
      const name = this.next();
      if (name.type !== 'ident') this.fail(name, `expected a parameter name but found "${name.text}"`);
      if (out.has(name.text)) this.fail(name, `parameter "${name.text}" is assigned twice`);
      this.expect('=');
      const value = this.parseValue();
      const end = this.peek();
      if (end.type === 'eof') {
        // MiniZinc requires ';' but a missing one at the very end is harmless.
      } else if (!this.isPunct(';')) {
        this.fail(end, `expected ";" after the value of "${name.text}" but found "${end.text}"`);
      } else this.next();
      out.set(name.text, { value, line: name.line });
    }
    return out;
  }

  private parseInt(): number {
    const t = this.next();
    if (t.type !== 'int') this.fail(t, `expected an integer but found "${t.text}"`);
    const v = Number(t.text);
    if (!Number.isSafeInteger(v)) this.fail(t, `integer out of range: ${t.text}`);
    return v;
  }

  parseValue(): DznValue {
    const t = this.peek();
    if (t.type === 'int') {
      const lo = this.parseInt();
      if (this.isPunct('..')) {
        this.next();
        const hi = this.parseInt();
        return rangeSet(lo, hi);
      }
      return lo;
    }
    if (t.type === 'ident') {
      if (t.text === 'true' || t.text === 'false') {
        this.next();
        return t.text === 'true';
      }
      if (/^array\dd$/.test(t.text)) return this.parseArrayNd();
      this.fail(t, `unexpected identifier "${t.text}" (only literal data is supported)`);
    }
    if (t.type === 'punct') {
      if (t.text === '{') return this.parseSet();
      if (t.text === '[') return this.parseArray1();
      if (t.text === '[|') return this.parseArray2();
    }
    this.fail(t, `expected a value but found "${t.text}"`);
  }

  private parseSet(): DznSet {
    const open = this.expect('{');
    const values = new Set<number>();
    while (!this.isPunct('}')) {
      if (this.peek().type === 'eof') this.fail(open, 'unterminated set "{"');
      const lo = this.parseInt();
      if (this.isPunct('..')) {
        this.next();
        const hi = this.parseInt();
        for (let v = lo; v <= hi; v++) values.add(v);
      } else values.add(lo);
      if (this.isPunct(',')) this.next();
      else if (!this.isPunct('}')) this.fail(this.peek(), `expected "," or "}" in set but found "${this.peek().text}"`);
    }
    this.next();
    return { kind: 'set', values: [...values].sort((x, y) => x - y) };
  }

  private parseArray1(): DznArray {
    const open = this.expect('[');
    const items: DznValue[] = [];
    while (!this.isPunct(']')) {
      if (this.peek().type === 'eof') this.fail(open, 'unterminated array "["');
      items.push(this.parseValue());
      if (this.isPunct(',')) this.next();
      else if (!this.isPunct(']'))
        this.fail(this.peek(), `expected "," or "]" in array but found "${this.peek().text}"`);
    }
    this.next();
    return { kind: 'array', dims: [items.length], items };
  }

  private parseArray2(): DznArray {
    const open = this.expect('[|');
    const rows: DznValue[][] = [];
    let row: DznValue[] = [];
    // Rows are separated by '|'; the literal ends with '|]'. A trailing comma before '|' is allowed.
    for (;;) {
      const t = this.peek();
      if (t.type === 'eof') this.fail(open, 'unterminated 2-D array "[|"');
      if (this.isPunct('|]')) {
        this.next();
        if (row.length > 0) rows.push(row);
        break;
      }
      if (this.isPunct('|')) {
        this.next();
        rows.push(row);
        row = [];
        continue;
      }
      row.push(this.parseValue());
      if (this.isPunct(',')) this.next();
      else if (!this.isPunct('|') && !this.isPunct('|]'))
        this.fail(this.peek(), `expected ",", "|" or "|]" in 2-D array but found "${this.peek().text}"`);
    }
    const width = rows[0]?.length ?? 0;
    rows.forEach((r, i) => {
      if (r.length !== width)
        throw new DznError(`2-D array row ${i + 1} has ${r.length} values, row 1 has ${width}`, open.line, open.col);
    });
    return { kind: 'array', dims: [rows.length, width], items: rows.flat() };
  }

  private parseArrayNd(): DznArray {
    const head = this.next();
    const nd = Number(head.text[5]);
    this.expect('(');
    const dims: number[] = [];
    for (let k = 0; k < nd; k++) {
      const r = this.parseValue();
      if (typeof r === 'object' && r.kind === 'set') {
        const lo = r.values[0];
        const hi = r.values[r.values.length - 1];
        dims.push(lo === undefined || hi === undefined ? 0 : hi - lo + 1);
      } else if (typeof r === 'object' && r.kind === 'array') {
        dims.push(r.items.length);
      } else this.fail(head, `${head.text}: dimension ${k + 1} must be a range or set`);
      this.expect(',');
    }
    const inner = this.parseValue();
    this.expect(')');
    if (typeof inner !== 'object' || inner.kind !== 'array')
      this.fail(head, `${head.text}: last argument must be an array`);
    const size = dims.reduce((x, y) => x * y, 1);
    if (inner.items.length !== size)
      this.fail(head, `${head.text}: dimensions give ${size} elements but the array has ${inner.items.length}`);
    return { kind: 'array', dims, items: inner.items };
  }
}

function rangeSet(lo: number, hi: number): DznSet {
  const values: number[] = [];
  for (let v = lo; v <= hi; v++) values.push(v);
  return { kind: 'set', values };
}

/** Parse any .dzn text into its named values, so callers can read the raw arrays (e.g. an independent checker). */
export function parseDzn(text: string): Map<string, { value: DznValue; line: number }> {
  return new Parser(tokenize(text)).parseFile();
}

// ---------------------------------------------------------------------------------------------------------
// B2B data mapping
// ---------------------------------------------------------------------------------------------------------

/** The B2B data arrays exactly as they are in the file (1-based numbers, sentinels kept). */
export interface B2bRawData {
  nBusiness: number;
  nMeetings: number;
  nTables: number;
  nTotalSlots: number;
  nMorningSlots: number;
  /** One [p1, p2, session] row per meeting. */
  requested: [number, number, number][];
  meetingsxBusiness?: number[][];
  nMeetingsBusiness?: number[];
  forbidden?: number[][];
  fixed?: number[];
  precedences?: number[][];
}

type Entry = { value: DznValue; line: number };

function getInt(data: Map<string, Entry>, name: string, required: true): number;
function getInt(data: Map<string, Entry>, name: string, required: false): number | undefined;
function getInt(data: Map<string, Entry>, name: string, required: boolean): number | undefined {
  const e = data.get(name);
  if (!e) {
    if (required) throw new DznError(`missing parameter "${name}"`);
    return undefined;
  }
  if (typeof e.value !== 'number') throw new DznError(`"${name}" must be an integer`, e.line);
  return e.value;
}

function getArray(data: Map<string, Entry>, name: string): { arr: DznArray; line: number } | undefined {
  const e = data.get(name);
  if (!e) return undefined;
  if (typeof e.value !== 'object' || e.value.kind !== 'array') throw new DznError(`"${name}" must be an array`, e.line);
  return { arr: e.value, line: e.line };
}

function intArray(data: Map<string, Entry>, name: string, length: number): number[] | undefined {
  const g = getArray(data, name);
  if (!g) return undefined;
  if (g.arr.items.length !== length)
    throw new DznError(`"${name}" has ${g.arr.items.length} values, expected ${length}`, g.line);
  return g.arr.items.map((v, i) => {
    if (typeof v !== 'number') throw new DznError(`"${name}"[${i + 1}] must be an integer`, g.line);
    return v;
  });
}

function setArray(data: Map<string, Entry>, name: string, length: number): number[][] | undefined {
  const g = getArray(data, name);
  if (!g) return undefined;
  if (g.arr.items.length !== length)
    throw new DznError(`"${name}" has ${g.arr.items.length} sets, expected ${length}`, g.line);
  return g.arr.items.map((v, i) => {
    if (typeof v !== 'object' || v.kind !== 'set') throw new DznError(`"${name}"[${i + 1}] must be a set`, g.line);
    return v.values;
  });
}

/** Read the B2B arrays from parsed .dzn data, checking only their shapes. */
export function rawB2bData(data: Map<string, Entry>): B2bRawData {
  const nBusiness = getInt(data, 'nBusiness', true);
  const nMeetings = getInt(data, 'nMeetings', true);
  const nTables = getInt(data, 'nTables', true);
  const nTotalSlots = getInt(data, 'nTotalSlots', true);
  const nMorningSlots = getInt(data, 'nMorningSlots', false) ?? nTotalSlots;
  for (const [k, v] of [
    ['nBusiness', nBusiness],
    ['nMeetings', nMeetings],
    ['nTables', nTables],
    ['nTotalSlots', nTotalSlots],
  ] as const) {
    if (v < 0) throw new DznError(`"${k}" must not be negative`, data.get(k)?.line);
  }
  if (nMorningSlots < 0 || nMorningSlots > nTotalSlots) {
    throw new DznError(
      `"nMorningSlots" = ${nMorningSlots} must be between 0 and nTotalSlots = ${nTotalSlots}`,
      data.get('nMorningSlots')?.line,
    );
  }
  const req = getArray(data, 'requested');
  if (!req) throw new DznError('missing parameter "requested"');
  let rows: DznValue[][];
  if (req.arr.dims.length === 2) {
    if (req.arr.dims[1] !== 3 && nMeetings > 0)
      throw new DznError(`"requested" must have 3 columns (p1, p2, session), found ${req.arr.dims[1]}`, req.line);
    rows = [];
    for (let i = 0; i < req.arr.dims[0]!; i++) rows.push(req.arr.items.slice(3 * i, 3 * i + 3));
  } else if (req.arr.items.length % 3 === 0) {
    rows = [];
    for (let i = 0; i < req.arr.items.length; i += 3) rows.push(req.arr.items.slice(i, i + 3));
  } else throw new DznError('"requested" must be a 2-D array with 3 columns', req.line);
  if (rows.length !== nMeetings)
    throw new DznError(`"requested" has ${rows.length} rows but nMeetings = ${nMeetings}`, req.line);
  const requested = rows.map((r, i) => {
    if (!r.every((v) => typeof v === 'number'))
      throw new DznError(`"requested" row ${i + 1} must hold integers`, req.line);
    return r as [number, number, number];
  });
  return {
    nBusiness,
    nMeetings,
    nTables,
    nTotalSlots,
    nMorningSlots,
    requested,
    meetingsxBusiness: setArray(data, 'meetingsxBusiness', nBusiness),
    nMeetingsBusiness: intArray(data, 'nMeetingsBusiness', nBusiness),
    forbidden: setArray(data, 'forbidden', nBusiness),
    fixed: intArray(data, 'fixed', nMeetings),
    precedences: setArray(data, 'precedences', nMeetings),
  };
}

/**
 * Convert the raw B2B arrays into a 0-based {@link Instance}, validating every convention:
 * - `requested` rows `[p1, p2, session]`, participants 1..nBusiness, session 1 = morning, 2 = afternoon, 3 = any;
 * - `meetingsxBusiness` (redundant, checked when present): meeting ids offset by +1 with a sentinel 1 in every set
 *   (the original files); plain 1-based ids are accepted too;
 * - `nMeetingsBusiness` (redundant, checked when present);
 * - `forbidden` slots per participant, 1-based, 0 is a sentinel and ignored;
 * - `fixed` slot per meeting, 0 = free;
 * - `precedences[i]` = the (1-based) meetings that must take place strictly before meeting i; 0 is ignored.
 */
export function b2bInstanceFromRaw(raw: B2bRawData, fairness = DEFAULT_FAIRNESS): Instance {
  const S = raw.nTotalSlots;
  const sessions: Record<number, Session> = { 1: 'morning', 2: 'afternoon', 3: 'any' };
  const meetings: Meeting[] = raw.requested.map(([p1, p2, s], i) => {
    const where = `"requested" row ${i + 1}`;
    for (const p of [p1, p2]) {
      if (!Number.isInteger(p) || p < 1 || p > raw.nBusiness)
        throw new DznError(`${where}: participant ${p} is not in 1..${raw.nBusiness}`);
    }
    if (p1 === p2) throw new DznError(`${where}: participant ${p1} cannot meet themself`);
    const session = sessions[s];
    if (!session) throw new DznError(`${where}: session ${s} must be 1 (morning), 2 (afternoon) or 3 (any)`);
    return { a: p1 - 1, b: p2 - 1, session };
  });
  const byP: number[][] = Array.from({ length: raw.nBusiness }, () => []);
  meetings.forEach((m, i) => {
    byP[m.a]!.push(i);
    byP[m.b]!.push(i);
  });
  if (raw.nMeetingsBusiness) {
    raw.nMeetingsBusiness.forEach((n, p) => {
      if (n !== byP[p]!.length)
        throw new DznError(
          `"nMeetingsBusiness"[${p + 1}] = ${n} but "requested" gives participant ${p + 1} ${byP[p]!.length} meetings`,
        );
    });
  }
  if (raw.meetingsxBusiness) {
    raw.meetingsxBusiness.forEach((set, p) => {
      const own = byP[p]!;
      const offset = own
        .map((m) => m + 2)
        .concat(1)
        .sort((x, y) => x - y);
      const plain = own.map((m) => m + 1).sort((x, y) => x - y);
      const same = (x: number[], y: number[]) => x.length === y.length && x.every((v, i) => v === y[i]);
      if (!same(set, offset) && !same(set, plain)) {
        throw new DznError(
          `"meetingsxBusiness"[${p + 1}] = {${set.join(',')}} does not match the meetings of participant ${p + 1} in "requested" (expected {${offset.join(',')}})`,
        );
      }
    });
  }
  const forbidden = (raw.forbidden ?? Array.from({ length: raw.nBusiness }, () => [])).map((set, p) =>
    set
      .filter((v) => v !== 0)
      .map((v) => {
        if (v < 1 || v > S) throw new DznError(`"forbidden"[${p + 1}] holds slot ${v}, not in 1..${S}`);
        return v - 1;
      }),
  );
  const fixed = (raw.fixed ?? new Array<number>(raw.nMeetings).fill(0)).map((v, i) => {
    if (v === 0) return null;
    if (v < 1 || v > S) throw new DznError(`"fixed"[${i + 1}] = ${v} is not 0 (free) or a slot in 1..${S}`);
    return v - 1;
  });
  const precedences: [number, number][] = [];
  (raw.precedences ?? []).forEach((set, i) => {
    for (const v of set) {
      if (v === 0) continue;
      if (v < 1 || v > raw.nMeetings)
        throw new DznError(`"precedences"[${i + 1}] holds meeting ${v}, not in 1..${raw.nMeetings}`);
      precedences.push([v - 1, i]);
    }
  });
  return {
    participants: raw.nBusiness,
    meetings,
    slots: S,
    morningSlots: raw.nMorningSlots,
    tables: raw.nTables,
    forbidden,
    fixed,
    precedences,
    fairness,
  };
}

/** Parse the text of a B2B .dzn file into an instance (and the raw arrays). Throws {@link DznError} on bad input. */
export function parseB2bDzn(text: string, fairness = DEFAULT_FAIRNESS): { instance: Instance; raw: B2bRawData } {
  const raw = rawB2bData(parseDzn(text));
  return { instance: b2bInstanceFromRaw(raw, fairness), raw };
}
