/**
 * What `workbook exercise` says when the reader's file does not get as far
 * as a verdict: it does not parse, it does not typecheck, or its code
 * throws. Each is a NOT YET with the cause in words, the place in the
 * reader's file, and what to try; never a raw stack trace.
 *
 * @module
 */
import { createRequire } from 'node:module';
import { relative } from 'node:path';
import type ts from 'typescript';
import { repoPath } from './repo';

/**
 * The TypeScript compiler, loaded when a reader's file is first checked:
 * loading it takes most of a second, which every other command would pay.
 */
let compiler: typeof ts | undefined;
function typescript(): typeof ts {
  compiler ??= createRequire(import.meta.url)('typescript') as typeof ts;
  return compiler;
}

/** A place in a file, as `file:line:column` (1-based), relative to the repository. */
function place(file: string, line: number, column: number): string {
  return `${relative(repoPath('.'), file) || file}:${line}:${column}`;
}

/** What is wrong with a file before it runs: it does not parse, or it does not typecheck. */
export interface StaticErrors {
  readonly kind: 'syntax' | 'type';
  /** Each `place: message`. */
  readonly errors: readonly string[];
}

/**
 * The syntax errors in `file`, or else its type errors (at most `max`), as
 * the project's tsconfig sees them; undefined if there are none. Errors in
 * other files are left out: the reader can only fix their own.
 *
 * @param file - the reader's file (absolute)
 * @param max - how many to list
 */
export function staticErrors(file: string, max = 3): StaticErrors | undefined {
  const tsc = typescript();
  const configPath = repoPath('tsconfig.json');
  const read = tsc.readConfigFile(configPath, tsc.sys.readFile);
  const parsed = tsc.parseJsonConfigFileContent(read.config ?? {}, tsc.sys, repoPath('.'));
  const program = tsc.createProgram([file], { ...parsed.options, noEmit: true });
  const source = program.getSourceFile(file);
  if (!source) return undefined;
  const show = (diags: readonly ts.Diagnostic[]) =>
    diags.slice(0, max).map((d) => {
      const { line, character } = source.getLineAndCharacterOfPosition(d.start ?? 0);
      return `${place(file, line + 1, character + 1)}: ${tsc.flattenDiagnosticMessageText(d.messageText, ' ')}`;
    });
  const syntax = program.getSyntacticDiagnostics(source);
  if (syntax.length > 0) return { kind: 'syntax', errors: show(syntax) };
  const types = program.getSemanticDiagnostics(source);
  if (types.length > 0) return { kind: 'type', errors: show(types) };
  return undefined;
}

/**
 * Why a file could not be loaded, in one line: esbuild's (tsx's) message
 * names the place; anything else, its first line.
 *
 * @param e - what the import threw
 */
export function loadError(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  const m = /([^\s:]+\.[cm]?[jt]sx?):(\d+):(\d+): ERROR: (.*)/.exec(msg);
  if (m) return `${place(m[1]!, Number(m[2]), Number(m[3]))}: ${m[4]}`;
  return msg.split('\n')[0]!;
}

/**
 * What the reader's code threw, in words, with the place in their file
 * (the first frame of the stack in it) and what to try.
 *
 * @param e - the error
 * @param file - the reader's file (absolute)
 */
export function thrownByReader(e: unknown, file: string): string {
  const err = e instanceof Error ? e : new Error(String(e));
  const frames = (err.stack ?? '').split('\n').slice(1);
  let where: string | undefined;
  for (const f of frames) {
    const m = /\(?((?:file:\/\/)?[^\s()]+):(\d+):(\d+)\)?\s*$/.exec(f);
    if (!m) continue;
    const path = m[1]!.replace(/^file:\/\//, '');
    if (path === file) {
      where = place(path, Number(m[2]), Number(m[3]));
      break;
    }
  }
  const readOnly = /read[- ]only|not extensible|Cannot (assign|add|delete|define)/i.test(
    err.message,
  );
  const what = readOnly
    ? 'it changed a value it was given in place, and those values (states, inputs, messages) are immutable: build a new one ({ ...s, field: v }) instead of assigning to s'
    : 'find the input that makes it throw, and handle that case';
  return `Your code threw ${err.name}: ${err.message.split('\n')[0]}${where ? ` at ${where}` : ' (the stack does not pass through your file: something it returned was used and failed)'}. To try: ${what}.`;
}

/** Freeze plain objects and arrays all the way down (class instances, such as value sets, are left as they are). */
function deepFreeze(x: unknown, seen = new Set<unknown>()): void {
  if (x === null || typeof x !== 'object' || seen.has(x) || Object.isFrozen(x)) return;
  const proto = Object.getPrototypeOf(x);
  if (!Array.isArray(x) && proto !== Object.prototype && proto !== null) return;
  seen.add(x);
  Object.freeze(x);
  for (const v of Object.values(x)) deepFreeze(v, seen);
}

/**
 * The reader's module with each exported function wrapped so that the
 * values it is given are frozen: code that changes a state in place then
 * throws where it does so, instead of failing later in a way that names
 * something else.
 *
 * @param mod - the reader's module
 */
export function freezingArguments(mod: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(mod)) {
    if (typeof v !== 'function' || /^class\b/.test(Function.prototype.toString.call(v))) {
      out[k] = v;
      continue;
    }
    const f = v as (...a: unknown[]) => unknown;
    out[k] = function (this: unknown, ...args: unknown[]) {
      for (const a of args) deepFreeze(a);
      return f.apply(this, args);
    };
  }
  return out;
}
