#!/usr/bin/env node
// gen-golden.mjs: regenerates tests/golden/tokenizer/, the golden vectors of
// tokprof's tiktoken-compatible tokenizer.
//
//   node scripts/gen-golden.mjs
//   TOKPROF_ORACLES=/some/node_modules node scripts/gen-golden.mjs
//
// The steps, in order:
//   1. Install the pinned npm references if they are missing
//      (scripts/setup-oracles.sh, idempotent).
//   2. Build the edge-case input set in code. It is deterministic: the only
//      "random" data comes from a seeded generator.
//   3. Encode every valid UTF-8 input with the `tiktoken` npm package (WASM
//      build of OpenAI's Rust core) for all six encodings. Then cross-check
//      cl100k_base and o200k_base against `tiktoken-rs-node` (a native build of
//      tiktoken-rs).
//   4. The npm references take only JS strings, so they cannot encode invalid
//      UTF-8. Those inputs go through a small educational oracle written
//      below, in the spirit of tiktoken's _educational.py. Before the oracle
//      is trusted, it must reproduce the reference ids on every valid input of
//      every encoding.
//   5. Write the files, but only if every check passed. A failed run leaves
//      the old goldens untouched.
//
// Any disagreement between two references stops the script with exit code 1.

import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = join(REPO, 'tests', 'golden', 'tokenizer');
const ORACLES = resolve(process.env.TOKPROF_ORACLES ?? join(REPO, 'scripts', 'oracles', 'node_modules'));
const require = createRequire(import.meta.url);

const ENCODINGS = ['r50k_base', 'p50k_base', 'p50k_edit', 'cl100k_base', 'o200k_base', 'o200k_harmony'];

class GoldenError extends Error {}
function fail(message) {
  throw new GoldenError(message);
}
function check(condition, message) {
  if (!condition) fail(typeof message === 'function' ? message() : message);
}

// ===========================================================================
// 1. The input set
// ===========================================================================

const ch = (codePoint) => String.fromCodePoint(codePoint);
const hex = (codePoint) => codePoint.toString(16).padStart(4, '0');
const utf8 = (text) => new TextEncoder().encode(text);

/** Numerical Recipes' LCG: the long inputs are pseudo-random but always the same. */
function seededRandom(seed) {
  let state = seed >>> 0;
  return () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0);
}

/** Collects inputs and checks each one as it comes in, so a typo fails right here. */
class InputSet {
  entries = [];
  #names = new Set();

  #add(entry) {
    check(/^[a-z0-9]+(-[a-z0-9]+)*$/.test(entry.name), `input name is not kebab-case: ${entry.name}`);
    check(!this.#names.has(entry.name), `duplicate input name: ${entry.name}`);
    this.#names.add(entry.name);
    this.entries.push(entry);
  }

  /** A valid UTF-8 input. */
  text(name, text) {
    check(text.isWellFormed(), `${name}: text has a lone surrogate`);
    this.#add({ name, text, bytes: utf8(text) });
  }

  /** An invalid UTF-8 input. Parts are strings (UTF-8 encoded), bytes or byte arrays. */
  bytes(name, ...parts) {
    const bytes = Uint8Array.from(
      parts.flatMap((part) => (typeof part === 'string' ? [...utf8(part)] : [part].flat())),
    );
    let valid = true;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      valid = false;
    }
    check(!valid, `${name}: meant to be invalid UTF-8 but is valid`);
    this.#add({ name, bytes });
  }
}

// Two or more code points of every general category. Zl and Zp have only one
// member each (U+2028, U+2029). Cs cannot occur in UTF-8: the encoded
// surrogates are among the invalid inputs. Every sample was assigned by
// Unicode 14 at the latest, and each one's category is checked below.
const CATEGORY_SAMPLES = [
  ['Lu', [0x51, 0xc9, 0x416]],
  ['Ll', [0x71, 0xdf, 0x444]],
  ['Lt', [0x1c5, 0x1f88]],
  ['Lm', [0x2b0, 0x3005, 0xff70]],
  ['Lo', [0x5d0, 0x4e2d, 0xe01]],
  ['Mn', [0x301, 0x64b]],
  ['Mc', [0x903, 0x9be]],
  ['Me', [0x20dd, 0x488]],
  ['Nd', [0x37, 0x663, 0xff17]],
  ['Nl', [0x2163, 0x3007]],
  ['No', [0xb2, 0xbd, 0x2460]],
  ['Pc', [0x5f, 0x203f]],
  ['Pd', [0x2d, 0x2014]],
  ['Ps', [0x28, 0x300c]],
  ['Pe', [0x29, 0x300d]],
  ['Pi', [0xab, 0x2018]],
  ['Pf', [0xbb, 0x2019]],
  ['Po', [0x21, 0x3002, 0xbf]],
  ['Sm', [0x2b, 0x2211]],
  ['Sc', [0x24, 0x20ac]],
  ['Sk', [0x5e, 0x60, 0xa8]],
  ['So', [0xa9, 0x2603, 0x1f600]],
  ['Zs', [0x20, 0xa0, 0x2002, 0x3000]],
  ['Zl', [0x2028]],
  ['Zp', [0x2029]],
  ['Cc', [0x01, 0x1b, 0x7f, 0x85]],
  ['Cf', [0xad, 0x200b, 0xfeff, 0xe0001]],
  ['Co', [0xe000, 0xf0000, 0x10fffd]],
  // Unassigned in every Unicode version to date (U+FFFE is a noncharacter).
  ['Cn', [0x378, 0x530, 0xfffe, 0xe0080]],
];

function addCategoryInputs(set) {
  for (const [category, codePoints] of CATEGORY_SAMPLES) {
    const isCategory = new RegExp(`^\\p{gc=${category}}$`, 'u');
    for (const c of codePoints) check(isCategory.test(ch(c)), `U+${hex(c)} is not ${category}`);
    const key = category.toLowerCase();
    const chars = codePoints.map(ch);
    // Alone: two per category are enough; the contexts below use them all.
    for (const c of codePoints.slice(0, 2)) set.text(`gc-${key}-u${hex(c)}-alone`, ch(c));
    // Next to lower, upper and mixed-case letters (o200k splits on case) and digits.
    set.text(`gc-${key}-between-letters-and-digits`, chars.map((c) => `ab${c}cd Ab${c}Cd aB${c}cD 12${c}34`).join(' '));
    // Between spaces, and between a space and a word (the optional one-character prefix of word pieces).
    set.text(`gc-${key}-around-spaces`, `${chars.map((c) => ` ${c}  ${c}word`).join('')} `);
  }
}

