// Writes the catalogue reference into docs/catalog.md (between the catalog-reference markers) and the JSON Schema
// to packages/tile-server/catalog.schema.json, both from the zod schema in packages/tile-server/src/catalog/.
// packages/tile-server/src/catalog/catalog_reference.test.ts fails when either drifts from the schema.
//   npm run docs:catalog            rewrite both (builds the tile server first)
//   node scripts/generate-catalog-docs.mjs --check   exit 1 when either is out of date
import { readFileSync, writeFileSync } from 'node:fs';
import { catalogJsonSchemaText, withCatalogReference } from '../packages/tile-server/dist/catalog/catalog_reference.js';

const docUrl = new URL('../docs/catalog.md', import.meta.url);
const schemaUrl = new URL('../packages/tile-server/catalog.schema.json', import.meta.url);
const check = process.argv.includes('--check');

const doc = readFileSync(docUrl, 'utf8');
const nextDoc = withCatalogReference(doc);
const schema = (() => {
  try {
    return readFileSync(schemaUrl, 'utf8');
  } catch {
    return '';
  }
})();
const nextSchema = catalogJsonSchemaText();
const stale = [nextDoc !== doc && 'docs/catalog.md', nextSchema !== schema && 'packages/tile-server/catalog.schema.json'].filter(Boolean);
if (check) {
  if (stale.length > 0) {
    process.stderr.write(`out of date: ${stale.join(', ')}; run "npm run docs:catalog"\n`);
    process.exit(1);
  }
} else {
  if (nextDoc !== doc) writeFileSync(docUrl, nextDoc);
  if (nextSchema !== schema) writeFileSync(schemaUrl, nextSchema);
  process.stdout.write(stale.length > 0 ? `wrote ${stale.join(', ')}\n` : 'already up to date\n');
}
