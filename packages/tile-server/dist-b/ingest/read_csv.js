import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { SafeMapError } from '../errors.js';
import { cleanHeader } from './clean_header.js';
import { decodeText } from './decode_text.js';
import { detectVertexColumns } from './detect_vertex_columns.js';
import { displayText } from './display_text.js';
import { isZipSignature } from './read_zip.js';
import { parseCsvRows } from './parse_csv_rows.js';
import { pointCells } from './point_cells.js';
import { isEmptyCell, parseCoordinate } from './type_cell.js';
/**
 * Reads a CSV of points (one row per point: coordinate columns detected or named, DMS in six columns, or WKT) or of
 * line vertices (id, sequence, coordinates: one line per id, in sequence order). Records carry the cells as text,
 * keyed by the cleaned header; rows without a usable position are reported here, with their line.
 */
export const readCsv = async (file, options, emit) => {
    let bytes;
    try {
        bytes = await readFile(file);
    }
    catch (error) {
        throw new SafeMapError('SOURCE_UNREADABLE', `${file}: cannot be read (${error.message})`, { file }, { cause: error });
    }
    refuseBinary(file, bytes);
    const { text, encoding } = decodeText(bytes, options.encoding ?? 'auto');
    return readRows(file, parseCsvRows(text, file), { format: 'csv', encoding }, options, emit);
};
/**
 * The rows of a table (CSV lines, spreadsheet rows: a header row, then cells as text) into records: coordinate
 * columns detected or named, line vertices joined. Shared by every tabular format, so they place rows alike.
 */
export function readRows(file, rows, base, options, emit) {
    const first = rows.next();
    if (first.done)
        throw new SafeMapError('SOURCE_INVALID', `${file}: the file is empty`, { file });
    const { names: header, duplicates } = cleanHeader(first.value.cells);
    const facts = { ...base, header, problems: [], coarseLines: [], unplaced: 0 };
    for (const { original, renamed, column } of duplicates) {
        facts.problems.push({ file, line: first.value.line, kind: 'duplicate-header', severity: 'warning', quarantined: false, reason: `column ${column} repeats the name "${original}"; it is read as "${renamed}"` });
    }
    // Peeked by hand: breaking out of a for…of would close the generator.
    const firstRows = [];
    for (let next = rows.next(); !next.done; next = firstRows.length < 5 ? rows.next() : { done: true, value: undefined })
        firstRows.push(next.value);
    const sample = firstRows.find((row) => row.cells.some((cell) => /POINT/i.test(cell)))?.cells;
    const points = pointCells(header, options, file, sample);
    if (points.crs)
        facts.crsMember = points.crs;
    const vertexColumns = detectVertexColumns(header, options.geometry, file);
    const vertices = [];
    const idIndex = vertexColumns ? header.indexOf(vertexColumns.id) : -1;
    const sequenceIndex = vertexColumns ? header.indexOf(vertexColumns.sequence) : -1;
    const properties = (cells, leaveOut) => {
        const out = Object.create(null);
        header.forEach((name, index) => {
            if (!leaveOut?.has(name))
                out[name] = cells[index] ?? '';
        });
        return out;
    };
    let count = 0;
    for (const { line, cells } of chain(firstRows, rows)) {
        if (cells.every((cell) => cell.trim() === ''))
            continue;
        count += 1;
        if (count % 10_000 === 0)
            options.onProgress?.({ step: 'read', file, done: count });
        const { xCell, yCell, x, y, repair } = points.read(cells);
        if (repair && x !== undefined && y !== undefined)
            facts.problems.push({ file, line, kind: repair.kind, severity: 'warning', quarantined: false, reason: repair.reason });
        if (x === undefined || y === undefined) {
            facts.problems.push(unplaceable(file, line, [points.xName, xCell], [points.yName, yCell], x === undefined));
            facts.unplaced += 1;
            continue;
        }
        if (Math.min(decimals(xCell ?? ''), decimals(yCell ?? '')) <= 2 && !(x === 0 && y === 0))
            facts.coarseLines.push(line);
        if (!vertexColumns) {
            emit({ geometry: { type: 'Point', coordinates: [x, y] }, properties: properties(cells), origin: line });
            continue;
        }
        const id = (cells[idIndex] ?? '').trim();
        const sequence = parseCoordinate(cells[sequenceIndex]);
        if (id === '' || sequence === undefined) {
            const [name, cell] = id === '' ? [vertexColumns.id, cells[idIndex]] : [vertexColumns.sequence, cells[sequenceIndex]];
            facts.problems.push({ file, line, kind: id === '' ? 'missing-field' : 'unparseable-number', severity: 'error', quarantined: true, reason: `${name} ${JSON.stringify(cell ?? '')} cannot place this vertex in a line` });
            facts.unplaced += 1;
            continue;
        }
        vertices.push({ line, id, sequence, x, y, cells });
    }
    options.onProgress?.({ step: 'read', file, done: count, total: count });
    if (vertexColumns)
        emitLines(vertices, new Set([...points.columns, vertexColumns.sequence]), properties, file, facts.problems, emit);
    return facts;
}
/**
 * A spreadsheet or archive saved under a .csv name would otherwise be decoded as text and print binary as "columns
 * seen": say what it is and what to do instead.
 */