function addScriptInputs(set) {
  const samples = {
    'mark-acute-decomposed': 'e\u0301',
    'mark-cafe-decomposed': 'cafe\u0301 cafe\u0301s CAFE\u0301',
    'mark-stacked': 'a\u0308\u0304\u0301 o\u0323\u0302',
    'mark-zalgo': 'Z\u0351\u0360\u0489a\u0334\u0321l\u035cg\u0315o\u0489',
    'mark-precomposed-vs-decomposed': '\u00e9 e\u0301 \u00c9 E\u0301',
    'mark-at-start': '\u0301abc',
    'mark-after-space': ' \u0301x',
    'mark-after-digit': '1\u0301 2\u20dd',
    'mark-after-punctuation': '!\u0301?',
    'greek-polytonic': '\u1f08\u03b8\u1fc6\u03bd\u03b1\u03b9',
    vietnamese: 'Ti\u1ebfng Vi\u1ec7t c\u00f3 d\u1ea5u',
    'hebrew-niqqud': '\u05e9\u05b8\u05c1\u05dc\u05d5\u05b9\u05dd',
    'cjk-chinese': '\u4e2d\u6587\u5206\u8bcd\u6d4b\u8bd5',
    'cjk-chinese-punctuation': '\u4f60\u597d\uff0c\u4e16\u754c\uff01',
    'cjk-japanese-mixed': '\u65e5\u672c\u8a9e\u306e\u30c6\u30ad\u30b9\u30c8\u3068\u30ab\u30bf\u30ab\u30ca\u3001\u3072\u3089\u304c\u306a\u3002',
    'cjk-halfwidth-katakana': '\uff76\uff80\uff76\uff85',
    'cjk-with-latin-and-digits': '\u4e2d\u6587English\u6df7\u5408123\u6587\u5b57',
    'korean-hangul': '\uc548\ub155\ud558\uc138\uc694 \uc138\uacc4',
    'korean-sentence': '\ud55c\uad6d\uc5b4 \ud14d\uc2a4\ud2b8\uc785\ub2c8\ub2e4.',
    'korean-decomposed-jamo': '\u1112\u1161\u11ab\u1100\u1173\u11af',
    arabic: '\u0645\u0631\u062d\u0628\u0627 \u0628\u0627\u0644\u0639\u0627\u0644\u0645',
    'arabic-tashkeel': '\u0645\u064e\u0631\u0652\u062d\u064e\u0628\u064b\u0627',
    'arabic-with-digits': '\u0627\u0644\u0639\u062f\u062f \u0661\u0662\u0663 \u0648 456',
    devanagari: '\u0928\u092e\u0938\u094d\u0924\u0947 \u0926\u0941\u0928\u093f\u092f\u093e',
    'devanagari-sentence': '\u0939\u093f\u0928\u094d\u0926\u0940 \u092e\u0947\u0902 \u0932\u093f\u0916\u093e \u0917\u092f\u093e \u092a\u093e\u0920\u0964',
    thai: '\u0e2a\u0e27\u0e31\u0e2a\u0e14\u0e35\u0e0a\u0e32\u0e27\u0e42\u0e25\u0e01',
    'thai-no-spaces': '\u0e20\u0e32\u0e29\u0e32\u0e44\u0e17\u0e22\u0e44\u0e21\u0e48\u0e21\u0e35\u0e0a\u0e48\u0e2d\u0e07\u0e27\u0e48\u0e32\u0e07',
    cyrillic: '\u041f\u0440\u0438\u0432\u0435\u0442, \u043c\u0438\u0440!',
    'cyrillic-cases': '\u041f\u0420\u0418\u0412\u0415\u0422 \u041c\u0438\u0440 \u043c\u0418\u0420',
    'cyrillic-contraction': "\u0401\u043b\u043a\u0430's \u0401\u041b\u041a\u0410'S",
    greek: '\u0393\u03b5\u03b9\u03ac \u03c3\u03bf\u03c5 \u039a\u03cc\u03c3\u03bc\u03b5',
    'greek-cases-final-sigma': '\u0391\u0392\u0393\u0394 \u03b1\u03b2\u03b3\u03b4 \u03a3\u0391\u03a3 \u03c3\u03b1\u03c2',
    'georgian-armenian': '\u10d2\u10d0\u10db\u10d0\u10e0\u10ef\u10dd\u10d1\u10d0 \u0532\u0561\u0580\u0565\u0582',
    'mixed-scripts-one-word': 'hello\u041f\u0440\u0438\u0432\u0435\u0442\u0393\u03b5\u03b9\u03ac\u4e2d\u6587',
    'latin-diacritics': '\u00dcn\u00efc\u00f6d\u00e9 \u0164\u00eax\u0165 \u0141\u00f3d\u017a',
    'latin-camel-and-acronyms': 'camelCaseWord HTTPServer XMLHttpRequest iPhone ALLCAPS lower',
    'latin-titlecase-digraphs': '\u01c4\u01c5\u01c6 \u01c5ungla \u01c4UNGLA',
  };
  for (const [name, text] of Object.entries(samples)) set.text(`script-${name}`, text);
}

function addEmojiInputs(set) {
  const samples = {
    single: '\u{1f600}',
    run: '\u{1f600}\u{1f603}\u{1f604}',
    'inside-word': 'hi\u{1f600}there',
    'between-spaces': ' \u{1f600} \u{1f600} ',
    'after-letters': 'ok\u{1f44d}',
    'skin-tone': '\u{1f44d}\u{1f3fd}',
    'skin-tones-all': '\u{1f44b}\u{1f3fb}\u{1f44b}\u{1f3fc}\u{1f44b}\u{1f3fd}\u{1f44b}\u{1f3fe}\u{1f44b}\u{1f3ff}',
    'zwj-family': '\u{1f468}\u200d\u{1f469}\u200d\u{1f467}\u200d\u{1f466}',
    'zwj-technologist-skin-tone': '\u{1f9d1}\u{1f3ff}\u200d\u{1f4bb}',
    'zwj-rainbow-flag': '\u{1f3f3}\ufe0f\u200d\u{1f308}',
    'zwj-pirate-flag': '\u{1f3f4}\u200d\u2620\ufe0f',
    'flags-regional-indicators': '\u{1f1fa}\u{1f1f8}\u{1f1ef}\u{1f1f5}\u{1f1e9}\u{1f1ea}',
    'lone-regional-indicator': '\u{1f1fa} x',
    'flag-subdivision-tags': '\u{1f3f4}\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}',
    keycaps: '1\ufe0f\u20e3 #\ufe0f\u20e3 *\ufe0f\u20e3 \u{1f51f}',
    'variation-selectors': '\u2764\ufe0f \u2665 \u2764 \u263a\ufe0e',
  };
  for (const [name, text] of Object.entries(samples)) set.text(`emoji-${name}`, text);
}

/** 're' -> [['re','ll'], ['rE','lu'], ['Re','ul'], ['RE','uu']]: every ASCII case spelling with a name tag. */
function caseSpellings(word) {
  let spellings = [['', '']];
  for (const letter of word) {
    spellings = spellings.flatMap(([text, tag]) => [
      [text + letter.toLowerCase(), `${tag}l`],
      [text + letter.toUpperCase(), `${tag}u`],
    ]);
  }
  return spellings;
}

function addContractionInputs(set) {
  for (const suffix of ['s', 't', 're', 've', 'm', 'll', 'd']) {
    for (const [spelling, tag] of caseSpellings(suffix)) {
      const c = `'${spelling}`;
      const name = `contraction-${suffix}-${tag}`;
      set.text(`${name}-at-start`, c);
      set.text(`${name}-after-letters-and-digits`, `it${c} IT${c} It${c} 1990${c}`);
      set.text(`${name}-followed-by-letters`, `${c}th x${c}th 9${c}th`);
    }
  }
  const extras = {
    // Rust's case-insensitive `s` matches U+017F LATIN SMALL LETTER LONG S.
    'long-s-alone': "'\u017f",
    'long-s-after-letters': "it'\u017f IT'\u017f",
    'long-s-followed-by-letters': "'\u017fth",
    'long-s-after-digits': "7'\u017f",
    // U+212A KELVIN SIGN folds to k; no contraction has a k, so it must not join one.
    'kelvin-after-apostrophe': "'\u212a x'\u212a",
    'kelvin-before-contraction': "\u212a's \u212aELVIN'S",
    'right-single-quote': 'it\u2019s IT\u2019S',
    'double-apostrophe': "''s it''ll",
    'apostrophes-only': "' '' '''",
    'after-space': " 's 'll 'D",
    'after-newline': "\n's\n'LL",
    'chained': "'s'll'd y'all'd've",
    'common-words': "don't can't won't shouldn't've I'm I'M i'M you're YOU'RE",
    'inside-words': "rock'n'roll o'clock O'Neill",
    'before-digits': "'12 '99s",
    'after-punctuation': "!'s ?'T",
  };
  for (const [name, text] of Object.entries(extras)) set.text(`contraction-${name}`, text);
}

