// read.mjs reads tagged PDF files with Mozilla's pdf.js, a reader no one
// here wrote (Firefox's), and prints on stdout what it found as one JSON
// array, one entry a file: the document's language, and for each page
// its structure tree with the text each element marks, and its text
// content as pdf.js extracts it. It judges nothing: the Go tests
// (package pdftest) compare what it read with the document model.
//
// Usage: node read.mjs PDFJS_DIR FILE.pdf...
// PDFJS_DIR is the npm prefix pdfjs-dist is installed under.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [dir, ...files] = process.argv.slice(2);
const build = join(dir, "node_modules", "pdfjs-dist", "legacy", "build");
const pdfjs = await import(pathToFileURL(join(build, "pdf.mjs")).href);
pdfjs.GlobalWorkerOptions.workerSrc = pathToFileURL(join(build, "pdf.worker.mjs")).href;

// marked maps each marked-content id of a page ("p12R_mc3") to the text
// pdf.js extracted between its begin and end; artifacts have no id and
// are left out, as a screen reader leaves them.
function marked(items) {
  const text = new Map();
  const open = [];
  for (const it of items) {
    if (it.type === "beginMarkedContentProps" || it.type === "beginMarkedContent") {
      open.push(it.id ?? null);
    } else if (it.type === "endMarkedContent") {
      open.pop();
    } else if (typeof it.str === "string") {
      const id = open.findLast((x) => x !== null);
      if (id !== undefined) text.set(id, (text.get(id) ?? "") + it.str + (it.hasEOL ? " " : ""));
    }
  }
  return text;
}

// node is a structure element as pdf.js gives it, with the text of its
// marked content in place of the ids: {role, lang, alt, text, kids}.
function node(n, text) {
  const out = { role: n.role };
  if (n.lang) out.lang = n.lang;
  if (n.alt) out.alt = n.alt;
  let own = "";
  const kids = [];
  for (const k of n.children ?? []) {
    if (k.type === "content") own += text.get(k.id) ?? "";
    else if (k.role) kids.push(node(k, text));
  }
  if (own) out.text = own;
  if (kids.length) out.kids = kids;
  return out;
}

const result = [];
for (const file of files) {
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(await readFile(file)),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  }).promise;
  const { info } = await doc.getMetadata();
  const pages = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent({ includeMarkedContent: true });
    const text = marked(content.items);
    const tree = await page.getStructTree();
    pages.push({
      tree: tree ? node(tree, text) : null,
      // The page's text runs in drawing order, with the direction pdf.js
      // gives each.
      items: content.items.filter((it) => typeof it.str === "string" && it.str !== "").map((it) => ({ str: it.str, dir: it.dir })),
    });
  }
  result.push({ file, lang: info.Language ?? "", pages });
  await doc.destroy();
}
process.stdout.write(JSON.stringify(result));