function refuseBinary(file, bytes) {
    const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 2048));
    let kind;
    if (isZipSignature(head))
        kind = head.includes('xl/') || head.includes('[Content_Types].xml') ? 'an Excel workbook (.xlsx)' : 'a zip archive';
    else if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0)
        kind = 'an old Excel workbook (.xls)';
    else if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))
        kind = 'UTF-16 text';
    else if (head.includes(0))
        kind = 'a binary file';
    if (!kind)
        return;
    const step = kind.includes('.xlsx')
        ? `rename it to ${displayText(path.basename(file, path.extname(file)))}.xlsx`
        : kind.includes('.xls')
            ? 'open it and save it as .xlsx or CSV'
            : kind === 'UTF-16 text'
                ? 'save it as CSV in UTF-8'
                : 'give the file in its own format (.xlsx, a zipped shapefile) or as CSV text';
    throw new SafeMapError('SOURCE_INVALID', `${displayText(file)}: this is ${kind}, not CSV text; ${step}`, { file });
}
/** One LineString per id, vertices in sequence order; the line takes the first vertex row's other cells. */
function emitLines(vertices, leaveOut, properties, file, problems, emit) {
    const groups = new Map();
    for (const vertex of vertices) {
        let group = groups.get(vertex.id);
        if (!group)
            groups.set(vertex.id, (group = []));
        group.push(vertex);
    }
    for (const [id, group] of groups) {
        group.sort((a, b) => a.sequence - b.sequence || a.line - b.line);
        const firstLine = Math.min(...group.map((vertex) => vertex.line));
        const distinct = new Set(group.map(({ x, y }) => `${x},${y}`)).size;
        if (distinct < 2) {
            problems.push({ file, line: firstLine, kind: 'invalid-geometry', severity: 'error', quarantined: true, reason: `line ${JSON.stringify(id)} has ${distinct} distinct vertex; at least 2 are needed` });
            continue;
        }
        emit({ geometry: { type: 'LineString', coordinates: group.map(({ x, y }) => [x, y]) }, properties: properties(group[0].cells, leaveOut), origin: firstLine });
    }
}
/** Why a row has no position: an empty cell, text, or a header row repeated where two exports were concatenated. */
function unplaceable(file, line, x, y, xBad) {
    const [name, cell] = xBad ? x : y;
    const words = [x[1], y[1]].every((value) => value !== undefined && value.trim() !== '' && !/\d/.test(value));
    if (words) {
        return { file, line, kind: 'repeated-header', severity: 'warning', quarantined: true, reason: `a header row inside the data (${JSON.stringify(x[1])}, ${JSON.stringify(y[1])}): files joined together?` };
    }
    if (isEmptyCell(x[1]) && isEmptyCell(y[1])) {
        return { file, line, kind: 'missing-coordinates', severity: 'error', quarantined: true, reason: `${y[0]} and ${x[0]} are empty` };
    }
    if (isEmptyCell(cell))
        return { file, line, kind: 'missing-coordinates', severity: 'error', quarantined: true, reason: `${name} is empty` };
    return { file, line, kind: 'unparseable-number', severity: 'error', quarantined: true, reason: `${name} ${JSON.stringify(cell)} is not a number` };
}
function* chain(first, rest) {
    yield* first;
    for (let next = rest.next(); !next.done; next = rest.next())
        yield next.value;
}
function decimals(cell) {
    if (/°/.test(cell))
        return 10;
    const text = cell.trim();
    if (/e/i.test(text))
        return 10;
    const dot = text.indexOf('.');
    return dot < 0 ? 0 : text.length - dot - 1;
}
//# sourceMappingURL=read_csv.js.map