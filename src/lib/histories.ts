/**
 * Recorded histories and the objects they are checked against: a
 * compare-and-swap register and a key-value store as sequential specs, and
 * parsers for three formats (Jepsen's logs, EDN maps one a line, and the
 * workbook's own JSON), each turning text into {@link Operation}s or
 * failing with one line that names the file, the line, what was wrong and
 * what is accepted.
 *
 * @module
 */
import type {
  LinearizabilityOptions,
  LinearizabilityResult,
  Operation,
  SequentialSpec,
} from './linearizability';
import { linearizable } from './linearizability';
import { returns, to } from './machine';
import { canonical, show } from './value';

/**
 * An operation on a compare-and-swap register (one register per `key`;
 * the register with no key when it is left out).
 *
 * @category Linearizability
 */
export type RegisterOp =
  | {
      /** Read the register: returns its value, nil if it has none. */
      readonly f: 'read';
      /** Which register (none: the register with no key). */
      readonly key?: string;
    }
  | {
      /** Write the register. */
      readonly f: 'write';
      /** Which register (none: the register with no key). */
      readonly key?: string;
      /** The value written. */
      readonly value: unknown;
    }
  | {
      /** Compare and swap: returns whether it swapped. */
      readonly f: 'cas';
      /** Which register (none: the register with no key). */
      readonly key?: string;
      /** `[from, to]`: swap to `to` if the value is `from`. */
      readonly value: readonly [unknown, unknown];
    };

/**
 * The registers' values by key; a key that is absent has no value yet (reads nil).
 *
 * @category Linearizability
 */
export type RegisterState = Readonly<Record<string, unknown>>;

/**
 * A compare-and-swap register, initially without a value: `read` returns
 * the value (nil if none), `write` sets it, `cas [from, to]` sets it to
 * `to` and returns true if it is `from`, else changes nothing and returns
 * false. Registers of different keys are independent.
 *
 * @category Linearizability
 */
// #region cas-register
export const casRegister: SequentialSpec<RegisterState, RegisterOp> = {
  name: 'cas-register',
  init: () => ({}),
  apply: (s, op) => {
    const k = op.key ?? '';
    switch (op.f) {
      case 'read':
        return returns(s, k in s ? s[k] : null);
      case 'write':
        return to({ ...s, [k]: op.value });
      case 'cas': {
        const swaps = k in s && canonical(s[k]) === canonical(op.value[0]);
        return swaps ? returns({ ...s, [k]: op.value[1] }, true) : returns(s, false);
      }
    }
  },
  key: (s) => {
    const ks = Object.keys(s);
    return ks.length === 1 ? `${ks[0]!.length}:${ks[0]}${canonical(s[ks[0]!])}` : canonical(s);
  },
  readOnly: (op) => op.f === 'read',
  partition: (op) => op.key,
  showOp: (op, out, known) => {
    const on = op.key === undefined ? '' : `${op.key}`;
    const then = (v: string) => (known ? ` → ${v}` : ' → ?');
    switch (op.f) {
      case 'read':
        return `read(${on})${then(show(out ?? null))}`;
      case 'write':
        return `write(${on ? `${on}, ` : ''}${show(op.value)})${known ? '' : ' ?'}`;
      case 'cas':
        return `cas(${on ? `${on}, ` : ''}${show(op.value[0])}, ${show(op.value[1])})${then(out === true ? 'ok' : 'fail')}`;
    }
  },
  showState: (s) => {
    const ks = Object.keys(s);
    if (!ks.length) return 'no value';
    if (ks.length === 1 && ks[0] === '') return `value ${show(s[''])}`;
    return show(s);
  },
};
// #endregion cas-register

/**
 * An operation on a key-value store of strings.
 *
 * @category Linearizability
 */
export type KvOp =
  | {
      /** Get the key's string (`""` if never written). */
      readonly f: 'get';
      /** The key. */
      readonly key: string;
    }
  | {
      /** Put a string at the key, or append one to what it holds. */
      readonly f: 'put' | 'append';
      /** The key. */
      readonly key: string;
      /** The string put or appended. */
      readonly value: string;
    };

/**
 * The store's strings by key; a key never written holds `""`.
 *
 * @category Linearizability
 */
export type KvState = Readonly<Record<string, string>>;

/**
 * A key-value store of strings (Porcupine's kv model): `get` returns the
 * key's string (`""` if never written), `put` sets it, `append`
 * concatenates onto it. Keys are independent, so each is checked apart.
 *
 * @category Linearizability
 */