function addDigitInputs(set) {
  const digits = '31415926535897932384';
  for (let n = 1; n <= 20; n++) set.text(`digits-run-${n}`, digits.slice(0, n));
  for (const n of [1, 2, 3, 4, 5, 7, 10]) set.text(`digits-run-${n}-after-space`, ` ${digits.slice(0, n)}`);
  set.text('digits-run-20-zeros', '0'.repeat(20));
  const samples = {
    'mixed-abc123def': 'abc123def',
    'mixed-1a2b3c': '1a2b3c',
    'mixed-growing': 'a1b22c333d4444e55555f',
    'mixed-identifiers': 'x86_64 utf8 H2O COVID19 3D',
    ordinals: '1st 2nd 3rd 21st 102nd',
    'hex-literals': '0x1F 0xDEADBEEF 0b1010',
    scientific: '1e10 1.5e-7 -3E+8',
    version: 'v1.2.3 1.0.0-rc.1',
    'arabic-indic': '\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669',
    'extended-arabic-indic': '\u06f0\u06f1\u06f2\u06f3\u06f4\u06f5\u06f6\u06f7\u06f8\u06f9',
    devanagari: '\u0966\u0967\u0968\u0969\u096a\u096b\u096c\u096d\u096e\u096f',
    fullwidth: '\uff10\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18\uff19',
    'thai-digits': '\u0e51\u0e52\u0e53 \u0e54\u0e55',
    'mixed-scripts': '12\u0663\u0664\u0965\u096656',
    'thousands-comma': '1,234,567',
    'thousands-dot-decimal-comma': '1.234.567,89',
    'decimal-point': '3.14159 0.5 .5',
    'thousands-nbsp': '1\u00a0000\u00a0000',
    'thousands-narrow-nbsp': '1\u202f000\u202f000',
    'thousands-apostrophe': "1'000'000",
    'thousands-underscore': '1_000_000',
    signs: '-42 +1 \u22127',
    money: '$1,000.00 \u20ac5 \u00a512',
    percent: '50% 99.9%',
    time: '12:30:45',
    date: '2024-01-15',
    'ip-address': '192.168.0.1',
    phone: '(555) 123-4567',
    fractions: '1/2 3/4 \u00bd',
  };
  for (const [name, text] of Object.entries(samples)) set.text(`digits-${name}`, text);
}

function addWhitespaceInputs(set) {
  for (let n = 1; n <= 20; n++) {
    const spaces = ' '.repeat(n);
    set.text(`spaces-${n}`, spaces);
    set.text(`spaces-${n}-newline`, `${spaces}\n`);
    set.text(`spaces-${n}-before-word`, `${spaces}word`);
    set.text(`spaces-${n}-at-end`, `word${spaces}`);
  }
  const samples = {
    tab: '\t',
    tabs: '\t\t\t',
    'tab-between-letters': 'a\tb',
    'tab-indent': '\tindented',
    'tabs-and-spaces': ' \t \t x',
    crlf: '\r\n',
    'crlf-between-letters': 'a\r\nb',
    'crlf-twice': '\r\n\r\n',
    cr: '\r',
    'cr-between-letters': 'a\rb',
    newline: '\n',
    'newlines-3': '\n\n\n',
    'newlines-3-between-letters': 'a\n\n\nb',
    'spaces-newlines-mix': '  \n  \n  x',
    'space-newline': ' \n',
    'newline-space': '\n ',
    'spaces-around-newline': 'x \n y',
    'newlines-spaces-newline': '\n\n  \n',
    'space-crlf-space': ' \r\n ',
    'vertical-tab-form-feed': 'a\u000b\u000cb',
    'word-space-newline-at-end': 'word \n',
    nbsp: '\u00a0',
    'nbsp-between-letters': 'a\u00a0b',
    'nbsp-after-spaces': '  \u00a0 x',
    'ideographic-space': '\u3000',
    'ideographic-space-between-letters': 'a\u3000b',
    'line-separator': '\u2028',
    'line-separator-between-letters': 'a\u2028b',
    'paragraph-separator-between-letters': 'a\u2029b',
    nel: '\u0085',
    'nel-between-letters': 'a\u0085b',
    'nel-then-newline': 'x\u0085\n',
    bom: '\ufeff',
    'bom-at-start': '\ufeffhello',
    'bom-between-letters': 'a\ufeffb',
    'zero-width-space': '\u200b',
    'zero-width-space-between-letters': 'a\u200bb',
    'ogham-space': 'a\u1680b',
    'unicode-spaces-mix': ' \u00a0\u2002\u3000x',
    'medium-math-space': 'a\u205f b',
  };
  for (const [name, text] of Object.entries(samples)) set.text(`ws-${name}`, text);
}

function addCodeAndMarkupInputs(set) {
  const punctuation = {
    bangs: '!!!',
    ellipsis: '...',
    interrobang: '?!?!',
    dashes: '\u2014\u2013-',
    'double-quotes': '""',
    'single-quotes': "''",
    backticks: '```',
    'slash-slash': '//',
    'slash-star': '/*',
    'star-slash': '*/',
    'block-comment': '/* comment */',
    'line-comment': '// comment',
    shebang: '#!/bin/sh',
    arrows: '-> => <-',
    operators: ':: <<= != && || ++ -- ** //=',
    'slashes-in-word': 'a//b a/b/c',
    'slashes-4': '////',
    'slash-newline': '/\n',
    'punct-slash-newline': '!/\n/',
    'semicolons-newline': ';;\n',
    brackets: '[](){}<>',
    symbols: '@#$%^&*',
    'tilde-backtick-pipe-backslash': '~`|\\',
    separators: '.,;:',
    'rules-markdown': '--- *** ___ ===',
    'punct-then-newlines': '.\n\n',
    'space-punct-crlf': ' ?\r\n',
  };
  for (const [name, text] of Object.entries(punctuation)) set.text(`punct-${name}`, text);

  const code = {
    cpp:
      '#include <vector>\n\nint main() {\n    std::vector<int> v{1, 2, 3};\n' +
      '    for (auto& x : v) x *= 2; // double\n    return 0;\n}\n',
    python:
      'def f(x):\n    """Docstring."""\n    if x > 0:\n        return x ** 2\n    return None\n\nprint(f(3))\n',
    json: '{"name": "tokprof", "version": 1, "tags": ["a", "b"], "nested": {"k": null, "t": true}}',
    'json-pretty': '{\n  "a": [\n    1,\n    2\n  ],\n  "b": "x\\ny"\n}\n',
    html:
      '<!DOCTYPE html>\n<html><head><title>T</title></head>\n' +
      '<body><p class="x">Hello &amp; bye</p></body></html>',
    shell:
      '#!/usr/bin/env bash\nset -euo pipefail\nfor f in *.txt; do\n' +
      '  echo "$f" | grep -c \'x\' >> out.log 2>&1\ndone\n',
    'tab-indented': '\t\tif (x) {\n\t\t\treturn;\n\t\t}',
    url: 'https://example.com/path/to/page?query=1&b=two#frag',
    'url-localhost': 'http://localhost:8080/',
    'url-mailto-file': 'mailto:someone@example.org file:///etc/hosts',
    'url-bare': 'www.example.co.uk/a_b-c',
    'markdown-table': '| a | b |\n|---|---|\n| 1 | 2 |\n',
    'markdown-list': '- item one\n- item two\n  - nested\n1. first\n2. second\n',
    'markdown-emphasis': '# Title\n\n**bold** _it_ `code`\n\n> quote\n',
    latex:
      '\\begin{equation}\n  E = mc^2 \\quad \\int_0^\\infty e^{-x^2}\\,dx = ' +
      '\\frac{\\sqrt{\\pi}}{2}\n\\end{equation}',
  };
  for (const [name, text] of Object.entries(code)) set.text(`code-${name}`, text);
}

