#!/usr/bin/env node
// gen-golden-hf.mjs: regenerates tests/golden/tokenizer/hf/, the golden
// vectors of tokprof's Hugging Face tokenizer.json support.
//
//   scripts/fetch-tokenizers                 # the tokenizer.json files
//   TOKPROF_ORACLES=/dir/node_modules node scripts/gen-golden-hf.mjs
//
// The reference is the npm package `tokenizers` (Hugging Face's Rust library
// through its Node binding; 0.23.2 when these files were made), loading the
// same tokenizer.json files tokprof reads, from the same cache directory.
//
// 1. For every input of tests/golden/tokenizer/inputs.jsonl that has a
//    "text" (inputs given as bytes_b64 are skipped: the binding takes only
//    strings), writes hf/<tokenizer>.jsonl lines {"name","ids"}: the ids of
//    encode(text, {addSpecialTokens: false}), special tokens recognised
//    (tokprof's Specials::recognise). When treating special tokens as text
//    (tokprof's default, Specials::as_text) gives other ids, the line also
//    has "ids_as_text": they come from the same tokenizer.json with the
//    content of every special added token made unmatchable (removing them
//    instead would renumber the added tokens after them: the library
//    assigns added-token ids by position), which is how tokprof defines
//    as_text: special tokens are not looked for.
// 2. For every answer in ../shared/traces-real (v0.1 text at
//    /choices/0/turns/0/content, v2.0 at /messages/1/content/answer), writes
//    hf/traces-real-<tokenizer>.txt lines "<file>:<line> <count>", the
//    as_text count, in file order.

import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = join(REPO, 'tests', 'golden', 'tokenizer', 'hf');
const INPUTS = join(REPO, 'tests', 'golden', 'tokenizer', 'inputs.jsonl');
const TRACES = resolve(REPO, '..', 'shared', 'traces-real');
const ORACLES = resolve(process.env.TOKPROF_ORACLES ?? join(REPO, 'scripts', 'oracles', 'node_modules'));
const CACHE =
  process.env.TOKPROF_TOKENIZER_DIR ??
  join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'tokprof', 'tokenizers');

const GOLDEN_TOKENIZERS = ['llama3', 'llama3_1', 'qwen3', 'deepseek_v3', 'gemma3', 'claude', 'gptoss', 'llama2'];
const TRACE_TOKENIZERS = ['llama3', 'qwen3', 'deepseek_v3', 'gemma3'];

const require = createRequire(join(ORACLES, 'noop.js'));
const { Tokenizer } = require('tokenizers');

function load(name) {
  const path = join(CACHE, name, 'tokenizer.json');
  if (!existsSync(path)) {
    throw new Error(`${path} is missing: run scripts/fetch-tokenizers ${name}`);
  }
  const json = JSON.parse(readFileSync(path, 'utf8'));
  const recognise = Tokenizer.fromString(JSON.stringify(json));
  for (const token of json.added_tokens) {
    if (token.special) token.content = `\u0000tokprof-unmatchable\u0000${token.content}`;
  }
  const asText = Tokenizer.fromString(JSON.stringify(json));
  return { recognise, asText };
}

async function ids(tokenizer, texts) {
  const encodings = await tokenizer.encodeBatch(texts, { addSpecialTokens: false });
  return encodings.map((encoding) => Array.from(encoding.getIds()));
}

const same = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);

async function goldens() {
  const inputs = readFileSync(INPUTS, 'utf8')
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line))
    .filter((input) => typeof input.text === 'string' && input.text.isWellFormed());
  for (const name of GOLDEN_TOKENIZERS) {
    const { recognise, asText } = load(name);
    const texts = inputs.map((input) => input.text);
    const withSpecials = await ids(recognise, texts);
    const plain = await ids(asText, texts);
    const lines = inputs.map((input, i) => {
      const line = { name: input.name, ids: withSpecials[i] };
      if (!same(withSpecials[i], plain[i])) line.ids_as_text = plain[i];
      return JSON.stringify(line);
    });
    writeFileSync(join(OUT_DIR, `${name}.jsonl`), lines.join('\n') + '\n');
    console.log(`${name}: ${lines.length} inputs`);
  }
}

function traceRecords() {
  const records = [];
  for (const [dir, pick] of [
    ['arena-hard-v0.1', (r) => r.choices[0].turns[0].content],
    ['arena-hard-v2.0', (r) => r.messages[1].content.answer],
  ]) {
    const answers = join(TRACES, dir, 'model_answer');
    for (const file of readdirSync(answers).filter((f) => f.endsWith('.jsonl')).sort()) {
      const lines = readFileSync(join(answers, file), 'utf8').split('\n');
      lines.forEach((line, i) => {
        if (line.trim().length > 0) records.push({ where: `${dir}/model_answer/${file}:${i + 1}`, text: pick(JSON.parse(line)) });
      });
    }
  }
  return records;
}

async function traceCounts() {
  const records = traceRecords();
  for (const name of TRACE_TOKENIZERS) {
    const { recognise, asText } = load(name);
    const texts = records.map((r) => r.text);
    const plain = await ids(asText, texts);
    const withSpecials = await ids(recognise, texts);
    const differ = plain.filter((p, i) => p.length !== withSpecials[i].length).length;
    const lines = records.map((r, i) => `${r.where} ${plain[i].length}`);
    writeFileSync(join(OUT_DIR, `traces-real-${name}.txt`), lines.join('\n') + '\n');
    console.log(`traces-real ${name}: ${records.length} records (${differ} count differently with specials recognised)`);
  }
}

mkdirSync(OUT_DIR, { recursive: true });
await goldens();
await traceCounts();