export const kvStore: SequentialSpec<KvState, KvOp> = {
  name: 'kv',
  init: () => ({}),
  apply: (s, op) => {
    switch (op.f) {
      case 'get':
        return returns(s, s[op.key] ?? '');
      case 'put':
        return to({ ...s, [op.key]: op.value });
      case 'append':
        return to({ ...s, [op.key]: (s[op.key] ?? '') + op.value });
    }
  },
  key: (s) => {
    const ks = Object.keys(s);
    return ks.length === 1 ? `${ks[0]!.length}:${ks[0]}${s[ks[0]!]}` : canonical(s);
  },
  readOnly: (op) => op.f === 'get',
  partition: (op) => op.key,
  showOp: (op, out, known) => {
    const q = (v: unknown) => JSON.stringify(v ?? '');
    if (op.f === 'get') return `get(${op.key}) → ${known ? q(out) : '?'}`;
    return `${op.f}(${op.key}, ${q(op.value)})${known ? '' : ' ?'}`;
  },
  showState: (s) =>
    Object.keys(s)
      .map((k) => `${k} = ${JSON.stringify(s[k])}`)
      .join(', ') || 'empty',
};

/**
 * A history file that cannot be read: the message is one line naming the
 * file and line, what was wrong, and what is accepted.
 *
 * @category Linearizability
 */
export class HistoryFormatError extends Error {
  /** The error's name, as JavaScript errors have one. */
  override readonly name = 'HistoryFormatError';
}

/**
 * The formats {@link parseHistory} reads.
 *
 * @category Linearizability
 */
export type HistoryFormat = 'jepsen' | 'edn' | 'json';

/**
 * A history read from a file, with the spec its operations are checked against.
 *
 * @category Linearizability
 */
export type ParsedHistory =
  | {
      /** The format it was read in. */
      readonly format: HistoryFormat;
      /** The object the operations act on. */
      readonly object: 'cas-register';
      /** Its sequential spec. */
      readonly spec: typeof casRegister;
      /** The operations, in the file's order of calls. */
      readonly operations: readonly Operation<RegisterOp>[];
      /** What the times are: the file's line numbers (logs), or the times the file gives (JSON). */
      readonly time: 'line' | 'given';
    }
  | {
      /** The format it was read in. */
      readonly format: HistoryFormat;
      /** The object the operations act on. */
      readonly object: 'kv';
      /** Its sequential spec. */
      readonly spec: typeof kvStore;
      /** The operations, in the file's order of calls. */
      readonly operations: readonly Operation<KvOp>[];
      /** What the times are: the file's line numbers (logs), or the times the file gives (JSON). */
      readonly time: 'line' | 'given';
    };

function fail(file: string, line: number | undefined, what: string, accepted: string): never {
  throw new HistoryFormatError(
    `${file}${line === undefined ? '' : `:${line}`}: ${what}; accepted: ${accepted}`,
  );
}

/** A call waiting for its return, per process. */
interface Pending<I> {
  readonly op: { client: string | number; call: number; ret: number | null; input: I };
  readonly f: string;
  readonly line: number;
  readonly value: unknown;
}

const JEPSEN_LINE = /^INFO\s+jepsen\.util\s+-\s+(\S+)\s+(\S+)\s+(\S+)\s+(.*?)\s*$/;
const JEPSEN_ACCEPTED =
  "'INFO jepsen.util - P :invoke|:ok|:fail|:info :read|:write|:cas V' with V nil, a whole number, [from to] or :timed-out";

/** A Jepsen value: nil, a whole number, `[a b]` of whole numbers, or a keyword. */
function jepsenValue(v: string): unknown {
  if (v === 'nil') return null;
  if (/^-?\d+$/.test(v)) return Number(v);
  const pair = /^\[\s*(-?\d+)\s+(-?\d+)\s*\]$/.exec(v);
  if (pair) return [Number(pair[1]), Number(pair[2])];
  if (/^:[\w-]+$/.test(v)) return { keyword: v };
  return undefined;
}