function addLongInputs(set) {
  const random = seededRandom(0x70c9f0f);
  set.text('long-a-1000', 'a'.repeat(1000));
  set.text('long-a-5000', 'a'.repeat(5000));
  let mixedCase = '';
  for (let i = 0; i < 3000; i++) {
    const letter = String.fromCharCode(0x61 + (random() % 26));
    mixedCase += random() % 2 ? letter.toUpperCase() : letter;
  }
  set.text('long-mixed-case-word-3000', mixedCase);
  set.text('long-cjk-2000', '\u4e2d'.repeat(2000));
  const randomBytes = Buffer.from(Array.from({ length: 2250 }, () => random() & 0xff));
  set.text('long-base64-3000', randomBytes.toString('base64'));
  set.text('long-spaces-1000', ' '.repeat(1000));
  set.text('long-newlines-500', '\n'.repeat(500));
  set.text('long-digits-1000', '1234567890'.repeat(100));
  set.text('long-bangs-1000', '!'.repeat(1000));
  set.text('long-emoji-500', '\u{1f600}'.repeat(500));
}

function addSpecialTokenInputs(set) {
  const tokens = [
    'endoftext', 'fim_prefix', 'fim_middle', 'fim_suffix', 'endofprompt', 'startoftext', 'start', 'end',
    'message', 'channel', 'return', 'call', 'constrain', 'reserved_200000', 'reserved_200018', 'reserved_201087',
  ];
  for (const token of tokens) set.text(`special-${token.replace(/_/g, '-')}`, `<|${token}|>`);
  const samples = {
    'inside-word': 'hello<|endoftext|>world',
    'between-spaces': ' <|endoftext|> ',
    'twice-adjacent': '<|endoftext|><|endoftext|>',
    'between-newlines': '\n<|endoftext|>\n',
    'after-spaces': 'x  <|endoftext|>',
    'before-contraction': "<|endoftext|>'s",
    'fim-sequence': '<|fim_prefix|>def f():<|fim_suffix|>\n    return 1<|fim_middle|>',
    'harmony-chat':
      '<|start|>system<|message|>You are helpful.<|end|><|start|>user<|message|>hi<|end|>' +
      '<|start|>assistant<|channel|>final<|message|>Hello!<|return|>',
    'endofprompt-in-text': 'question<|endofprompt|>answer',
    'partial-no-close': '<|endoftext',
    'partial-no-open': 'endoftext|>',
    'partial-no-gt': '<|endoftext|',
    'with-inner-space': '<|endoftext |>',
    uppercase: '<|ENDOFTEXT|>',
    nested: '<|<|endoftext|>|>',
    empty: '<||>',
    'reserved-out-of-range': '<|reserved_201088|> <|reserved_199999|>',
  };
  for (const [name, text] of Object.entries(samples)) set.text(`special-${name}`, text);
}

function addByteInputs(set) {
  set.text('empty', '');
  set.text('ascii-all-bytes-00-7f', String.fromCharCode(...Array.from({ length: 0x80 }, (_, i) => i)));
  set.text('latin1-all-u0080-u00ff', String.fromCharCode(...Array.from({ length: 0x80 }, (_, i) => 0x80 + i)));
}

// Letters and digits that Unicode 14, 15, 15.1 and 16 added: they show which
// Unicode tables the reference's \p{L} and \p{N} follow. Code points from
// Unicode 17 are left out on purpose (see README.md).
const UNICODE_PROBES = [
  { version: '14', codePoint: 0x0870, what: 'arabic-letter', kind: 'L' },
  { version: '14', codePoint: 0x1e290, what: 'toto-letter', kind: 'L' },
  { version: '15', codePoint: 0x11f04, what: 'kawi-letter', kind: 'L' },
  { version: '15', codePoint: 0x1e4d0, what: 'nag-mundari-letter', kind: 'L' },
  { version: '15', codePoint: 0x11f50, what: 'kawi-digit', kind: 'N' },
  { version: '15-1', codePoint: 0x2ebf0, what: 'cjk-ext-i', kind: 'L' },
  { version: '16', codePoint: 0x10d4a, what: 'garay-letter', kind: 'L' },
  { version: '16', codePoint: 0x16100, what: 'gurung-khema-letter', kind: 'L' },
  { version: '16', codePoint: 0x16130, what: 'gurung-khema-digit', kind: 'N' },
];

function addUnicodeVersionInputs(set) {
  for (const { version, codePoint, what, kind } of UNICODE_PROBES) {
    const c = ch(codePoint);
    check(new RegExp(`^\\p{${kind}}$`, 'u').test(c), `U+${hex(codePoint)} is not \\p{${kind}}`);
    const name = `unicode-${version}-u${hex(codePoint)}-${what}`;
    set.text(`${name}-in-word`, ` a${c}b`);
    set.text(`${name}-after-digit`, `1${c}`);
  }
}

function addInvalidUtf8Inputs(set) {
  const b = (name, ...parts) => set.bytes(`invalid-${name}`, ...parts);
  // Lone continuation bytes.
  b('continuation-80', 0x80);
  b('continuation-bf', 0xbf);
  b('continuation-between-letters', 'a', 0x80, 'b');
  b('continuation-run', 0x80, 0x80, 0x80);
  b('continuation-between-spaces', ' ', 0x80, ' ');
  b('stray-continuation-after-valid', 0xc3, 0xa9, 0xa9);
  // Truncated sequences: the lead byte is invalid alone, what follows is re-examined.
  b('truncated-2-at-end', 'ab', 0xc3);
  b('truncated-2-in-middle', 'a', 0xc3, 'b');
  b('truncated-2-alone', 0xc3);
  b('truncated-2-before-paren', 0xc3, 0x28);
  b('truncated-3-at-end', 'a', 0xe2, 0x82);
  b('truncated-3-in-middle', 0xe2, 0x82, 'a');
  b('truncated-3-lead-only', 'x', 0xe2, 'y');
  b('truncated-3-bad-third', 0xe2, 0x28, 0xa1);
  b('truncated-4-at-end', 'x', 0xf0, 0x9f, 0x98);
  b('truncated-4-in-middle', 0xf0, 0x9f, 0x98, 'x');
  b('truncated-4-two-bytes', 0xf0, 0x9f);
  b('truncated-emoji-after-emoji', '\u{1f600}', 0xf0, 0x9f, 0x98);
  // Overlong encodings.
  b('overlong-c0-80', 0xc0, 0x80);
  b('overlong-c1-bf', 0xc1, 0xbf);
  b('overlong-e0-80-80', 0xe0, 0x80, 0x80);
  b('overlong-e0-9f-bf', 0xe0, 0x9f, 0xbf);
  b('overlong-e0-80-af', 0xe0, 0x80, 0xaf);
  b('overlong-f0-80-80-80', 0xf0, 0x80, 0x80, 0x80);
  b('overlong-f0-8f-bf-bf', 0xf0, 0x8f, 0xbf, 0xbf);
  b('overlong-slash-between-letters', 'a', 0xc0, 0xaf, 'b');
  // Encoded surrogates and code points past U+10FFFF.
  b('surrogate-ed-a0-80', 0xed, 0xa0, 0x80);
  b('surrogate-ed-bf-bf', 0xed, 0xbf, 0xbf);
  b('surrogate-pair-cesu', 0xed, 0xa0, 0xbd, 0xed, 0xb8, 0x80);
  b('surrogate-between-letters', 'x', 0xed, 0xa0, 0x80, 'y');
  b('above-max-f4-90-80-80', 0xf4, 0x90, 0x80, 0x80);
  // Bytes that never occur in UTF-8.
  for (const byte of [0xf5, 0xf8, 0xfe, 0xff]) b(`byte-${byte.toString(16)}-alone`, byte);
  b('bytes-f5-ff-together', ...Array.from({ length: 11 }, (_, i) => 0xf5 + i));
  b('all-bytes-80-ff', ...Array.from({ length: 0x80 }, (_, i) => 0x80 + i));
  // 0xFF in every kind of neighbourhood the split patterns care about.
  b('ff-between-letters', 'ab', 0xff, 'cd');
  b('ff-between-cased-letters', 'ABC', 0xff, 'def');
  b('ff-before-cased-letters', 0xff, 'ABCdef');
  b('ff-between-spaces', ' ', 0xff, ' ');
  b('ff-between-space-runs', '  ', 0xff, '  x');
  b('ff-after-space-before-letters', ' ', 0xff, 'abc');
  b('ff-before-digits', 0xff, '123');
  b('ff-between-digits', '12', 0xff, '34');
  b('ff-after-apostrophe', "'", 0xff, 's');
  b('ff-after-apostrophe-in-word', "it'", 0xff, 's');
  b('ff-before-contraction', 'it', 0xff, "'s");
  b('ff-before-newline', 0xff, '\n');
  b('ff-after-newline', '\n', 0xff);
  b('ff-between-cr-and-lf', '\r', 0xff, '\n');
  b('ff-before-slash', 0xff, '/');
  b('ff-before-slash-newline', 'a', 0xff, '/\n');
  b('ff-between-punctuation', '!', 0xff, '!');
  b('ff-before-space', 0xff, ' ');
  b('ff-at-end', 'word', 0xff);
  b('ff-at-start', 0xff, 'word');
  b('ff-after-trailing-space', 'a ', 0xff);
  b('ff-before-combining-mark', 0xff, '\u0301');
  b('ff-run', 0xff, 0xff, 0xff);
  // Invalid bytes inside CJK runs and next to emoji and special tokens.
  b('ff-inside-cjk', '\u4e2d', 0xff, '\u6587');
  b('truncated-cjk-inside-cjk', '\u4e2d\u6587', 0xe4, 0xb8, '\u4e2d');
  b('truncated-cjk-at-end', '\u4e2d\u6587', 0xe4);
  b('ff-before-emoji', 0xff, '\u{1f600}');
  b('ff-after-special-token', '<|endoftext|>', 0xff);
  b('ff-before-special-token', 0xff, '<|endoftext|>');
  b('ff-inside-special-token', '<|endof', 0xff, 'text|>');
  b('ff-after-e-acute', '\u00e9', 0xff);
}

