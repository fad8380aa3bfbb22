import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { SafeMapError } from '../errors.js';
import { knownKeysAt } from './catalog_json_schema.js';
import { catalogSchema } from './catalog_schema.js';
import { nearestKey } from './nearest_key.js';
import { decodeCatalogText, parseCatalogJson } from './read_catalog_text.js';
/** Reads and validates a layer catalogue; every problem is reported with the file and its key path. */
export async function loadCatalog(file) {
    const absolute = path.resolve(file);
    let bytes;
    try {
        bytes = await readFile(absolute);
    }
    catch (error) {
        throw new SafeMapError('CATALOG_UNREADABLE', `${absolute}: cannot read the catalogue (${error.message})`, undefined, { cause: error });
    }
    const json = parseCatalogJson(decodeCatalogText(bytes, absolute), absolute);
    const revision = createHash('sha256').update(bytes).digest('hex').slice(0, 12);
    return { file: absolute, baseDir: path.dirname(absolute), catalog: parseCatalog(json, absolute), revision };
}
/** Validates an already-parsed catalogue; `file` only names the origin in error messages. */
export function parseCatalog(json, file) {
    const result = catalogSchema.safeParse(json);
    if (result.success)
        return result.data;
    const problems = result.error.issues.flatMap((issue) => describeIssue(issue, json));
    throw new SafeMapError('CATALOG_INVALID', `${file}: invalid catalogue\n${problems.map((p) => `  - ${p}`).join('\n')}`, {
        file,
        problems,
    });
}
function describeIssue(issue, json) {
    const where = `${formatKeyPath(issue.path) || '(root)'}${ownerOf(issue.path, json)}`;
    if (issue.code === 'unrecognized_keys') {
        const known = knownKeysAt(issue.path);
        return issue.keys.map((key) => {
            const suggestion = nearestKey(key, known);
            return `${formatKeyPath([...issue.path, key])}${ownerOf(issue.path, json)}: unknown key${suggestion ? `; did you mean "${suggestion}"?` : `; known keys here: ${known.join(', ')}`}`;
        });
    }
    // A record key that fails its own rule: zod wraps the rule's message in "Invalid key in record"; show the rule.
    if (issue.code === 'invalid_key')
        return [`${where}: ${issue.issues.map((inner) => inner.message).join('; ')}`];
    // "Invalid input" says nothing: when the value has the shape of one alternative (an object for a property with a
    // label), report that alternative's own problems; otherwise list what each alternative expects.
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
        const shaped = issue.errors.find((branch) => !branch.some((inner) => inner.path.length === 0 && (inner.code === 'invalid_type' || inner.code === 'invalid_value')));
        if (shaped)
            return shaped.flatMap((inner) => describeIssue({ ...inner, path: [...issue.path, ...inner.path] }, json));
        const expected = issue.errors.map((branch) => branch.map((inner) => inner.message.replace(/^Invalid (option|input): /, '').replace(/, received .*$/, '')).join(', '));
        const options = issue.errors.flat().flatMap((inner) => (inner.code === 'invalid_value' ? inner.values.map(String) : []));
        return [`${where}: ${expected.join(', or ')}${suggestValue(valueAt(json, issue.path), options)}`];
    }
    if (issue.code === 'invalid_value')
        return [`${where}: ${issue.message}${suggestValue(valueAt(json, issue.path), issue.values.map(String))}`];
    return [`${where}: ${issue.message}`];
}
/** `; did you mean "number"?` for `"numbr"`, or nothing. */
function suggestValue(value, options) {
    const guess = typeof value === 'string' ? nearestKey(value, options) : undefined;
    return guess ? `; did you mean ${JSON.stringify(guess)}?` : '';
}
function valueAt(json, keyPath) {
    let value = json;
    for (const segment of keyPath) {
        if (value === null || typeof value !== 'object' || !Object.hasOwn(value, segment))
            return undefined;
        value = value[segment];
    }
    return value;
}
/** ` (tile set busan, layer shelters)` for a key inside a layer, so a long catalogue's error points at the right block. */
function ownerOf(keyPath, json) {
    if (keyPath[0] !== 'tilesets' || typeof keyPath[1] !== 'number')
        return '';
    const tileset = json.tilesets?.[keyPath[1]];
    const parts = [];
    if (typeof tileset?.id === 'string')
        parts.push(`tile set ${tileset.id}`);
    if (keyPath[2] === 'layers' && typeof keyPath[3] === 'number') {
        const layerId = tileset?.layers?.[keyPath[3]]?.id;
        if (typeof layerId === 'string')
            parts.push(`layer ${layerId}`);
    }
    return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}
/** `tilesets[0].layers[1].source.columns.lat`; keys that are not plain names are quoted: `properties["시설 명"]`. */
export function formatKeyPath(segments) {
    return segments
        .map((segment, index) => {
        if (typeof segment === 'number')
            return `[${segment}]`;
        const key = String(segment);
        if (!/^[\p{L}_$][\p{L}\p{M}\p{N}_$]*$/u.test(key))
            return `[${JSON.stringify(key)}]`;
        return `${index === 0 ? '' : '.'}${key}`;
    })
        .join('');
}
//# sourceMappingURL=load_catalog.js.map