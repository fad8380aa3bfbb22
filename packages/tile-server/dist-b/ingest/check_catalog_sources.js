import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { isSafeMapError } from '../errors.js';
import { cleanHeader } from './clean_header.js';
import { ingestFiles, formatOf } from './ingest_files.js';
import { looksProjected, rankCrsCandidates } from './detect_crs.js';
import { parseCsvRows } from './parse_csv_rows.js';
import { positionsOf } from './project_geometry.js';
import { decodeText } from './decode_text.js';
import { coerceToType } from './record_stage.js';
import { formatKeyPath } from '../catalog/load_catalog.js';
import { nearestKey } from '../catalog/nearest_key.js';
const shownPerGroup = 3;
const emptyCells = new Set(['', 'null', 'NULL', '-', 'N/A']);
/**
 * Reads every layer's source as a build would and checks it against the catalogue: columns the catalogue names but
 * the file lacks, values that are not of their declared type, published properties that end up empty everywhere.
 * Those were silent drops; here each is a finding at the catalogue key that causes it. Nothing is written.
 */
export async function checkCatalogSources(loaded, only = []) {
    const checks = [];
    for (const [tilesetIndex, tileset] of loaded.catalog.tilesets.entries()) {
        if (only.length > 0 && !only.includes(tileset.id))
            continue;
        for (const [layerIndex, layer] of tileset.layers.entries()) {
            checks.push(await checkLayer(loaded, tileset, layer, ['tilesets', tilesetIndex, 'layers', layerIndex]));
        }
    }
    return checks;
}
async function checkLayer(loaded, tileset, layer, at) {
    const file = path.resolve(loaded.baseDir, layer.source.path);
    const base = { tileset: tileset.id, layer: layer.id, key: formatKeyPath(at), file, access: layer.access };
    const empty = { ...base, rows: 0, features: 0, quarantined: 0, quarantine: [] };
    const columnProblems = await checkCoordinateColumns(layer, file, at);
    if (columnProblems.length > 0)
        return { ...empty, findings: columnProblems };
    let result;
    try {
        result = await ingestFiles([file], ingestOptionsOf(layer));
    }
    catch (error) {
        if (!isSafeMapError(error))
            throw error;
        // The reader refuses a coordinate system it does not know as a usage error; in a catalogue it is the crs key.
        const aboutCrs = error.code === 'CRS_REQUIRED' || error.code === 'USAGE';
        const code = error.code === 'USAGE' ? 'CATALOG_INVALID' : error.code;
        const key = formatKeyPath([...at, 'source', aboutCrs ? 'crs' : 'path']);
        return { ...empty, findings: [{ severity: 'error', kind: 'source-unreadable', key, code, message: inCatalogueTerms(error.message) }] };
    }
    const summary = result.sources[0];
    const outside = result.features.filter((feature) => !isInside(feature.geometry, tileset.bounds));
    const inside = result.features.length - outside.length;
    const quarantine = groupQuarantine(result, outside.map((feature) => feature.origin), tileset.bounds);
    const available = summary.header ?? [...new Set(result.features.flatMap((feature) => Object.keys(feature.properties)))];
    return {
        ...base,
        rows: summary.rows,
        features: inside,
        quarantined: summary.quarantined + outside.length,
        quarantine,
        findings: [...checkPlacement(layer, at, summary.rows, inside, quarantine, outsideSample(result)), ...checkProperties(layer, at, result, available, path.basename(file))],
    };
}
/** The ingest options a build uses for this layer (source/read_layer.ts), so the check reads exactly what it reads. */
function ingestOptionsOf(layer) {
    const { columns, crs, encoding, format, sheet } = layer.source;
    return {
        crs,
        encoding,
        geometry: layer.geometry,
        ...(format ? { format } : {}),
        ...(sheet ? { sheet } : {}),
        ...(columns?.lat && columns.lon ? { lat: columns.lat, lon: columns.lon } : {}),
        ...(columns?.x && columns.y ? { x: columns.x, y: columns.y } : {}),
    };
}
/**
 * A coordinate column named in the catalogue but absent from the CSV header, found before the reader would report
 * it as a command-line flag (`--lat`). Also catches a pair given half (`lat` without `lon`), which the reader ignores.
 */