function buildInputs() {
  const set = new InputSet();
  addByteInputs(set);
  addCategoryInputs(set);
  addScriptInputs(set);
  addEmojiInputs(set);
  addContractionInputs(set);
  addDigitInputs(set);
  addWhitespaceInputs(set);
  addCodeAndMarkupInputs(set);
  addLongInputs(set);
  addSpecialTokenInputs(set);
  addUnicodeVersionInputs(set);
  addInvalidUtf8Inputs(set);
  return set.entries;
}

// ===========================================================================
// 2. The references
// ===========================================================================

// The split patterns, quoted exactly as the reference ships them. A new
// reference version with other patterns must be looked at by a person.
const PATTERNS = {
  r50k: String.raw`'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+`,
  cl100k: String.raw`(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+`,
  o200k: [
    String.raw`[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?`,
    String.raw`[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?`,
    String.raw`\p{N}{1,3}`,
    String.raw` ?[^\s\p{L}\p{N}]+[\r\n/]*`,
    String.raw`\s*[\r\n]+`,
    String.raw`\s+(?!\S)`,
    String.raw`\s+`,
  ].join('|'),
};

// SHA-256 of OpenAI's published rank files (the same hashes tiktoken checks
// when it downloads them). gpt-tokenizer ships byte-identical copies.
const RANK_FILES = {
  r50k_base: '306cd27f03c1a714eca7108e03d66b7dc042abe8c258b44c199a7ed9838dd930',
  p50k_base: '94b5ca7dff4d00767bc256fdd1b27e5b17361d7b8a5f968547f9f23eb70d2069',
  cl100k_base: '223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7',
  o200k_base: '446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d',
};

/** The special tokens of o200k_harmony, built as tiktoken's openai_public.py builds them. */
function harmonySpecialTokens(o200kSpecials) {
  const specials = {
    ...o200kSpecials,
    '<|startoftext|>': 199998,
    '<|endoftext|>': 199999,
    '<|reserved_200000|>': 200000,
    '<|reserved_200001|>': 200001,
    '<|return|>': 200002,
    '<|constrain|>': 200003,
    '<|reserved_200004|>': 200004,
    '<|channel|>': 200005,
    '<|start|>': 200006,
    '<|end|>': 200007,
    '<|message|>': 200008,
    '<|reserved_200009|>': 200009,
    '<|reserved_200010|>': 200010,
    '<|reserved_200011|>': 200011,
    '<|call|>': 200012,
  };
  for (let i = 200013; i <= 201087; i++) specials[`<|reserved_${i}|>`] = i;
  return specials;
}

function installOracles() {
  const result = spawnSync('bash', [join(REPO, 'scripts', 'setup-oracles.sh')], {
    stdio: 'inherit',
    env: { ...process.env, TOKPROF_ORACLES: ORACLES },
  });
  check(result.status === 0, 'scripts/setup-oracles.sh failed');
}

const oracleFile = (...parts) => join(ORACLES, ...parts);
const packageVersion = (name) => JSON.parse(readFileSync(oracleFile(name, 'package.json'), 'utf8')).version;

/** Reads a .tiktoken file ("<base64 token> <rank>" lines) into rank lookups keyed by latin1 byte strings. */
function loadRankFile(name) {
  const file = oracleFile('gpt-tokenizer', 'data', `${name}.tiktoken`);
  const content = readFileSync(file);
  const digest = createHash('sha256').update(content).digest('hex');
  check(digest === RANK_FILES[name], `${file}: SHA-256 ${digest} is not OpenAI's ${RANK_FILES[name]}`);
  const rankOf = new Map();
  const bytesOf = []; // indexed by rank; p50k_base has a hole at 50256, where <|endoftext|> goes
  const lines = content.toString('ascii').split('\n');
  lines.forEach((line, index) => {
    if (line === '' && index === lines.length - 1) return;
    const [token, rankText] = line.split(' ');
    const rank = Number(rankText);
    const bytes = Buffer.from(token, 'base64').toString('latin1');
    const where = `${file}:${index + 1}`;
    check(Number.isInteger(rank) && rank >= bytesOf.length, `${where}: ranks must be integers in increasing order`);
    check(!rankOf.has(bytes), `${where}: token listed twice`);
    rankOf.set(bytes, rank);
    bytesOf[rank] = bytes;
  });
  return { rankOf, bytesOf };
}

/**
 * Everything known about one encoding: the tiktoken reference, the pattern,
 * the special tokens and the rank tables that the educational oracle uses.
 */
