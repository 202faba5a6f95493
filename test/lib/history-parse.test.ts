/**
 * Reading histories: Jepsen's logs, EDN lines and the workbook's JSON, the
 * format told from the text (or the extension), and one-line errors that
 * name the file, the line, what was wrong and what is accepted.
 */
import { describe, expect, it } from 'vitest';
import {
  HistoryFormatError,
  parseEdnKv,
  parseHistory,
  parseJepsenLog,
  parseJsonHistory,
} from '../../src/index';

const jepsen = (lines: string[]) => lines.map((l) => `INFO  jepsen.util - ${l}`).join('\n');

/** The error a text gives, checked to be one line naming the file. */
function errorOf(read: () => unknown, file: string): string {
  let message = '';
  try {
    read();
  } catch (e) {
    expect(e).toBeInstanceOf(HistoryFormatError);
    message = (e as Error).message;
  }
  expect(message, 'an error').not.toBe('');
  expect(message.split('\n')).toHaveLength(1);
  expect(message.startsWith(file)).toBe(true);
  expect(message).toContain('; accepted: ');
  return message;
}

describe('Jepsen logs', () => {
  it('reads calls and returns, tabs or spaces, with line numbers as times', () => {
    const text = [
      'INFO  jepsen.util - 0\t:invoke\t:write\t3',
      'some other line, ignored',
      'INFO  jepsen.util - 1   :invoke :read   nil',
      'INFO  jepsen.util - 0\t:ok\t:write\t3',
      'INFO  jepsen.util - 1   :ok     :read   3',
      'INFO  jepsen.util - 2\t:invoke\t:cas\t[3 4]',
      'INFO  jepsen.util - 2\t:fail\t:cas\t[3 4]',
      'INFO  jepsen.util - 3\t:invoke\t:cas\t[4 5]',
      'INFO  jepsen.util - 3\t:info\t:cas\t:timed-out',
      'INFO  jepsen.util - 4\t:invoke\t:read\tnil',
      'INFO  jepsen.util - 4\t:fail\t:read\t:timed-out',
      'INFO  jepsen.util - 5\t:invoke\t:write\t7',
    ].join('\n');
    expect(parseJepsenLog(text, 'a.log')).toEqual([
      { client: 0, call: 1, ret: 4, input: { f: 'write', value: 3 }, output: null },
      { client: 1, call: 3, ret: 5, input: { f: 'read' }, output: 3 },
      { client: 2, call: 6, ret: 7, input: { f: 'cas', value: [3, 4] }, output: false },
      { client: 3, call: 8, ret: null, input: { f: 'cas', value: [4, 5] } },
      // the failed read did not happen; the write never returned
      { client: 5, call: 12, ret: null, input: { f: 'write', value: 7 } },
    ]);
  });

  it('reads an empty log as the empty history', () => {
    expect(parseJepsenLog('', 'e.log')).toEqual([]);
    expect(parseHistory('', 'e.log').operations).toEqual([]);
  });

  it('explains a malformed line', () => {
    const cases: [string[], RegExp][] = [
      [['0\t:invoke\t:read\tnil', '0\t:invoke\t:read\tnil'], /a.log:2: process 0 calls read while/],
      [['0\t:ok\t:read\t3'], /a.log:1: process 0 returns \(:ok\) with no operation in flight/],
      [['0\t:invoke\t:read\tnil', '0\t:ok\t:write\t3'], /a.log:2: .*but called read at line 1/],
      [['0\t:invoke\t:frob\tnil'], /a.log:1: unknown operation ':frob'; accepted: :read, :write/],
      [['0\t:invoke\t:write\t[1 2]'], /a.log:1: :invoke :write with value '\[1 2\]'/],
      [['0\t:invoke\t:cas\t[1 2]', '0\t:ok\t:cas\t[1 3]'], /a.log:2: .*does not repeat the value/],
      [['0\t:start\t:read\tnil'], /a.log:1: unknown type ':start'/],
      [['x\t:invoke\t:read\tnil'], /a.log:1: process 'x' is not a whole number/],
    ];
    for (const [lines, want] of cases)
      expect(errorOf(() => parseJepsenLog(jepsen(lines), 'a.log'), 'a.log')).toMatch(want);
    expect(errorOf(() => parseJepsenLog('INFO jepsen.util nothing', 'b.log'), 'b.log')).toMatch(
      /^b.log:1: not a Jepsen event/,
    );
    expect(errorOf(() => parseJepsenLog('hello\n', 'c.log'), 'c.log')).toMatch(
      /^c.log: no Jepsen event lines/,
    );
  });
});