/**
 * Read a Jepsen log of a compare-and-swap register (Knossos's
 * `etcd_NNN.log`): one event a line, `INFO jepsen.util - P :type :f V`,
 * fields separated by tabs or spaces; other lines are ignored. A process
 * has at most one operation in flight. Times are line numbers.
 *
 * - `:invoke` calls `:read` (V nil), `:write V`, or `:cas [from to]`;
 * - `:ok` returns: the value read (nil for none), or the swap done;
 * - `:fail` of a `:cas` returns false (the register did not hold `from`);
 *   a failed `:read` or `:write` did not happen and is left out;
 * - `:info` leaves the outcome unknown (`ret: null`); so does a call with
 *   no return by the end of the log.
 *
 * An empty log is the empty history.
 *
 * @param text - the log
 * @param file - its name, for errors
 * @returns the operations, in call order
 * @throws HistoryFormatError for a line that says something else
 * @category Linearizability
 */
export function parseJepsenLog(text: string, file: string): Operation<RegisterOp>[] {
  const ops: { client: string | number; call: number; ret: number | null; input: RegisterOp }[] =
    [];
  const outputs = new Map<object, unknown>();
  const dropped = new Set<object>();
  const pending = new Map<string, Pending<RegisterOp>>();
  let events = 0;
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const line = i + 1;
    if (!raw.includes('jepsen.util')) continue;
    const m = JEPSEN_LINE.exec(raw.trim());
    if (!m) fail(file, line, `not a Jepsen event: '${raw.trim()}'`, JEPSEN_ACCEPTED);
    const [, proc, type, fk, v] = m as unknown as [string, string, string, string, string];
    if (proc.startsWith(':')) continue; // the nemesis and other named processes
    if (!/^\d+$/.test(proc))
      fail(file, line, `process '${proc}' is not a whole number`, JEPSEN_ACCEPTED);
    const f = fk.slice(1);
    if (!['read', 'write', 'cas'].includes(f) || !fk.startsWith(':'))
      fail(file, line, `unknown operation '${fk}'`, ':read, :write or :cas');
    const value = jepsenValue(v);
    if (value === undefined) fail(file, line, `unreadable value '${v}'`, JEPSEN_ACCEPTED);
    events++;
    const waiting = pending.get(proc);
    switch (type) {
      case ':invoke': {
        if (waiting)
          fail(
            file,
            line,
            `process ${proc} calls ${f} while its ${waiting.f} of line ${waiting.line} is in flight`,
            'at most one operation in flight a process (a return, :fail or :info before the next :invoke)',
          );
        let input: RegisterOp;
        if (f === 'read') input = { f };
        else if (f === 'write' && typeof value === 'number') input = { f, value };
        else if (f === 'cas' && Array.isArray(value)) input = { f, value: [value[0], value[1]] };
        else
          fail(
            file,
            line,
            `:invoke :${f} with value '${v}'`,
            ':read nil, :write with a whole number, :cas with [from to]',
          );
        const op = { client: Number(proc), call: line, ret: null, input };
        ops.push(op);
        pending.set(proc, { op, f, line, value });
        continue;
      }
      case ':ok':
      case ':fail':
      case ':info': {
        if (!waiting)
          fail(
            file,
            line,
            `process ${proc} returns (${type}) with no operation in flight`,
            'a return only after its :invoke',
          );
        if (waiting.f !== f)
          fail(
            file,
            line,
            `process ${proc} returns ${f} (${type}) but called ${waiting.f} at line ${waiting.line}`,
            'the same :f as the :invoke',
          );
        pending.delete(proc);
        const op = waiting.op;
        if (type === ':info') continue; // unknown outcome: ret stays null
        if (type === ':fail' && f !== 'cas') {
          dropped.add(op); // it did not happen
          continue;
        }
        if (f === 'read') {
          if (typeof value !== 'number' && value !== null)
            fail(file, line, `:ok :read with value '${v}'`, 'nil or a whole number');
          outputs.set(op, value);
        } else {
          if (canonical(value) !== canonical(waiting.value))
            fail(
              file,
              line,
              `${type} :${f} ${v} does not repeat the value of its :invoke at line ${waiting.line}`,
              'the :invoke value repeated',
            );
          outputs.set(op, f === 'cas' ? type === ':ok' : null);
        }
        op.ret = line;
        continue;
      }
      default:
        fail(file, line, `unknown type '${type}'`, ':invoke, :ok, :fail or :info');
    }
  }
  if (!events && text.trim())
    fail(file, undefined, 'no Jepsen event lines', `lines such as ${JEPSEN_ACCEPTED}`);
  return ops
    .filter((o) => !dropped.has(o))
    .map((o) =>
      o.ret === null ? { ...o, ret: null } : { ...o, ret: o.ret, output: outputs.get(o) ?? null },
    );
}