function loadEncodings() {
  const tiktoken = require(oracleFile('tiktoken', 'tiktoken.cjs'));
  const lite = require(oracleFile('tiktoken', 'lite', 'tiktoken.cjs'));
  const encoderJson = (name) => JSON.parse(readFileSync(oracleFile('tiktoken', 'encoders', `${name}.json`), 'utf8'));
  const rankFiles = new Map();
  const ranksFor = (file) => rankFiles.get(file) ?? rankFiles.set(file, loadRankFile(file)).get(file);

  const definitions = {
    r50k_base: { rankFile: 'r50k_base', pattern: PATTERNS.r50k },
    p50k_base: { rankFile: 'p50k_base', pattern: PATTERNS.r50k },
    p50k_edit: { rankFile: 'p50k_base', pattern: PATTERNS.r50k },
    cl100k_base: { rankFile: 'cl100k_base', pattern: PATTERNS.cl100k },
    o200k_base: { rankFile: 'o200k_base', pattern: PATTERNS.o200k },
    o200k_harmony: { rankFile: 'o200k_base', pattern: PATTERNS.o200k },
  };
  const encodings = [];
  for (const name of ENCODINGS) {
    const { rankFile, pattern } = definitions[name];
    let reference;
    let specials;
    if (name === 'o200k_harmony') {
      // tiktoken 1.0.22 has no o200k_harmony, so build it from o200k_base's data.
      const base = encoderJson('o200k_base');
      specials = harmonySpecialTokens(base.special_tokens);
      reference = new lite.Tiktoken(base.bpe_ranks, specials, base.pat_str);
      check(base.pat_str === pattern, 'tiktoken ships another o200k_base pattern than the one quoted here');
    } else {
      const json = encoderJson(name);
      specials = json.special_tokens;
      reference = tiktoken.get_encoding(name);
      check(json.pat_str === pattern, `tiktoken ships another ${name} pattern than the one quoted here`);
    }
    encodings.push({ name, pattern, specials: new Map(Object.entries(specials)), reference, ...ranksFor(rankFile) });
  }
  return encodings;
}

/** The educational oracle must see exactly the vocabulary that the reference uses. */
function checkRanksMatchReference(encoding) {
  const { name, reference, rankOf } = encoding;
  for (const [bytes, rank] of rankOf) {
    const fromReference = Buffer.from(reference.decode_single_token_bytes(rank)).toString('latin1');
    check(fromReference === bytes, `${name}: rank ${rank} differs between the rank file and tiktoken`);
  }
  for (const [text, id] of encoding.specials) {
    check(!encoding.bytesOf[id], `${name}: special token ${text} collides with ordinary rank ${id}`);
  }
}

function loadNativeReference() {
  const native = require(oracleFile('tiktoken-rs-node-linux-x64-gnu'));
  return new Map(['cl100k_base', 'o200k_base'].map((name) => [name, native.getEncoding(name)]));
}

// ===========================================================================
// 3. The educational oracle (used for invalid UTF-8)
// ===========================================================================

// Rust's `\s` is Unicode White_Space. JS's `\s` also matches U+FEFF, so the
// class is spelled out here (and compared with \p{White_Space} below).
const WHITE_SPACE = String.raw`\t\n\x0B\f\r \x85\xA0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000`;

// Invalid bytes become U+10FF00 + byte while splitting. These are private-use
// and noncharacter code points of plane 16 (Co/Cn): no class in the patterns
// (letter, number, mark, white space, \r, \n) contains them.
const STAND_IN_BASE = 0x10ff00;

/** Every code point that matches `letter` case-insensitively under simple case folding (s: s, S, U+017F). */
function caseFoldClass(letter) {
  const matches = new RegExp(`^${letter}$`, 'iu');
  const members = [];
  for (let c = 0; c <= 0x10ffff; c++) {
    if ((c < 0xd800 || c > 0xdfff) && matches.test(ch(c))) members.push(ch(c));
  }
  return `[${members.join('')}]`;
}

/**
 * Turns a tiktoken pattern (Rust fancy-regex syntax) into a JS RegExp that
 * splits the same way:
 *   - Node 20 has no inline `(?i:...)` group. Each ASCII letter inside one is
 *     expanded into its case-fold class, the same simple case folding that
 *     Rust's regex uses, so `'s` also matches `'ſ`.
 *   - `\s`/`\S` become the explicit White_Space class, inside and outside
 *     brackets.
 * Everything else (`\p{..}`, `(?!..)`, `{1,3}`) means the same in both.
 */
function translatePattern(pattern) {
  const foldClasses = new Map();
  const fold = (letter) => foldClasses.get(letter) ?? foldClasses.set(letter, caseFoldClass(letter)).get(letter);
  let translated = pattern.replace(/\(\?i:([^()]*)\)/g, (_, body) => {
    const expanded = [...body].map((c) => (/[a-z]/.test(c) ? fold(c) : c)).join('');
    return `(?:${expanded})`;
  });
  check(!translated.includes('(?i'), 'pattern has a case-insensitive group that was not expanded');

  let out = '';
  let inClass = false;
  for (let i = 0; i < translated.length; i++) {
    const c = translated[i];
    if (c === '\\') {
      const escaped = translated[++i];
      if (escaped === 's') out += inClass ? WHITE_SPACE : `[${WHITE_SPACE}]`;
      else if (escaped === 'S') {
        check(!inClass, 'cannot translate \\S inside a character class');
        out += `[^${WHITE_SPACE}]`;
      } else out += `\\${escaped}`;
      continue;
    }
    if (c === '[') {
      check(!inClass, 'nested character classes are not supported');
      inClass = true;
    } else if (c === ']') {
      inClass = false;
    }
    out += c;
  }
  return new RegExp(out, 'gu');
}

/**
 * Length of the well-formed UTF-8 sequence at bytes[i] (Unicode Standard,
 * Table 3-7), or 0 if the byte there does not start one. Overlong forms,
 * surrogates, code points past U+10FFFF and truncated sequences all give 0.
 */
function validSequenceLength(bytes, i) {
  const lead = bytes[i];
  if (lead <= 0x7f) return 1;
  let length;
  let secondMin = 0x80;
  let secondMax = 0xbf;
  if (lead >= 0xc2 && lead <= 0xdf) length = 2;
  else if (lead === 0xe0) [length, secondMin] = [3, 0xa0];
  else if (lead === 0xed) [length, secondMax] = [3, 0x9f];
  else if (lead >= 0xe1 && lead <= 0xef) length = 3;
  else if (lead === 0xf0) [length, secondMin] = [4, 0x90];
  else if (lead === 0xf4) [length, secondMax] = [4, 0x8f];
  else if (lead >= 0xf1 && lead <= 0xf3) length = 4;
  else return 0; // 80..C1 and F5..FF never start a sequence
  if (i + length > bytes.length) return 0;
  if (bytes[i + 1] < secondMin || bytes[i + 1] > secondMax) return 0;
  for (let k = 2; k < length; k++) if (bytes[i + k] < 0x80 || bytes[i + k] > 0xbf) return 0;
  return length;
}

/** The code point of the well-formed sequence of `length` bytes at bytes[i]. */
function decodeSequence(bytes, i, length) {
  if (length === 1) return bytes[i];
  let codePoint = bytes[i] & (0x7f >> length); // payload bits of the lead byte
  for (let k = 1; k < length; k++) codePoint = (codePoint << 6) | (bytes[i + k] & 0x3f);
  return codePoint;
}

/**
 * Decodes bytes to a JS string in which each invalid byte is one stand-in
 * character, and remembers for every UTF-16 offset where it starts in the
 * bytes, so that any piece can be mapped back to its original bytes.
 */
function decodeWithStandIns(bytes) {
  let text = '';
  const byteOffsetAt = [];
  for (let i = 0; i < bytes.length; ) {
    const length = validSequenceLength(bytes, i);
    const c = ch(length ? decodeSequence(bytes, i, length) : STAND_IN_BASE + bytes[i]);
    for (let unit = 0; unit < c.length; unit++) byteOffsetAt.push(i);
    text += c;
    i += length || 1;
  }
  byteOffsetAt.push(bytes.length);
  return { text, byteOffsetAt };
}

/**
 * Plain rank-based byte-pair merge: repeatedly merge the adjacent pair whose
 * concatenation has the lowest rank (leftmost on ties) until no pair is in the
 * vocabulary. `piece` is a latin1 string, one char per byte.
 */