describe('EDN lines', () => {
  it('reads gets, puts and appends, with line numbers as times', () => {
    const text = [
      '{:process 0, :type :invoke, :f :put, :key "k", :value "a"}',
      '{:process 1, :type :invoke, :f :get, :key "k", :value nil}',
      '',
      '{:process 0, :type :ok, :f :put, :key "k", :value "a"}',
      '{:process 1, :type :ok, :f :get, :key "k", :value "a \\"b\\""}',
      '{:process 2, :type :invoke, :f :append, :key "j", :value "x"}',
      '{:process 2, :type :info, :f :append, :key "j", :value "x"}',
    ].join('\n');
    expect(parseEdnKv(text, 'k.txt')).toEqual([
      { client: 0, call: 1, ret: 4, input: { f: 'put', key: 'k', value: 'a' }, output: null },
      { client: 1, call: 2, ret: 5, input: { f: 'get', key: 'k' }, output: 'a "b"' },
      { client: 2, call: 6, ret: null, input: { f: 'append', key: 'j', value: 'x' } },
    ]);
  });

  it('explains a malformed line', () => {
    const inv = '{:process 0, :type :invoke, :f :get, :key "1", :value nil}';
    const cases: [string[], RegExp][] = [
      [[inv, '{:process 0, :type :ok, :f :get, :key "1", :value "x}'], /k.txt:2: a string is not/],
      [[inv, '{:process 0, :type :ok, :f :gut, :key "1", :value "x"}'], /k.txt:2: :f is :gut;/],
      [['{:process 0, :type :ok, :f :get, :key "1", :value "x"}'], /k.txt:1: process 0 returns/],
      [[inv, '{:process 0, :type :ok, :f :get, :key "2", :value ""}'], /k.txt:2: .*of key "1"/],
      [['{:process 0, :type :invoke, :f :put, :key "1"}'], /k.txt:1: :invoke :put with no string/],
      [['{:process 0, :type :invoke, :f :get, :key "1", :colour :red}'], /unknown key :colour/],
      [['[1 2 3]'], /k.txt:1: not an EDN map/],
      [[inv, inv], /k.txt:2: process 0 calls get while its get of line 1 is in flight/],
    ];
    for (const [lines, want] of cases)
      expect(errorOf(() => parseEdnKv(lines.join('\n'), 'k.txt'), 'k.txt')).toMatch(want);
  });
});