/** A token of an EDN map, as the kv logs write them. */
type Edn = { kw: string } | string | number | boolean | null;

const EDN_ACCEPTED =
  '{:process P, :type :invoke|:ok|:fail|:info, :f :get|:put|:append, :key "K", :value "V"|nil} one a line';

/** An EDN atom as EDN writes it. */
function ednText(e: Edn): string {
  if (e === null) return 'nil';
  if (typeof e === 'object') return `:${e.kw}`;
  return typeof e === 'string' ? JSON.stringify(e) : String(e);
}

/** Read one EDN map of keywords to atoms (keyword, string, integer, nil, true, false). */
function ednMap(s: string, file: string, line: number): Map<string, Edn> {
  const out = new Map<string, Edn>();
  let i = 0;
  const ws = () => {
    while (i < s.length && /[\s,]/.test(s[i]!)) i++;
  };
  const atom = (): Edn => {
    const c = s[i];
    if (c === '"') {
      let str = '';
      i++;
      while (i < s.length && s[i] !== '"') {
        if (s[i] === '\\') {
          i++;
          const e = s[i];
          str += e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : (e ?? '');
        } else str += s[i];
        i++;
      }
      if (s[i] !== '"') return fail(file, line, 'a string is not closed', EDN_ACCEPTED);
      i++;
      return str;
    }
    const m = /^[^\s,{}[\]"]+/.exec(s.slice(i));
    if (!m) return fail(file, line, `unexpected '${c ?? 'end of line'}'`, EDN_ACCEPTED);
    i += m[0].length;
    const t = m[0];
    if (t === 'nil') return null;
    if (t === 'true' || t === 'false') return t === 'true';
    if (/^-?\d+$/.test(t)) return Number(t);
    if (/^:[^:]/.test(t)) return { kw: t.slice(1) };
    return fail(file, line, `unreadable value '${t}'`, EDN_ACCEPTED);
  };
  ws();
  if (s[i] !== '{') return fail(file, line, 'not an EDN map', EDN_ACCEPTED);
  i++;
  for (;;) {
    ws();
    if (s[i] === '}') break;
    if (i >= s.length) return fail(file, line, 'the map is not closed', EDN_ACCEPTED);
    const k = atom();
    if (typeof k !== 'object' || k === null)
      return fail(file, line, `a key that is not a keyword: ${ednText(k)}`, EDN_ACCEPTED);
    ws();
    if (s[i] === '}' || i >= s.length)
      return fail(file, line, `:${k.kw} has no value`, EDN_ACCEPTED);
    out.set(k.kw, atom());
  }
  i++;
  ws();
  if (i < s.length) return fail(file, line, 'text after the map', EDN_ACCEPTED);
  return out;
}

/**
 * Read a key-value history in EDN, one map a line (Porcupine's `kv` logs):
 * `{:process P, :type :invoke|:ok, :f :get|:put|:append, :key "K", :value "V"}`.
 * On `:invoke` a `:get` has value nil; on `:ok` it has the string read
 * (nil reads as `""`). `:fail` means the operation did not happen (it is
 * left out), `:info` that its outcome is unknown; so is a call with no
 * return by the end. Times are line numbers; blank lines are skipped.
 *
 * @param text - the lines
 * @param file - its name, for errors
 * @returns the operations, in call order
 * @throws HistoryFormatError for a line that says something else
 * @category Linearizability
 */
export function parseEdnKv(text: string, file: string): Operation<KvOp>[] {
  const ops: { client: string | number; call: number; ret: number | null; input: KvOp }[] = [];
  const outputs = new Map<object, unknown>();
  const dropped = new Set<object>();
  const pending = new Map<number, Pending<KvOp>>();
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const line = i + 1;
    if (!raw.trim()) continue;
    const m = ednMap(raw, file, line);
    for (const k of m.keys())
      if (!['process', 'type', 'f', 'key', 'value'].includes(k))
        fail(file, line, `unknown key :${k}`, EDN_ACCEPTED);
    const get = (k: string) => m.get(k);
    const proc = get('process');
    const type = get('type');
    const f = get('f');
    const key = get('key');
    const value = get('value');
    if (typeof proc !== 'number') fail(file, line, ':process is not a whole number', EDN_ACCEPTED);
    const kw = (e: Edn | undefined) => (e !== null && typeof e === 'object' ? e.kw : undefined);
    const fn = kw(f);
    if (fn !== 'get' && fn !== 'put' && fn !== 'append')
      fail(
        file,
        line,
        `:f is ${f === undefined ? 'missing' : ednText(f)}`,
        ':get, :put or :append',
      );
    if (typeof key !== 'string') fail(file, line, ':key is not a string', EDN_ACCEPTED);
    const waiting = pending.get(proc);
    const t = kw(type);
    if (t === 'invoke') {
      if (waiting)
        fail(
          file,
          line,
          `process ${proc} calls ${fn} while its ${waiting.f} of line ${waiting.line} is in flight`,
          'at most one operation in flight a process',
        );
      let input: KvOp;
      if (fn === 'get') input = { f: fn, key };
      else if (typeof value === 'string') input = { f: fn, key, value };
      else fail(file, line, `:invoke :${fn} with no string :value`, EDN_ACCEPTED);
      const op = { client: proc, call: line, ret: null, input };
      ops.push(op);
      pending.set(proc, { op, f: fn, line, value });
      continue;
    }
    if (t !== 'ok' && t !== 'fail' && t !== 'info')
      fail(
        file,
        line,
        `:type is ${type === undefined ? 'missing' : ednText(type)}`,
        ':invoke, :ok, :fail or :info',
      );
    if (!waiting)
      fail(
        file,
        line,
        `process ${proc} returns with no operation in flight`,
        'a return only after its :invoke',
      );
    const input = waiting.op.input;
    if (waiting.f !== fn || input.key !== key)
      fail(
        file,
        line,
        `process ${proc} returns ${fn} of key ${JSON.stringify(key)} but called ${waiting.f} of key ${JSON.stringify(input.key)} at line ${waiting.line}`,
        'the :f and :key of the :invoke',
      );
    pending.delete(proc);
    if (t === 'info') continue;
    if (t === 'fail') {
      dropped.add(waiting.op);
      continue;
    }
    if (fn === 'get') {
      if (typeof value !== 'string' && value !== null)
        fail(file, line, ':ok :get with a :value that is not a string', 'a string, or nil for ""');
      outputs.set(waiting.op, value ?? '');
    } else {
      if (value !== waiting.value)
        fail(
          file,
          line,
          `:ok :${fn} does not repeat the :value of its :invoke at line ${waiting.line}`,
          'the :invoke value repeated',
        );
      outputs.set(waiting.op, null);
    }
    waiting.op.ret = line;
  }
  if (!ops.length) fail(file, undefined, 'no operations', EDN_ACCEPTED);
  return ops
    .filter((o) => !dropped.has(o))
    .map((o) =>
      o.ret === null ? { ...o, ret: null } : { ...o, ret: o.ret, output: outputs.get(o) ?? null },
    );
}

