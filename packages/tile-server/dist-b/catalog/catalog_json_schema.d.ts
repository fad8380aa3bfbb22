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
/**
 * The catalogue's JSON Schema, derived from the zod schema as an editor sees the file (input side: defaults shown,
 * transforms ignored). Written to packages/tile-server/catalog.schema.json for `$schema` support.
 */
export declare function catalogJsonSchema(): JsonSchemaNode;
/** The object keys the schema allows at a key path (`['tilesets', 0, 'layers', 1]`), or none when it is not an object. */
export declare function knownKeysAt(path: readonly PropertyKey[], root?: JsonSchemaNode): string[];