async function checkCoordinateColumns(layer, file, at) {
    const columns = layer.source.columns;
    if (!columns)
        return [];
    const findings = [];
    for (const [one, other] of [['lat', 'lon'], ['x', 'y']]) {
        if ((columns[one] === undefined) === (columns[other] === undefined))
            continue;
        const missing = columns[one] === undefined ? one : other;
        findings.push({ severity: 'error', kind: 'missing-column', key: formatKeyPath([...at, 'source', 'columns', missing]), message: `is missing: ${one} and ${other} go together` });
    }
    if (findings.length > 0)
        return findings;
    let header;
    try {
        if ((layer.source.format ?? formatOf(file)) !== 'csv')
            return [];
        const { text } = decodeText(await readFile(file), layer.source.encoding);
        const first = parseCsvRows(text, file).next();
        header = first.done ? [] : cleanHeader(first.value.cells).names;
    }
    catch {
        // Unreadable or not a CSV: the full read that follows reports it with its own reason.
        return [];
    }
    const simple = (name) => name.normalize('NFC').replace(/\s+/g, '').toLowerCase();
    const seen = new Set(header.map(simple));
    for (const role of ['lat', 'lon', 'x', 'y']) {
        const name = columns[role];
        if (name === undefined || seen.has(simple(name)))
            continue;
        const guess = nearestKey(name, header);
        findings.push({
            severity: 'error',
            kind: 'missing-column',
            key: formatKeyPath([...at, 'source', 'columns', role]),
            message: `column ${JSON.stringify(name)} not found in ${path.basename(file)}${didYouMean(guess)} ${columnsSeen(header)}`,
        });
    }
    return findings;
}
/**
 * A layer whose rows all (or mostly) land outside the region is almost always a wrong `crs`: metres read as degrees,
 * or degrees declared as a projected system. A build would publish an empty or thinned layer without a word.
 */
