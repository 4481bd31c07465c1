// Every function pkg/ exports, fed hostile JS values in every argument position. Whatever comes
// in, a call either returns or throws a JS Error with a message; it never traps (a wasm panic is
// a WebAssembly.RuntimeError, and kills the widget), and the module keeps working afterwards.
// Needs pkg/ (scripts/build-wasm, which scripts/test runs before the node tests).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as ts from '../../pkg/tearsheet.js';

ts.initSync({ module: readFileSync(new URL('../../pkg/tearsheet_bg.wasm', import.meta.url)) });

const cyclic = { title: 'x' };
cyclic.self = cyclic;
const throwingGetter = Object.defineProperty({}, 'title', { enumerable: true, get() { throw new Error('getter says no'); } });
const throwingOptions = Object.defineProperty({}, 'profile', { enumerable: true, get() { throw new Error('getter says no'); } });
const throwingToJSON = { toJSON() { throw new Error('toJSON says no'); } };
const hostileProxy = new Proxy({}, {
  get() { throw new Error('proxy get'); }, has() { throw new Error('proxy has'); },
  ownKeys() { throw new Error('proxy ownKeys'); }, getOwnPropertyDescriptor() { throw new Error('proxy gopd'); },
  getPrototypeOf() { throw new Error('proxy proto'); },
});
let deep = [];
for (let i = 0; i < 100_000; i++) deep = [deep];

// name → value: each is tried in every argument position of every export.
const HOSTILE = {
  undefined: undefined, null: null, true: true, zero: 0, negative: -1, NaN: NaN, Infinity: Infinity,
  hugeNumber: 1e308, bigint: 123n, symbol: Symbol('s'), emptyString: '', notJson: '{"title": ',
  hugeString: 'a'.repeat(5 * 1024 * 1024), hugeJsonString: JSON.stringify({ title: 'a'.repeat(2 * 1024 * 1024) }),
  loneSurrogate: '{"title": "\ud800"}', nulBytes: '{"title": "\u0000\u0000"}',
  emptyObject: {}, array: [1, 2, 3], cyclic, frozen: Object.freeze({ title: 'frozen', tlp: 'TLP:RED' }),
  throwingGetter, throwingOptions, throwingToJSON, hostileProxy, deepArray: deep,
  nestedBigInt: { detection: { indicators: [{ value: 1n }] } }, nestedSymbol: { title: Symbol('t') },
  function: () => 1, date: new Date(0), map: new Map([['title', 'x']]), typedArray: new Uint8Array(8),
  stringObject: new String('{}'), profileObjectBad: { profile: { required: 5 } }, profileNameBad: { profile: 'no-such' },
  nowBad: { now: 12 }, nowWeird: { now: '9999-99-99T99:99:99Z' },
};

const exported = Object.entries(ts).filter(([name, f]) => typeof f === 'function' && !['default', 'initSync'].includes(name) && !/^[A-Z]/.test(name));

function call(f, args) {
  try {
    return { value: f(...args) };
  } catch (e) {
    return { error: e };
  }
}

function assertNoTrap(name, label, outcome) {
  if (!('error' in outcome)) return;
  const e = outcome.error;
  assert.ok(!(e instanceof WebAssembly.RuntimeError), `${name}(${label}) trapped: ${e && e.message}`);
  assert.ok(e instanceof Error, `${name}(${label}) threw a non-Error: ${String(e)}`);
  assert.ok(e.message.length > 0, `${name}(${label}) threw an Error without a message`);
  assert.notEqual(e.name, 'TearsheetPanic', `${name}(${label}) panicked: ${e.message}`);
}

function stillWorks() {
  assert.equal(typeof ts.version(), 'string');
  const v = ts.validate({ kind: 'incident', title: 't', tlp: 'TLP:GREEN' }, {});
  assert.equal(typeof v.valid, 'boolean');
}

test('the module exports functions to test', () => {
  assert.ok(exported.length >= 4, exported.map(([n]) => n).join(', '));
});

for (const [name, f] of exported) {
  test(`${name}: hostile values in each argument position never trap`, () => {
    const arity = Math.max(f.length, 1);
    let calls = 0;
    for (let pos = 0; pos < arity + 1; pos++) {
      for (const [label, value] of Object.entries(HOSTILE)) {
        const args = new Array(arity + 1).fill(undefined);
        args[pos] = value;
        assertNoTrap(name, `${label} at ${pos}`, call(f, args));
        calls++;
      }
    }
    stillWorks();
    assert.ok(calls >= Object.keys(HOSTILE).length);
  });
}

test('errors from hostile reports are TearsheetErrors with stable codes', () => {
  const cases = [
    [undefined, 'input-not-a-report'], [null, 'input-not-a-report'], [42, 'input-not-a-report'],
    [cyclic, 'input-not-json'], [123n, 'input-not-a-report'], [{ detection: { indicators: [{ value: 1n }] } }, 'input-not-json'],
    ['a'.repeat(5 * 1024 * 1024), 'input-too-large'], [JSON.stringify({ title: 'a'.repeat(2 * 1024 * 1024) }), 'input-string-too-long'],
  ];
  for (const [input, code] of cases) {
    const { error } = call(ts.validate, [input, {}]);
    assert.ok(error, `validate(${typeof input}) should throw`);
    assert.equal(error.name, 'TearsheetError');
    assert.equal(error.code, code, error.message);
  }
  // A getter that throws surfaces as an error, whatever its code; a trap would fail above.
  const { error } = call(ts.validate, [throwingGetter, {}]);
  assert.ok(error instanceof Error && error.message.length > 0);
});