describe('the JSON history', () => {
  const doc = [
    '{',
    '  "object": "cas-register",',
    '  "operations": [',
    '    { "client": 1, "call": 0, "return": 5, "op": { "f": "write", "key": "x", "value": 1 }, "output": null },',
    '    { "client": "b", "call": 2, "return": null, "op": { "f": "cas", "key": "x", "value": [1, 2] } },',
    '    { "client": 3, "call": 1.5, "return": 8, "op": { "f": "read", "key": "x" }, "output": 1 }',
    '  ]',
    '}',
  ];

  it('reads a document, an array, or JSON Lines, sorting by call', () => {
    const h = parseJsonHistory(doc.join('\n'), 'h.json');
    expect(h.object).toBe('cas-register');
    expect(h.time).toBe('given');
    expect(h.operations).toEqual([
      { client: 1, call: 0, ret: 5, input: { f: 'write', key: 'x', value: 1 }, output: null },
      { client: 3, call: 1.5, ret: 8, input: { f: 'read', key: 'x' }, output: 1 },
      { client: 'b', call: 2, ret: null, input: { f: 'cas', key: 'x', value: [1, 2] } },
    ]);
    const lines = doc.slice(3, 6).map((l) => l.replace(/,$/, ''));
    expect(parseJsonHistory(`[${lines.join(',\n')}]`, 'h.json').operations).toEqual(h.operations);
    expect(parseJsonHistory(lines.join('\n'), 'h.jsonl').operations).toEqual(h.operations);
    const kv = parseJsonHistory(
      '[{"client": 0, "call": 0, "return": 1, "op": {"f": "append", "key": "a", "value": "x"}}]',
      'k.json',
    );
    expect(kv.object).toBe('kv');
    expect(kv.operations[0]).toEqual({
      client: 0,
      call: 0,
      ret: 1,
      input: { f: 'append', key: 'a', value: 'x' },
      output: null,
    });
  });

  it('names the line of a bad operation, in a document and in JSON Lines', () => {
    const bad = [...doc];
    bad[5] = '    { "client": 3, "call": 9, "return": 8, "op": { "f": "read" }, "output": 1 }';
    expect(errorOf(() => parseJsonHistory(bad.join('\n'), 'h.json'), 'h.json')).toMatch(
      /^h.json:6: operation 3: "return" 8 is before "call" 9; accepted: a return at or after its call$/,
    );
    const syntax = [...doc];
    syntax[4] = '    { "client": "b", "call": 2 "return": null }';
    expect(errorOf(() => parseJsonHistory(syntax.join('\n'), 'h.json'), 'h.json')).toMatch(
      /^h.json:5: not JSON: ',' or '}', found '"'/,
    );
    const jl = [
      '{"client": 0, "call": 0, "return": 1, "op": {"f": "read"}, "output": null}',
      '{"client": 0, "call": 2, "return": 3, "op": {"f": "get", "key": "a"}, "output": ""}',
    ];
    expect(errorOf(() => parseJsonHistory(jl.join('\n'), 'h.jsonl'), 'h.jsonl')).toMatch(
      /^h.jsonl:2: operation 2: a store operation in a history of a register/,
    );
    const cases: [string, RegExp][] = [
      ['[{"client": 0, "call": 0, "return": 1, "op": {"f": "cas", "value": 3}}]', /\[from, to\]/],
      ['[{"client": 0, "call": 0, "return": 1, "op": {"f": "nop"}}]', /unknown "f" "nop"/],
      ['[{"client": 0, "call": 0, "return": 1, "op": {"f": "read"}, "colour": 1}]', /"colour"/],
      ['[{"client": 0.5, "call": 0, "return": 1, "op": {"f": "read"}}]', /"client" is not/],
      ['[{"client": 0, "call": 0, "op": {"f": "read"}}]', /"return" is missing/],
      [
        '[{"client": 0, "call": 0, "return": 1, "op": {"f": "write", "value": 1}, "output": 2}]',
        /output 2/,
      ],
      ['{"object": "queue", "operations": []}', /unknown "object" "queue"/],
      ['[]', /no operations/],
    ];
    for (const [text, want] of cases)
      expect(errorOf(() => parseJsonHistory(text, 'x.json'), 'x.json')).toMatch(want);
  });
});

describe('telling the format', () => {
  it('by the text, then by the extension', () => {
    expect(parseHistory(jepsen(['0\t:invoke\t:read\tnil']), 'a.txt').format).toBe('jepsen');
    expect(
      parseHistory('{:process 0, :type :invoke, :f :get, :key "1", :value nil}', 'a.log').format,
    ).toBe('edn');
    expect(
      parseHistory('[{"client": 0, "call": 0, "return": null, "op": {"f": "read"}}]', 'a').format,
    ).toBe('json');
    expect(parseHistory('', 'empty.log').format).toBe('jepsen');
    expect(errorOf(() => parseHistory('hello', 'x.dat'), 'x.dat')).toMatch(
      /^x.dat:1: unknown history format; accepted: a Jepsen log/,
    );
    expect(errorOf(() => parseHistory('', 'x.dat'), 'x.dat')).toMatch(/^x.dat: the file is empty/);
  });
});