function bytePairEncode(piece, rankOf) {
  const whole = rankOf.get(piece);
  if (whole !== undefined) return [whole];
  const parts = [...piece];
  // pairRanks[i] is the rank of parts[i] + parts[i + 1] (Infinity if that is
  // no token, and for the last part). A merge changes only its neighbours'
  // entries, which keeps 5000-byte pieces fast without changing the rule.
  const pairRank = (i) => (i + 1 < parts.length ? (rankOf.get(parts[i] + parts[i + 1]) ?? Infinity) : Infinity);
  const pairRanks = parts.map((_, i) => pairRank(i));
  for (;;) {
    let best = -1;
    let bestRank = Infinity;
    for (let i = 0; i < pairRanks.length; i++) {
      if (pairRanks[i] < bestRank) [best, bestRank] = [i, pairRanks[i]];
    }
    if (best < 0) break;
    parts.splice(best, 2, parts[best] + parts[best + 1]);
    pairRanks.splice(best, 1);
    pairRanks[best] = pairRank(best);
    if (best > 0) pairRanks[best - 1] = pairRank(best - 1);
  }
  return parts.map((part) => rankOf.get(part));
}

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

class EducationalTokenizer {
  #splitter;
  #specialFinder;
  #cache = new Map();

  constructor({ pattern, specials, rankOf }) {
    this.rankOf = rankOf;
    this.specials = specials;
    this.#splitter = translatePattern(pattern);
    // tiktoken joins the special tokens into one alternation whose order is a
    // hash map's. That order cannot matter as long as no special token is a
    // prefix of another, so insist on it.
    const texts = [...specials.keys()];
    for (const a of texts) for (const b of texts) check(a === b || !b.startsWith(a), `${a} is a prefix of ${b}`);
    this.#specialFinder = new RegExp(texts.map(escapeRegExp).join('|'), 'g');
  }

