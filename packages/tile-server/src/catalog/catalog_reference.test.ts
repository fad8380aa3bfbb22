import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogJsonSchema, knownKeysAt, type JsonSchemaNode } from './catalog_json_schema.js';
import { catalogJsonSchemaText, referenceMarkers, renderCatalogReference, withCatalogReference } from './catalog_reference.js';
import { parseCatalog } from './load_catalog.js';

const root = path.join(import.meta.dirname, '..', '..', '..', '..');
const docFile = path.join(root, 'docs', 'catalog.md');
const schemaFile = path.join(root, 'packages', 'tile-server', 'catalog.schema.json');
const doc = readFileSync(docFile, 'utf8');

/** Every key the schema accepts, at any depth. */
function allKeys(node: JsonSchemaNode, into = new Set<string>()): Set<string> {
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    into.add(key);
    allKeys(child, into);
  }
  for (const child of [...(node.anyOf ?? []), ...(node.prefixItems ?? [])]) allKeys(child, into);
  if (node.items) allKeys(node.items, into);
  if (typeof node.additionalProperties === 'object') allKeys(node.additionalProperties, into);
  return into;
}

describe('catalogue reference', () => {
  it('docs/catalog.md carries the reference generated from the schema (run "npm run docs:catalog" after changing it)', () => {
    expect(withCatalogReference(doc)).toBe(doc);
  });

  it('catalog.schema.json is the schema as generated (run "npm run docs:catalog" after changing it)', () => {
    expect(readFileSync(schemaFile, 'utf8')).toBe(catalogJsonSchemaText());
  });

  it('would notice a key added to the schema but not to the document', () => {
    const schema = structuredClone(catalogJsonSchema());
    schema.properties!['publish']!.properties!['mirror'] = { type: 'string', description: 'A second folder.' };
    expect(withCatalogReference(doc, renderCatalogReference(schema))).not.toBe(doc);
  });

  it('documents every key the schema accepts, with its meaning', () => {
    const reference = doc.slice(doc.indexOf(referenceMarkers.begin), doc.indexOf(referenceMarkers.end));
    const keys = allKeys(catalogJsonSchema());
    for (const key of ['$schema', 'publish', 'tilesets', 'layers', 'source', 'columns', 'fields', 'properties', 'basemap', 'color', 'license', 'description', 'center', 'bounds', 'encoding', 'format', 'access', 'precision', 'apiKeys', 'label']) {
      expect(keys).toContain(key);
    }
    const rows = reference.split('\n').filter((line) => line.startsWith('| `'));
    for (const key of keys) {
      const row = rows.find((line) => line.startsWith(`| \`${key}\``));
      expect(row, key).toBeDefined();
      const cells = row!.split(/(?<!\\)\|/).map((text) => text.trim());
      // | key | type | default | meaning | example | → cells[1..5]; tables of text in two languages have three columns.
      const meaning = cells.length > 5 ? cells[4] : cells[3];
      expect(meaning, key).not.toBe('');
      expect(cells[2], key).not.toBe('');
    }
  });

  it('its full example is a valid catalogue with Korean property names and labels', () => {
    const example = /<!-- catalog-example:begin -->\n```json\n([\s\S]*?)```\n<!-- catalog-example:end -->/.exec(doc);
    expect(example).not.toBeNull();
    const catalog = parseCatalog(JSON.parse(example![1]!), 'docs/catalog.md');
    const shelters = catalog.tilesets[0]!.layers.find((layer) => layer.id === 'shelters')!;
    expect(shelters.properties).toMatchObject({ 시설명: 'string', 수용인원: 'number', 전화: 'string' });
    expect(shelters.labels).toMatchObject({ 수용인원: { ko: '수용인원', en: 'Capacity' } });
    expect(knownKeysAt(['tilesets', 0, 'layers', 0, 'source'])).toEqual(['path', 'format', 'encoding', 'sheet', 'crs', 'columns', 'fields']);
  });
});
