import { z } from 'zod';
import { catalogSchema } from './catalog_schema.js';

/** A JSON Schema node, as far as the catalogue's schema uses it. */
export interface JsonSchemaNode {
  type?: string;
  description?: string;
  default?: unknown;
  examples?: unknown[];
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, JsonSchemaNode>;
  required?: string[];
  additionalProperties?: JsonSchemaNode | boolean;
  propertyNames?: JsonSchemaNode;
  items?: JsonSchemaNode | false;
  prefixItems?: JsonSchemaNode[];
  anyOf?: JsonSchemaNode[];
  [key: string]: unknown;
}

let cached: JsonSchemaNode | undefined;

/**
 * The catalogue's JSON Schema, derived from the zod schema as an editor sees the file (input side: defaults shown,
 * transforms ignored). Written to packages/tile-server/catalog.schema.json for `$schema` support.
 */
export function catalogJsonSchema(): JsonSchemaNode {
  cached ??= z.toJSONSchema(catalogSchema, { io: 'input', target: 'draft-2020-12' }) as JsonSchemaNode;
  return cached;
}

/** The object keys the schema allows at a key path (`['tilesets', 0, 'layers', 1]`), or none when it is not an object. */
export function knownKeysAt(path: readonly PropertyKey[], root: JsonSchemaNode = catalogJsonSchema()): string[] {
  let nodes: JsonSchemaNode[] = [root];
  for (const segment of path) {
    nodes = nodes.flatMap(expand).flatMap((node) => childOf(node, segment));
  }
  return [...new Set(nodes.flatMap(expand).flatMap((node) => Object.keys(node.properties ?? {})))];
}

function expand(node: JsonSchemaNode): JsonSchemaNode[] {
  return node.anyOf ? node.anyOf.flatMap(expand) : [node];
}

function childOf(node: JsonSchemaNode, segment: PropertyKey): JsonSchemaNode[] {
  if (typeof segment === 'number') {
    if (node.prefixItems?.[segment]) return [node.prefixItems[segment]!];
    return node.items ? [node.items] : [];
  }
  const key = String(segment);
  if (node.properties && Object.hasOwn(node.properties, key)) return [node.properties[key]!];
  return typeof node.additionalProperties === 'object' ? [node.additionalProperties] : [];
}