function checkPlacement(layer, at, rows, features, quarantine, sample) {
    if (rows === 0)
        return [];
    const outside = quarantine.filter((group) => group.kind === 'outside-region' || group.kind === 'outside-tileset-bounds').reduce((sum, group) => sum + group.count, 0);
    const metres = looksProjected(sample);
    const candidates = metres ? rankCrsCandidates(sample).filter((candidate) => candidate.plausible || candidate.inKorea >= 0.5).map((candidate) => `"${candidate.crs}" (${candidate.label})`) : [];
    const hint = metres
        ? ` The coordinates look like projected metres while source.crs is ${layer.source.crs}: set source.crs to the file's system` +
            `${candidates.length > 0 ? `; likely, most plausible first: ${candidates.slice(0, 3).join('; ')}` : ''}.`
        : outside > 0
            ? ` Check source.crs (${layer.source.crs}) and the coordinate columns.`
            : '';
    const key = formatKeyPath([...at, 'source', metres || outside > 0 ? 'crs' : 'path']);
    if (features === 0) {
        const why = quarantine.map((group) => `${group.kind} ×${group.count}`).join(', ');
        return [{ severity: 'error', kind: 'no-features', key, message: `none of the ${rows} rows could be placed${why ? ` (${why})` : ''}: the layer would be empty.${hint}` }];
    }
    if (outside * 10 > rows) {
        return [{ severity: 'warning', kind: 'mostly-outside', key, message: `${outside} of ${rows} rows lie outside the region and are left out.${hint}` }];
    }
    return [];
}
/** Positions (x, y) of rows left out as outside the region, as their reasons give them, for guessing a CRS. */
function outsideSample(result) {
    const sample = [];
    for (const problem of result.problems) {
        if (problem.kind !== 'outside-region' || sample.length >= 200)
            continue;
        const position = /position (-?[\d.]+), (-?[\d.]+) \(lat, lon\)/.exec(problem.reason);
        if (position)
            sample.push([Number(position[2]), Number(position[1])]);
    }
    return sample;
}
/** Allow-listed properties against the source: missing columns, values of the wrong type, properties empty everywhere. */
function checkProperties(layer, at, result, available, fileName) {
    const findings = [];
    const have = new Set(available);
    for (const [name, type] of Object.entries(layer.properties)) {
        const mapped = Object.hasOwn(layer.source.fields, name);
        const column = mapped ? layer.source.fields[name] : name;
        const key = formatKeyPath([...at, ...(mapped ? ['source', 'fields', name] : ['properties', name])]);
        if (!have.has(column)) {
            const guess = nearestKey(column, available);
            findings.push({
                severity: 'error',
                kind: 'missing-column',
                key,
                message: `${mapped ? 'column' : 'property'} ${JSON.stringify(column)} not found in ${fileName}${didYouMean(guess)}` +
                    `${mapped ? '' : ` Map it to a source column with source.fields.${name}.`} ${columnsSeen(available)}`,
            });
            continue;
        }
        let present = 0;
        let failed = 0;
        const examples = [];
        const failures = [];
        for (const feature of result.features) {
            const raw = Object.hasOwn(feature.properties, column) ? feature.properties[column] : undefined;
            if (raw === undefined || (typeof raw === 'string' && emptyCells.has(raw.trim())))
                continue;
            present += 1;
            if (coerceToType(raw, type) !== undefined)
                continue;
            failed += 1;
            failures.push(raw);
            if (examples.length < shownPerGroup && !examples.includes(String(raw)))
                examples.push(String(raw));
        }
        if (failed > 0) {
            const suggestedType = suggestType(failures);
            findings.push({
                severity: failed === present ? 'error' : 'warning',
                kind: 'type-mismatch',
                key: formatKeyPath([...at, 'properties', name]),
                rows: failed,
                examples,
                suggestedType,
                message: `declared ${type}, but ${failed} of ${present} values are not ${type === 'number' ? 'numbers' : 'booleans'} and are left out ` +
                    `(e.g. ${examples.map((e) => JSON.stringify(e)).join(', ')}); declare it "${suggestedType}"`,
            });
        }
        else if (present === 0 && result.features.length > 0) {
            findings.push({ severity: 'error', kind: 'empty-property', key, message: `${JSON.stringify(column)} is empty in every row of ${fileName}: the property would be absent from every feature` });
        }
    }
    return findings;
}
/** The build leaves out features not wholly inside the tile set's bounds (store/load_tilesets.ts keepInside). */
function isInside(geometry, bounds) {
    if (!bounds)
        return true;
    const [west, south, east, north] = bounds;
    for (const [lon, lat] of positionsOf(geometry)) {
        if (lon < west || lon > east || lat < south || lat > north)
            return false;
    }
    return true;
}
function suggestType(values) {
    return values.every((value) => typeof value === 'boolean' || /^(true|false|y|n|yes|no)$/i.test(String(value).trim())) ? 'boolean' : 'string';
}
function groupQuarantine(result, outside, bounds) {
    const groups = new Map();
    const seen = new Set();
    for (const problem of result.problems) {
        if (!problem.quarantined)
            continue;
        const where = placeOf(problem);
        const group = groups.get(problem.kind) ?? { count: 0, first: [] };
        // A row may have several problems; it is quarantined once but each reason is listed.
        group.count += seen.has(`${problem.kind}@${where}`) ? 0 : 1;
        seen.add(`${problem.kind}@${where}`);
        if (group.first.length < shownPerGroup)
            group.first.push(`${where}: ${problem.reason}`);
        groups.set(problem.kind, group);
    }
    const list = [...groups].map(([kind, group]) => ({ kind, ...group }));
    if (outside.length > 0) {
        const first = outside.slice(0, shownPerGroup).map((origin) => `${placeOf(origin)}: outside the tile set's bounds [${bounds.join(', ')}]`);
        list.push({ kind: 'outside-tileset-bounds', count: outside.length, first });
    }
    return list.sort((a, b) => b.count - a.count);
}
function didYouMean(guess) {
    return guess ? `; did you mean ${JSON.stringify(guess)}?` : '.';
}
function columnsSeen(names) {
    return `Columns seen: ${names.map((name) => JSON.stringify(name)).join(', ')}.`;
}
/** `file.csv:12` for a CSV row, `file.geojson#3` for a GeoJSON feature. */
function placeOf(origin) {
    return origin.line !== undefined ? `${path.basename(origin.file)}:${origin.line}` : `${path.basename(origin.file)}#${origin.feature ?? '?'}`;
}
/** Reader messages name command-line flags; in a catalogue the same thing is a key. */
function inCatalogueTerms(message) {
    return message
        .replace(/--lat\/--lon/g, 'source.columns.lat/lon')
        .replace(/--x\/--y/g, 'source.columns.x/y')
        .replace(/--(lat|lon|x|y)\b/g, 'source.columns.$1')
        .replace(/--crs (EPSG:\d+)\b/g, 'source.crs "$1"')
        .replace(/--crs\b/g, 'source.crs');
}
//# sourceMappingURL=check_catalog_sources.js.map