const JSON_ACCEPTED =
  'operations {"client", "call", "return" (a number or null), "op": {"f", "key"?, "value"?}, "output"?} in an array, under "operations", or one a line';

/** The line each element of the operations array starts on (a JSON document's text). */
function elementLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let target = -1; // the depth of the array's elements
  let inString = false;
  let lastKey = '';
  let keyStart = -1;
  let expectValue = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') line++;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') {
        inString = false;
        lastKey = text.slice(keyStart, i);
      }
      continue;
    }
    if (c === '"') {
      if (target >= 0 && depth === target && expectValue) {
        lines.push(line);
        expectValue = false;
      }
      inString = true;
      keyStart = i + 1;
      continue;
    }
    if (/\s/.test(c)) continue;
    if (target >= 0 && depth === target && expectValue && c !== ']') {
      lines.push(line);
      expectValue = false;
    }
    if (c === '[' || c === '{') {
      depth++;
      if (target < 0 && c === '[' && (depth === 1 || (depth === 2 && lastKey === 'operations'))) {
        target = depth;
        expectValue = true;
      }
    } else if (c === ']' || c === '}') {
      if (depth === target) target = -2; // done: later arrays are not it
      depth--;
    } else if (c === ',' && depth === target) expectValue = true;
  }
  return lines;
}

/** The line (from 1) of an offset in a text. */
function lineAt(text: string, at: number): number {
  let line = 1;
  for (let i = 0; i < at && i < text.length; i++) if (text[i] === '\n') line++;
  return line;
}

/**
 * Where a text stops being JSON, and what was expected there; `undefined`
 * if it is one JSON value (JSON.parse's messages quote the text and do not
 * always say where).
 */
