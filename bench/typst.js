#!/usr/bin/env node
// bench/typst.js: a `typst compile` for bench/run where no Typst binary can
// be installed (crates.io and GitHub releases are out of reach on some
// machines, the npm registry is not). It runs the Typst compiler that
// typst.ts builds as a Node module (typst-ts-node-compiler 0.7.0 is Typst
// 0.14.2), installed once with
//
//   npm install --prefix bench/.typst @myriaddreamin/typst-ts-node-compiler@0.7.0
//
// Usage, as bench/run calls it: bench/typst.js compile [--font-path DIR]... IN OUT
'use strict';
const fs = require('fs');
const path = require('path');

const dir = process.env.TYPST_TS_DIR || path.join(__dirname, '.typst');
const args = process.argv.slice(2);
const fonts = [];
const files = [];
for (let i = 1; i < args.length; i++) {
  if (args[i] === '--font-path' && i + 1 < args.length) {
    fonts.push(args[++i]);
  } else {
    files.push(args[i]);
  }
}
if (args[0] !== 'compile' || files.length !== 2) {
  console.error('usage: bench/typst.js compile [--font-path DIR]... IN.typ OUT.pdf');
  process.exit(2);
}
let compiler;
try {
  compiler = require(path.join(dir, 'node_modules', '@myriaddreamin', 'typst-ts-node-compiler'));
} catch (e) {
  console.error(`bench/typst.js: typst.ts is not installed in ${dir}: run npm install --prefix bench/.typst @myriaddreamin/typst-ts-node-compiler@0.7.0`);
  process.exit(2);
}
const input = path.resolve(files[0]);
const c = compiler.NodeCompiler.create({
  workspace: path.dirname(input),
  fontArgs: fonts.length ? [{ fontPaths: fonts }] : [],
});
let pdf;
try {
  pdf = c.pdf({ mainFilePath: input });
} catch (e) {
  console.error(`bench/typst.js: ${input}: ${e.message || e}`);
  process.exit(1);
}
fs.writeFileSync(files[1], pdf);
