import { z } from 'zod';
import { catalogSchema } from './catalog_schema.js';
let cached;
/**
 * The catalogue's JSON Schema, derived from the zod schema as an editor sees the file (input side: defaults shown,
 * transforms ignored). Written to packages/tile-server/catalog.schema.json for `$schema` support.
 */
export function catalogJsonSchema() {
    cached ??= z.toJSONSchema(catalogSchema, { io: 'input', target: 'draft-2020-12' });
    return cached;
}
/** The object keys the schema allows at a key path (`['tilesets', 0, 'layers', 1]`), or none when it is not an object. */
export function knownKeysAt(path, root = catalogJsonSchema()) {
    let nodes = [root];
    for (const segment of path) {
        nodes = nodes.flatMap(expand).flatMap((node) => childOf(node, segment));
    }
    return [...new Set(nodes.flatMap(expand).flatMap((node) => Object.keys(node.properties ?? {})))];
}
function expand(node) {
    return node.anyOf ? node.anyOf.flatMap(expand) : [node];
}
function childOf(node, segment) {
    if (typeof segment === 'number') {
        if (node.prefixItems?.[segment])
            return [node.prefixItems[segment]];
        return node.items ? [node.items] : [];
    }
    const key = String(segment);
    if (node.properties && Object.hasOwn(node.properties, key))
        return [node.properties[key]];
    return typeof node.additionalProperties === 'object' ? [node.additionalProperties] : [];
}
//# sourceMappingURL=catalog_json_schema.js.map