function jsonSyntaxError(text: string): { at: number; what: string } | undefined {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\r\n'.includes(text[i]!)) i++;
  };
  const error = (what: string): never => {
    throw {
      at: i,
      what: i < text.length ? `${what}, found '${text[i]}'` : `${what}, found the end`,
    };
  };
  const string = () => {
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') i++;
      else if (text.charCodeAt(i) < 0x20) error('a control character in a string');
      i++;
    }
    if (i >= text.length) error('a closing quote');
    i++;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') error('a property name in double quotes');
        string();
        ws();
        if (text[i] !== ':') error("':'");
        i++;
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') {
          i++;
          return;
        } else error("',' or '}'");
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') {
          i++;
          return;
        } else error("',' or ']'");
      }
    }
    if (c === '"') {
      string();
      return;
    }
    const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(
      text.slice(i, i + 400),
    );
    if (!m) error('a value');
    else i += m[0].length;
  };
  try {
    value();
    ws();
    if (i < text.length) error('the end of the text');
    return undefined;
  } catch (e) {
    if (e instanceof Error) throw e;
    return e as { at: number; what: string };
  }
}

const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** One operation of a JSON history, checked. */
function jsonOperation(
  v: unknown,
  where: (what: string, accepted: string) => never,
): { op: Operation<RegisterOp | KvOp>; object: 'cas-register' | 'kv' } {
  if (v === null || typeof v !== 'object' || Array.isArray(v))
    return where('an operation that is not an object', JSON_ACCEPTED);
  const o = v as Record<string, unknown>;
  for (const k of Object.keys(o))
    if (!['client', 'call', 'return', 'op', 'output'].includes(k))
      where(`unknown field "${k}"`, 'the fields client, call, return, op, output');
  const { client, call, op } = o;
  const ret = o.return;
  if (!(typeof client === 'string' || (typeof client === 'number' && Number.isInteger(client))))
    return where('"client" is not a string or a whole number', JSON_ACCEPTED);
  if (!isTime(call)) return where('"call" is not a finite number', JSON_ACCEPTED);
  if (ret !== null && !isTime(ret))
    return where('"return" is missing or not a finite number or null', JSON_ACCEPTED);
  if (ret !== null && ret < call)
    return where(`"return" ${ret} is before "call" ${call}`, 'a return at or after its call');
  if (op === null || typeof op !== 'object' || Array.isArray(op))
    return where('"op" is not an object', '"op": {"f", "key"?, "value"?}');
  const p = op as Record<string, unknown>;
  for (const k of Object.keys(p))
    if (!['f', 'key', 'value'].includes(k))
      where(`unknown field "${k}" in "op"`, 'the fields f, key, value');
  const { f, key, value } = p;
  if (key !== undefined && typeof key !== 'string')
    return where('"key" is not a string', 'a string key, or none for the register');
  const output = o.output === undefined ? null : o.output;
  const known = ret !== null;
  const base = { client, call, ret };
  const nothing = (what: string) => {
    if (known && output !== null)
      where(`${what} with output ${JSON.stringify(output)}`, 'null or no output');
  };
  switch (f) {
    case 'read': {
      if (value !== undefined) where('"read" with a "value"', 'no value for a read');
      const input: RegisterOp = key === undefined ? { f } : { f, key };
      return {
        op: known ? { ...base, input, output } : { ...base, input },
        object: 'cas-register',
      };
    }
    case 'write': {
      if (value === undefined) where('"write" with no "value"', 'any JSON value');
      nothing('"write"');
      const input: RegisterOp = key === undefined ? { f, value } : { f, key, value };
      return {
        op: known ? { ...base, input, output: null } : { ...base, input },
        object: 'cas-register',
      };
    }
    case 'cas': {
      if (!Array.isArray(value) || value.length !== 2)
        return where('"cas" with a "value" that is not [from, to]', '"value": [from, to]');
      if (known && typeof output !== 'boolean')
        where('"cas" with an output that is not true or false', 'true (swapped) or false');
      const pair = [value[0], value[1]] as const;
      const input: RegisterOp = key === undefined ? { f, value: pair } : { f, key, value: pair };
      return {
        op: known ? { ...base, input, output } : { ...base, input },
        object: 'cas-register',
      };
    }
    case 'get':
    case 'put':
    case 'append': {
      if (typeof key !== 'string') return where(`"${f}" with no "key"`, 'a string key');
      if (f === 'get') {
        if (known && typeof output !== 'string')
          where(
            '"get" with an output that is not a string',
            'the string read ("" if never written)',
          );
        return {
          op: known ? { ...base, input: { f, key }, output } : { ...base, input: { f, key } },
          object: 'kv',
        };
      }
      if (typeof value !== 'string')
        return where(`"${f}" with a "value" that is not a string`, 'a string');
      nothing(`"${f}"`);
      const input: KvOp = { f, key, value };
      return { op: known ? { ...base, input, output: null } : { ...base, input }, object: 'kv' };
    }
    default:
      return where(
        `unknown "f" ${JSON.stringify(f)}`,
        'read, write, cas (a register) or get, put, append (a store)',
      );
  }
}