  /** ids of `bytes`; with `allowSpecial`, special-token text becomes the special token. */
  encode(bytes, allowSpecial) {
    const decoded = decodeWithStandIns(bytes);
    const ids = [];
    let start = 0;
    if (allowSpecial) {
      for (const match of decoded.text.matchAll(this.#specialFinder)) {
        this.#encodeOrdinary(bytes, decoded, start, match.index, ids);
        ids.push(this.specials.get(match[0]));
        start = match.index + match[0].length;
      }
    }
    this.#encodeOrdinary(bytes, decoded, start, decoded.text.length, ids);
    return ids;
  }

  /**
   * Splits text[start, end) on its own, as tiktoken does between special
   * tokens (so `(?!\S)` sees the end of the slice), and byte-pair encodes each
   * piece on its original bytes.
   */
  #encodeOrdinary(bytes, { text, byteOffsetAt }, start, end, ids) {
    const slice = text.slice(start, end);
    let expected = 0;
    for (const match of slice.matchAll(this.#splitter)) {
      check(match.index === expected && match[0].length > 0, 'the split pattern skipped a character');
      expected = match.index + match[0].length;
      const from = byteOffsetAt[start + match.index];
      const to = byteOffsetAt[start + expected];
      const piece = Buffer.from(bytes.subarray(from, to)).toString('latin1');
      let pieceIds = this.#cache.get(piece);
      if (!pieceIds) this.#cache.set(piece, (pieceIds = bytePairEncode(piece, this.rankOf)));
      ids.push(...pieceIds);
    }
    check(expected === slice.length, 'the split pattern did not reach the end of the text');
  }
}

/** The explicit White_Space class must equal JS's \p{White_Space}, code point by code point. */
function checkWhiteSpaceClass() {
  const ours = new RegExp(`^[${WHITE_SPACE}]$`, 'u');
  const unicode = /^\p{White_Space}$/u;
  for (let c = 0; c <= 0x10ffff; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    check(ours.test(ch(c)) === unicode.test(ch(c)), `White_Space class disagrees on U+${hex(c)}`);
  }
}

/**
 * validSequenceLength and decodeSequence must agree with a strict decoder
 * (TextDecoder with fatal) on every lead and second byte, with the usual
 * continuation and non-continuation bytes after them.
 */
function checkUtf8Decoder() {
  const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const strictDecode = (bytes) => {
    try {
      return strict.decode(bytes);
    } catch {
      return undefined;
    }
  };
  const tails = [0x41, 0x80, 0xbf];
  for (let lead = 0; lead <= 0xff; lead++) {
    // Only leads of 3- and 4-byte sequences look at the third and fourth byte.
    const thirds = lead >= 0xe0 ? tails : [0x80];
    const fourths = lead >= 0xf0 ? tails : [0x80];
    for (let second = 0; second <= 0xff; second++) {
      for (const third of thirds) {
        for (const fourth of fourths) {
          const bytes = Uint8Array.of(lead, second, third, fourth);
          const length = validSequenceLength(bytes, 0);
          // The shortest prefix that a strict decoder reads as one character.
          let expected = 0;
          for (let n = 1; n <= 4 && !expected; n++) {
            const text = strictDecode(bytes.subarray(0, n));
            if (text !== undefined && [...text].length === 1) expected = n;
          }
          const where = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(' ');
          check(length === expected, `UTF-8 decoder: ${where}: length ${length}, strict decoder says ${expected}`);
          if (length) {
            const codePoint = strictDecode(bytes.subarray(0, length)).codePointAt(0);
            check(decodeSequence(bytes, 0, length) === codePoint, `UTF-8 decoder: ${where}: wrong code point`);
          }
        }
      }
    }
  }
}

/** The stand-ins must be in no class that the patterns use, and valid text must decode unchanged. */
function checkStandIns(inputs) {
  const anyClass = new RegExp(`[\\p{L}\\p{N}\\p{M}${WHITE_SPACE}]`, 'u');
  for (let byte = 0x80; byte <= 0xff; byte++) {
    check(!anyClass.test(ch(STAND_IN_BASE + byte)), `stand-in for byte ${byte} is in a pattern class`);
  }
  for (const input of inputs) {
    if (input.text === undefined) continue;
    const decoded = decodeWithStandIns(input.bytes).text;
    check(decoded === input.text, `${input.name}: UTF-8 decoder disagrees with TextDecoder`);
  }
}

/**
 * The oracle classifies characters with Node's Unicode tables (17.0 in Node
 * 20.20), the reference with its own (16.0). So every character of an invalid
 * input must also occur in some valid input, where the oracle's handling of it
 * has been compared with the reference.
 */
function checkInvalidInputsUseKnownCharacters(inputs) {
  const known = new Set(inputs.filter((input) => input.text !== undefined).flatMap((input) => [...input.text]));
  for (const input of inputs) {
    if (input.text !== undefined) continue;
    for (const c of decodeWithStandIns(input.bytes).text) {
      const codePoint = c.codePointAt(0);
      check(codePoint >= STAND_IN_BASE || known.has(c), `${input.name}: U+${hex(codePoint)} occurs in no valid input`);
    }
  }
}

// ===========================================================================
// 4. Running and cross-checking
// ===========================================================================

/** True if decoding `ids` spells out `bytes` exactly (a special id may stand for any of its texts). */
function spells(ids, bytes, { bytesOf, specials }) {
  const input = Buffer.from(bytes).toString('latin1');
  const specialTexts = new Map();
  for (const [text, id] of specials) specialTexts.set(id, [...(specialTexts.get(id) ?? []), text]);
  let offset = 0;
  for (const id of ids) {
    const candidates = bytesOf[id] !== undefined ? [bytesOf[id]] : specialTexts.get(id) ?? [];
    const hit = candidates.find((candidate) => input.startsWith(candidate, offset));
    if (hit === undefined) return false;
    offset += hit.length;
  }
  return offset === input.length;
}

const sameIds = (a, b) => a.length === b.length && a.every((id, i) => id === b[i]);

/** Collects disagreements so that one run reports all of them, not just the first. */
class Mismatches {
  list = [];
  add(encoding, input, what, expected, actual) {
    // Show a few ids around the first difference; long inputs have thousands.
    let at = 0;
    while (at < expected.length && expected[at] === actual[at]) at++;
    const window = (ids) => `${at > 3 ? '... ' : ''}${ids.slice(Math.max(0, at - 3), at + 5).join(',')}`;
    this.list.push(
      `${encoding}/${input}: ${what} differ at id #${at}\n` +
        `    expected ${window(expected)} (${expected.length} ids)\n` +
        `    actual   ${window(actual)} (${actual.length} ids)`,
    );
  }
  failIfAny(title) {
    if (this.list.length === 0) return;
    const shown = this.list.slice(0, 20).join('\n  ');
    fail(`${title}: ${this.list.length} disagreement(s)\n  ${shown}${this.list.length > 20 ? '\n  ...' : ''}`);
  }
}

/** Golden rows for one encoding, with every check that applies to them. */
function goldenRows(encoding, inputs, native) {
  const educational = new EducationalTokenizer(encoding);
  const referenceMismatches = new Mismatches();
  const oracleMismatches = new Mismatches();
  const rows = [];
  for (const input of inputs) {
    const oracleIds = educational.encode(input.bytes, false);
    const oracleIdsSpecial = educational.encode(input.bytes, true);
    let row;
    if (input.text !== undefined) {
      const ids = [...encoding.reference.encode_ordinary(input.text)];
      const idsSpecial = [...encoding.reference.encode(input.text, 'all')];
      if (native) {
        // tiktoken-rs-node's encode() recognises all special tokens.
        const nativeIds = [...native.encode(input.text)];
        if (!sameIds(nativeIds, idsSpecial)) {
          referenceMismatches.add(encoding.name, input.name, 'tiktoken-rs', idsSpecial, nativeIds);
        }
      }
      if (!sameIds(oracleIds, ids)) oracleMismatches.add(encoding.name, input.name, 'educational ids', ids, oracleIds);
      if (!sameIds(oracleIdsSpecial, idsSpecial)) {
        oracleMismatches.add(encoding.name, input.name, 'educational ids_special', idsSpecial, oracleIdsSpecial);
      }
      row = { name: input.name, ids, ids_special: idsSpecial, oracle: 'tiktoken' };
    } else {
      row = { name: input.name, ids: oracleIds, ids_special: oracleIdsSpecial, oracle: 'educational' };
    }
    const where = `${encoding.name}/${input.name}`;
    check(spells(row.ids, input.bytes, encoding), `${where}: ids do not spell the input`);
    check(spells(row.ids_special, input.bytes, encoding), `${where}: ids_special do not spell the input`);
    rows.push(row);
  }
  referenceMismatches.failIfAny(`${encoding.name}: tiktoken (WASM) and tiktoken-rs (native) disagree`);
  oracleMismatches.failIfAny(`${encoding.name}: the educational oracle disagrees with tiktoken and cannot be trusted`);
  return rows;
}

/**
 * Which Unicode version the reference's \p{L}/\p{N} follow. A throwaway
 * Tiktoken with the o200k pattern knows only the 256 single bytes plus one
 * token per probe text. A probe text comes back as that one token exactly
 * when the pattern keeps it in one piece.
 */
function probeReferenceUnicode() {
  const { Tiktoken } = require(oracleFile('tiktoken', 'lite', 'tiktoken.cjs'));
  const probes = [
    ...UNICODE_PROBES,
    { version: '17', codePoint: 0x1e6c0, what: 'tai-yo-letter', kind: 'L' },
    { version: '17', codePoint: 0x11db0, what: 'tolong-siki-letter', kind: 'L' },
  ];
  const texts = probes.map(({ codePoint, kind }) => (kind === 'L' ? ` a${ch(codePoint)}b` : `1${ch(codePoint)}`));
  const lines = Array.from({ length: 256 }, (_, byte) => `${Buffer.from([byte]).toString('base64')} ${byte}`);
  texts.forEach((text, i) => lines.push(`${Buffer.from(utf8(text)).toString('base64')} ${256 + i}`));
  const probe = new Tiktoken(lines.join('\n'), {}, PATTERNS.o200k);
  const results = probes.map((p, i) => {
    const ids = [...probe.encode_ordinary(texts[i])];
    return { ...p, joined: ids.length === 1 && ids[0] === 256 + i };
  });
  probe.free();
  return results;
}

// ===========================================================================
// 5. Output
// ===========================================================================

/** One JSON line, ASCII only: every non-ASCII UTF-16 unit is a \u escape, so no tool can mangle it. */
function jsonLine(value) {
  const escape = (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  return `${JSON.stringify(value).replace(/[\u007f-\uffff]/g, escape)}\n`;
}

function inputLine(input) {
  return input.text !== undefined
    ? jsonLine({ name: input.name, text: input.text })
    : jsonLine({ name: input.name, bytes_b64: Buffer.from(input.bytes).toString('base64') });
}

function main() {
  installOracles();
  const packages = ['tiktoken', 'gpt-tokenizer', 'tokenizers', 'tiktoken-rs-node-linux-x64-gnu'];
  const versions = Object.fromEntries(packages.map((name) => [name, packageVersion(name)]));
  console.log(`gen-golden: oracles in ${ORACLES}: ${JSON.stringify(versions)}`);

  const inputs = buildInputs();
  const invalidCount = inputs.filter((input) => input.text === undefined).length;
  console.log(`gen-golden: ${inputs.length} inputs (${invalidCount} invalid UTF-8)`);
  checkWhiteSpaceClass();
  checkUtf8Decoder();
  checkStandIns(inputs);
  checkInvalidInputsUseKnownCharacters(inputs);

  const encodings = loadEncodings();
  const natives = loadNativeReference();
  const outputs = new Map([['inputs.jsonl', inputs.map(inputLine).join('')]]);
  for (const encoding of encodings) {
    checkRanksMatchReference(encoding);
    const rows = goldenRows(encoding, inputs, natives.get(encoding.name));
    outputs.set(`${encoding.name}.jsonl`, rows.map(jsonLine).join(''));
    const agreeing = natives.has(encoding.name)
      ? 'tiktoken-rs and the educational oracle agree'
      : 'the educational oracle agrees';
    console.log(`gen-golden: ${encoding.name}: ok (${agreeing})`);
  }

  for (const { version, codePoint, kind, joined } of probeReferenceUnicode()) {
    const role = kind === 'L' ? 'letter' : 'digit';
    const verdict = joined ? role : 'neither letter nor digit';
    const label = `Unicode ${version.replace('-', '.')} ${role} U+${hex(codePoint)}`;
    console.log(`gen-golden: ${label}: the reference sees ${verdict}`);
  }

  // <|endofprompt|> and <|reserved_200018|> share id 200018; which text the
  // reference decodes it to is hash-map order, so it is reported, not pinned.
  const harmony = encodings.find((encoding) => encoding.name === 'o200k_harmony').reference;
  console.log(`gen-golden: o200k_harmony decodes 200018 as ${Buffer.from(harmony.decode_single_token_bytes(200018))}`);

  if (!existsSync(OUT_DIR)) mkdirSync(OUT_DIR, { recursive: true });
  for (const [file, content] of outputs) {
    writeFileSync(join(OUT_DIR, file), content);
    console.log(`gen-golden: wrote tests/golden/tokenizer/${file} (${content.length} bytes)`);
  }
}

try {
  main();
} catch (error) {
  if (!(error instanceof GoldenError)) throw error;
  console.error(`gen-golden: error: ${error.message}`);
  process.exit(1);
}
