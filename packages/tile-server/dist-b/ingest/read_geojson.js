import { open } from 'node:fs/promises';
import iconv from 'iconv-lite';
import { SafeMapError } from '../errors.js';
import { normalizeCrs } from './crs.js';
import { sniffFileEncoding } from './sniff_file_encoding.js';
const CHUNK = 1 << 22;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const NEWLINE = 0x0a;
/** Text outside the features array (type, name, crs, bbox) is small; more means this is not a FeatureCollection. */
const TOP_LIMIT = 256 * 1024 * 1024;
/**
 * Reads a GeoJSON FeatureCollection (any layout: one line, one feature per line, pretty-printed), a bare Feature or
 * a geometry. The bytes are scanned for the structure only (braces outside strings, strings skipped with the native
 * indexOf), and each feature's own text goes to the native JSON.parse: no per-token work in JavaScript and only one
 * chunk in memory. With a {@link FilePart}, the whole file is scanned but only the features starting in that part's
 * share of the bytes are parsed, so several threads split one file and their parts join in file order.
 */
export const readGeojson = async (file, options, emit, part) => {
    const encoding = options.encoding && options.encoding !== 'auto' ? options.encoding : await sniffFileEncoding(file);
    const handle = await openOrFail(file);
    try {
        const scanner = new FeatureScanner(file, encoding, emit, await shareOf(handle, part), part === undefined || part.index === part.count - 1);
        await scanner.run(handle, part === undefined || part.count <= 1);
        const top = scanner.topText();
        const facts = { format: 'geojson', encoding, problems: [], coarseLines: [], unplaced: 0 };
        if (!scanner.sawFeaturesArray) {
            // A bare Feature or geometry: the whole file was top-level text.
            if (top === undefined)
                return facts;
            const value = parseTop(file, top);
            const members = value;
            const crs = crsOf(members);
            if (crs)
                facts.crsMember = crs;
            if (members.type === 'Feature')
                emit({ geometry: members.geometry, properties: objectOrEmpty(members.properties), origin: 0 });
            else if (typeof members.type === 'string' && ('coordinates' in members || 'geometries' in members))
                emit({ geometry: members, properties: {}, origin: 0 });
            else
                throw notGeojson(file, 'expected a GeoJSON FeatureCollection, Feature or geometry');
            return facts;
        }
        if (top !== undefined) {
            const value = parseTop(file, top);
            if (!Array.isArray(value)) {
                const crs = crsOf(value);
                if (crs)
                    facts.crsMember = crs;
            }
        }
        return facts;
    }
    finally {
        await handle.close();
    }
};
/** Reads newline-delimited GeoJSON (RFC 8142 record separators and blank lines skipped); parts split at lines. */
export const readNdjson = async (file, options, emit, part) => {
    const encoding = options.encoding && options.encoding !== 'auto' ? options.encoding : await sniffFileEncoding(file);
    const handle = await openOrFail(file);
    try {
        const [from, to] = await shareOf(handle, part);
        const sequential = part === undefined || part.count <= 1;
        const decode = decoderFor(encoding);
        let carry;
        let carryStart = 0;
        let position = 0;
        let line = 0;
        let index = 0;
        const take = (bytes, start, end, offset) => {
            line += 1;
            const text = decode(bytes, start, end).replace(/^[\uFEFF\u001e]+/, '').trim();
            if (text === '')
                return;
            const at = index++;
            if (offset < from || offset >= to)
                return;
            let value;
            try {
                value = JSON.parse(text);
            }
            catch (error) {
                throw new SafeMapError('SOURCE_INVALID', `${file}:${line}: not a JSON feature (${error.message})`, { file, line });
            }
            const feature = value;
            emit({ geometry: feature?.geometry, properties: objectOrEmpty(feature?.properties), origin: at, line });
        };
        for (;;) {
            const buffer = Buffer.allocUnsafeSlow(CHUNK);
            const { bytesRead } = await handle.read(buffer, 0, CHUNK, sequential ? null : position);
            if (bytesRead === 0)
                break;
            let bytes = buffer.subarray(0, bytesRead);
            let base = position;
            if (carry) {
                bytes = Buffer.concat([carry, bytes]);
                base = carryStart;
            }
            position += bytesRead;
            let start = 0;
            for (let end = bytes.indexOf(NEWLINE, start); end >= 0; end = bytes.indexOf(NEWLINE, start)) {
                take(bytes, start, end, base + start);
                start = end + 1;
            }
            carry = start < bytes.length ? Buffer.from(bytes.subarray(start)) : undefined;
            carryStart = base + start;
            // Lines past this part's share are left to the next part.
            if (carryStart >= to && part)
                break;
        }
        if (carry && carry.length > 0)
            take(carry, 0, carry.length, carryStart);
        return { format: 'ndjson', encoding, problems: [], coarseLines: [], unplaced: 0 };
    }
    finally {
        await handle.close();
    }
};
class FeatureScanner {
    file;
    emit;
    share;
    keepTop;
    depth = 0;
    /** Depth inside the array that holds the features: 2 in `{"features": [`, 1 for a bare top-level array. */
    arrayDepth = -1;
    index = 0;
    top = [];
    topBytes = 0;
    tail = '';
    decode;
    sawFeaturesArray = false;
    constructor(file, encoding, emit, share, keepTop) {
        this.file = file;
        this.emit = emit;
        this.share = share;
        this.keepTop = keepTop;
        this.decode = decoderFor(encoding);
    }
    /** `sequential`: read from the current position (pipes have none to seek to); parts read by offset. */
    async run(handle, sequential) {
        let position = 0;
        let carry;
        let carryStart = 0;
        let first = true;
        for (;;) {
            const buffer = Buffer.allocUnsafeSlow(CHUNK);
            const { bytesRead } = await handle.read(buffer, 0, CHUNK, sequential ? null : position);
            if (bytesRead === 0)
                break;
            let bytes = buffer.subarray(0, bytesRead);
            let base = position;
            let from = 0;
            if (carry) {
                from = carry.length;
                bytes = Buffer.concat([carry, bytes]);
                base = carryStart;
            }
            else if (first && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
                from = 3;
            }
            first = false;
            position += bytesRead;
            const open = this.scan(bytes, from, base);
            if (open < 0) {
                carry = undefined;
            }
            else {
                carry = Buffer.from(bytes.subarray(open));
                carryStart = base + open;
            }
            if (this.finished)
                break;
        }
        if (!this.finished && (this.featureOpen >= 0 || this.depth !== 0))
            throw notGeojson(this.file, 'the JSON ends early (truncated file?)');
    }
    /** Set once a part has parsed its share and the next feature starts beyond it. */
    finished = false;
    inString = false;
    /** Offset (in the current buffer) where the open feature began, or -1. */
    featureOpen = -1;
    /**
     * Scans bytes from `from`; returns the offset of a feature still open at the end (to carry into the next chunk), or
     * -1. A feature carried over restarts at its first byte with the depth it began at.
     */
    scan(bytes, from, base) {
        const length = bytes.length;
        let depth = this.depth;
        let i = from;
        let topFrom = this.arrayDepth < 0 || depth < this.arrayDepth ? from : -1;
        if (this.featureOpen >= 0)
            this.featureOpen = 0;
        if (this.inString) {
            i = endOfString(bytes, i);
            if (i < 0)
                return this.keepOpen(bytes, topFrom, length, depth);
            this.inString = false;
            i += 1;
        }
        while (i < length) {
            const c = bytes[i];
            if (c === QUOTE) {
                const end = endOfString(bytes, i + 1);
                if (end < 0) {
                    this.inString = true;
                    return this.keepOpen(bytes, topFrom, length, depth);
                }
                i = end + 1;
                continue;
            }
            if (c === OPEN_BRACE || c === OPEN_BRACKET) {
                depth += 1;
                if (this.arrayDepth < 0 && c === OPEN_BRACKET && (depth === 1 || (depth === 2 && precededByFeaturesKey(bytes, i, this.tail)))) {
                    this.arrayDepth = depth;
                    this.sawFeaturesArray = true;
                    if (topFrom >= 0)
                        this.pushTop(bytes, topFrom, i + 1);
                    this.pushTopText(']');
                    topFrom = -1;
                }
                else if (c === OPEN_BRACE && depth === this.arrayDepth + 1) {
                    this.featureOpen = i;
                }
            }
            else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
                depth -= 1;
                if (c === CLOSE_BRACE && depth === this.arrayDepth && this.featureOpen >= 0) {
                    this.feature(bytes, this.featureOpen, i + 1, base);
                    this.featureOpen = -1;
                    if (this.finished) {
                        this.depth = depth;
                        return -1;
                    }
                }
                else if (c === CLOSE_BRACKET && depth === this.arrayDepth - 1) {
                    // The features array closed: what follows (crs at the end, say) is top-level text again.
                    this.arrayDepth = Number.POSITIVE_INFINITY;
                    topFrom = i + 1;
                }
            }
            i += 1;
        }
        this.depth = depth;
        if (topFrom >= 0)
            this.pushTop(bytes, topFrom, length);
        this.tail = bytes.toString('latin1', Math.max(0, length - 32), length);
        return this.featureOpen >= 0 ? this.featureOpen : -1;
    }
    keepOpen(bytes, topFrom, length, depth) {
        this.depth = depth;
        if (this.featureOpen >= 0)
            return this.featureOpen;
        if (topFrom >= 0)
            this.pushTop(bytes, topFrom, length);
        return -1;
    }
    feature(bytes, start, end, base) {
        const index = this.index++;
        const offset = base + start;
        if (offset < this.share[0])
            return;
        if (offset >= this.share[1]) {
            this.finished = true;
            return;
        }
        let value;
        try {
            value = JSON.parse(this.decode(bytes, start, end));
        }
        catch (error) {
            throw new SafeMapError('SOURCE_INVALID', `${this.file}: feature ${index} is not valid JSON (${error.message})`, { file: this.file, feature: index });
        }
        const feature = value;
        this.emit({ geometry: feature.geometry, properties: objectOrEmpty(feature.properties), origin: index });
    }
    pushTop(bytes, start, end) {
        if (!this.keepTop || end <= start)
            return;
        this.topBytes += end - start;
        if (this.topBytes > TOP_LIMIT)
            throw notGeojson(this.file, 'expected a GeoJSON FeatureCollection, Feature or geometry');
        this.top.push(Buffer.from(bytes.subarray(start, end)));
    }
    pushTopText(text) {
        if (this.keepTop)
            this.top.push(Buffer.from(text, 'latin1'));
    }
    /** Everything outside the features array, the array written as `[]`; undefined in parts that do not keep it. */
    topText() {
        if (!this.keepTop)
            return undefined;
        const bytes = Buffer.concat(this.top);
        return this.decode(bytes, 0, bytes.length);
    }
}
/** Index of the quote closing a string whose body starts at `from`, or -1 when it runs past the buffer. */
function endOfString(bytes, from) {
    let at = bytes.indexOf(QUOTE, from);
    while (at >= 0) {
        let slashes = 0;
        for (let j = at - 1; j >= from && bytes[j] === BACKSLASH; j--)
            slashes++;
        if (slashes % 2 === 0)
            return at;
        at = bytes.indexOf(QUOTE, at + 1);
    }
    return -1;
}
/** Whether the `[` at `at` opens the value of a `"features"` member (whitespace and the colon skipped). */
function precededByFeaturesKey(bytes, at, previousTail) {
    const before = (previousTail + bytes.toString('latin1', Math.max(0, at - 48), at)).replace(/\s+/g, '');
    return before.endsWith('"features":');
}
async function shareOf(handle, part) {
    if (!part || part.count <= 1)
        return [0, Number.POSITIVE_INFINITY];
    const { size } = await handle.stat();
    const start = Math.floor((size * part.index) / part.count);
    return [part.index === 0 ? 0 : start, part.index === part.count - 1 ? Number.POSITIVE_INFINITY : Math.floor((size * (part.index + 1)) / part.count)];
}
function decoderFor(encoding) {
    if (encoding === 'utf-8')
        return (bytes, start, end) => bytes.toString('utf8', start, end);
    return (bytes, start, end) => iconv.decode(bytes.subarray(start, end), encoding);
}
function parseTop(file, text) {
    let value;
    try {
        value = JSON.parse(text);
    }
    catch {
        throw notGeojson(file, 'not valid JSON outside the features');
    }
    if (Array.isArray(value))
        return value;
    if (value === null || typeof value !== 'object')
        throw notGeojson(file, 'the top level is not a JSON object');
    return value;
}
function crsOf(value) {
    const name = value?.crs?.properties?.name;
    return typeof name === 'string' ? normalizeCrs(name) : undefined;
}
function objectOrEmpty(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {};
}
async function openOrFail(file) {
    try {
        return await open(file, 'r');
    }
    catch (error) {
        throw new SafeMapError('SOURCE_UNREADABLE', `${file}: cannot be read (${error.message})`, { file }, { cause: error });
    }
}
function notGeojson(file, reason) {
    return new SafeMapError('SOURCE_INVALID', `${file}: ${reason}`, { file });
}
//# sourceMappingURL=read_geojson.js.map