/**
 * Read a history in the workbook's JSON format: a document of operations,
 * or JSON Lines.
 *
 * The workbook's JSON history (what a chapter's runs emit):
 *
 * ```json
 * { "object": "cas-register",
 *   "operations": [
 *     { "client": 1, "call": 0, "return": 5, "op": { "f": "write", "key": "x", "value": 1 }, "output": null },
 *     { "client": 2, "call": 2, "return": null, "op": { "f": "cas", "key": "x", "value": [1, 2] } },
 *     { "client": 3, "call": 6, "return": 8, "op": { "f": "read", "key": "x" }, "output": 1 } ] }
 * ```
 *
 * - `object` (optional): `cas-register` or `kv`; left out, it is read off
 *   the operations' `f` (`read`, `write`, `cas`; or `get`, `put`, `append`).
 * - `client`: a string or a whole number; `call`, `return`: finite numbers
 *   in any unit, `return` at or after `call`, or `null` when the outcome is
 *   unknown (a timeout, a crash, no reply): it may have taken effect at any
 *   time after its call, or never.
 * - `op`: `{ f, key?, value? }`. For the register `value` is any JSON
 *   value for `write`, `[from, to]` for `cas`, absent for `read`; `key` is
 *   optional (one register per key, checked apart). For the store `key` is
 *   a string and `value` a string for `put` and `append`.
 * - `output`: what the operation returned: the value read (`null` for no
 *   value), `true` or `false` for a `cas`, the string a `get` read (`""`
 *   for a key never written); `null` or absent for `write`, `put`, `append`.
 *
 * The document may also be the array of operations alone, or JSON Lines:
 * one operation object a line. A field not named here is refused; the
 * operations are returned in the order of their calls.
 *
 * @param text - the JSON text
 * @param file - its name, for errors
 * @returns the history and its spec
 * @throws HistoryFormatError for text that is not such a history
 * @category Linearizability
 */
export function parseJsonHistory(text: string, file: string): ParsedHistory {
  let items: unknown[];
  let lines: number[];
  let object: unknown;
  let doc: unknown;
  const firstLine = text.split(/\r?\n/).findIndex((l) => l.trim()) + 1;
  const broken = jsonSyntaxError(text);
  // Not one JSON document, but its first line is one: JSON Lines.
  const jsonLines =
    broken !== undefined && jsonSyntaxError(text.split(/\r?\n/)[firstLine - 1]!) === undefined;
  if (broken && !jsonLines)
    return fail(file, lineAt(text, broken.at), `not JSON: ${broken.what}`, JSON_ACCEPTED);
  if (!jsonLines) {
    doc = JSON.parse(text);
    if (Array.isArray(doc)) {
      items = doc;
      lines = elementLines(text);
    } else if (
      doc !== null &&
      typeof doc === 'object' &&
      Array.isArray((doc as { operations?: unknown }).operations)
    ) {
      items = (doc as { operations: unknown[] }).operations;
      object = (doc as { object?: unknown }).object;
      for (const k of Object.keys(doc))
        if (k !== 'operations' && k !== 'object')
          fail(
            file,
            firstLine,
            `unknown field "${k}"`,
            'a document {"object"?, "operations": [...]}',
          );
      lines = elementLines(text);
    } else if (doc !== null && typeof doc === 'object' && !text.trim().includes('\n')) {
      items = [doc]; // one line of JSON Lines
      lines = [firstLine];
    } else return fail(file, firstLine, 'a JSON value that is not a history', JSON_ACCEPTED);
  } else {
    items = [];
    lines = [];
    for (const [i, l] of text.split(/\r?\n/).entries()) {
      if (!l.trim()) continue;
      const bad = jsonSyntaxError(l);
      if (bad) fail(file, i + 1, `not JSON: ${bad.what} at column ${bad.at + 1}`, JSON_ACCEPTED);
      items.push(JSON.parse(l));
      lines.push(i + 1);
    }
  }
  if (object !== undefined && object !== 'cas-register' && object !== 'kv')
    fail(file, 1, `unknown "object" ${JSON.stringify(object)}`, '"cas-register" or "kv"');
  if (!items.length) fail(file, undefined, 'no operations', JSON_ACCEPTED);
  const ops: Operation<RegisterOp | KvOp>[] = [];
  let kind = object as 'cas-register' | 'kv' | undefined;
  let first = 0;
  items.forEach((v, i) => {
    const line = lines[i];
    const where = (what: string, accepted: string): never =>
      fail(file, line, `operation ${i + 1}: ${what}`, accepted);
    const r = jsonOperation(v, where);
    if (kind === undefined) {
      kind = r.object;
      first = i;
    } else if (r.object !== kind)
      where(
        `a ${r.object === 'kv' ? 'store' : 'register'} operation in a history of ${kind === 'kv' ? 'a store' : 'a register'}${object ? '' : ` (as operation ${first + 1} says)`}`,
        'the operations of one object: read, write, cas or get, put, append',
      );
    ops.push(r.op);
  });
  const byCall = ops
    .map((o, i) => [o, i] as const)
    .sort((a, b) => a[0].call - b[0].call || a[1] - b[1])
    .map(([o]) => o);
  return kind === 'kv'
    ? {
        format: 'json',
        object: 'kv',
        spec: kvStore,
        operations: byCall as Operation<KvOp>[],
        time: 'given',
      }
    : {
        format: 'json',
        object: 'cas-register',
        spec: casRegister,
        operations: byCall as Operation<RegisterOp>[],
        time: 'given',
      };
}

