// Writes the README's SRI snippet from packages/widget/dist/manifest.json and sri.json (written by the widget build),
// between the `sri:begin` and `sri:end` markers. The snippet pins the versioned (content-hashed) URLs: they never change
// bytes, while the unversioned alias follows each server upgrade and would break a pinned page. test/browser/embed_readme_sri.test.ts fails when the two disagree.
//   node scripts/update-readme-sri.mjs           rewrite README.md
//   node scripts/update-readme-sri.mjs --check   exit 1 when README.md is out of date
import { readFileSync, writeFileSync } from 'node:fs';

const readmeUrl = new URL('../README.md', import.meta.url);
const sriUrl = new URL('../packages/widget/dist/sri.json', import.meta.url);
const manifestUrl = new URL('../packages/widget/dist/manifest.json', import.meta.url);
const ORIGIN = 'https://map.example.go.kr';

let sri;
let manifest;
try {
  sri = JSON.parse(readFileSync(sriUrl, 'utf8'));
  manifest = JSON.parse(readFileSync(manifestUrl, 'utf8'));
} catch {
  process.stderr.write('packages/widget/dist/sri.json is missing: run "npm run build -w @safemap/widget" first\n');
  process.exit(2);
}
const readme = readFileSync(readmeUrl, 'utf8');
const block = /(<!-- sri:begin[^\n]*-->\n)[\s\S]*?(<!-- sri:end -->)/;
if (!block.test(readme)) {
  process.stderr.write('README.md has no <!-- sri:begin … --> … <!-- sri:end --> block\n');
  process.exit(2);
}

const snippet = [
  '```html',
  `<script src="${ORIGIN}/widget/${manifest['safemap-widget.js']}"`,
  `        integrity="${sri[manifest['safemap-widget.js']]}"`,
  '        crossorigin="anonymous" defer></script>',
  '```',
  '',
  'ES module build, for `<script type="module">` or `<link rel="modulepreload">`:',
  '',
  '```html',
  `<script type="module" src="${ORIGIN}/widget/${manifest['safemap-widget.mjs']}"`,
  `        integrity="${sri[manifest['safemap-widget.mjs']]}" crossorigin="anonymous"></script>`,
  '```',
  '',
].join('\n');
const next = readme.replace(block, (_all, begin, end) => `${begin}${snippet}${end}`);

if (process.argv.includes('--check')) {
  if (next !== readme) {
    process.stderr.write('README.md SRI snippet is out of date: run "node scripts/update-readme-sri.mjs"\n');
    process.exit(1);
  }
  process.stdout.write('README.md SRI snippet matches dist/sri.json\n');
} else if (next !== readme) {
  writeFileSync(readmeUrl, next);
  process.stdout.write('README.md SRI snippet updated\n');
} else {
  process.stdout.write('README.md SRI snippet already up to date\n');
}