const FORMATS =
  "a Jepsen log ('INFO jepsen.util - P :type :f V' lines), EDN maps one a line ({:process P, :type :invoke, :f :get, ...}), or the workbook's JSON history ({\"operations\": [...]})";

/**
 * Read a history in whichever format its text is in: a Jepsen log if a
 * line says `jepsen.util`, EDN if it starts with `{:`, JSON if it starts
 * with `{` or `[`; failing those, by the file's extension (`.log`,
 * `.edn`/`.txt`, `.json`/`.jsonl`).
 *
 * @param text - the file's text
 * @param file - its name, for errors and the extension
 * @returns the history and its spec
 * @throws HistoryFormatError for an unknown format or a malformed file
 * @example
 * ```ts
 * const h = parseHistory(readFileSync(file, 'utf8'), file);
 * const r = checkHistory(h);
 * if (r.failure) console.log(r.failure.message);
 * ```
 * @category Linearizability
 */
export function parseHistory(text: string, file: string): ParsedHistory {
  const start = text.trimStart();
  if (/^[^\n]*jepsen\.util/m.test(text.slice(0, 20_000)))
    return {
      format: 'jepsen',
      object: 'cas-register',
      spec: casRegister,
      operations: parseJepsenLog(text, file),
      time: 'line',
    };
  const edn = () =>
    ({
      format: 'edn',
      object: 'kv',
      spec: kvStore,
      operations: parseEdnKv(text, file),
      time: 'line',
    }) as const;
  if (start.startsWith('{:')) return edn();
  if (start.startsWith('{') || start.startsWith('[')) return parseJsonHistory(text, file);
  if (/\.log$/i.test(file))
    return {
      format: 'jepsen',
      object: 'cas-register',
      spec: casRegister,
      operations: parseJepsenLog(text, file),
      time: 'line',
    };
  if (/\.(edn|txt)$/i.test(file)) return edn();
  if (/\.jsonl?$/i.test(file)) return parseJsonHistory(text, file);
  if (!start) return fail(file, undefined, 'the file is empty', FORMATS);
  const firstLine = text.split('\n').findIndex((l) => l.trim()) + 1;
  return fail(file, firstLine, 'unknown history format', FORMATS);
}

/**
 * Check a history read by {@link parseHistory} against its spec.
 *
 * @param h - the history
 * @param options - as for {@link linearizable}
 * @returns the result
 * @category Linearizability
 */
export function checkHistory(
  h: ParsedHistory,
  options: LinearizabilityOptions = {},
): LinearizabilityResult<RegisterState | KvState> {
  return h.object === 'kv'
    ? linearizable(h.spec, h.operations, options)
    : linearizable(h.spec, h.operations, options);
}
