import type { FileHandle } from 'node:fs/promises';
import iconv from 'iconv-lite';
import { SafeMapError } from '../errors.js';
import { normalizeCrs } from './crs.js';
import type { RawRecord } from './record_stage.js';
import type { FilePart, ReaderFacts, SourceReader } from './source_reader.js';
import { openSource } from './open_source.js';
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
export const readGeojson: SourceReader = async (file, options, emit, part) => {
  const encoding = options.encoding && options.encoding !== 'auto' ? options.encoding : await sniffFileEncoding(file);
  const handle = await openSource(file);
  try {
    const scanner = new FeatureScanner(file, encoding, emit, await shareOf(handle, part), part === undefined || part.index === part.count - 1);
    await scanner.run(handle, part === undefined || part.count <= 1);
    const top = scanner.topText();
    const facts: ReaderFacts = { format: 'geojson', encoding, problems: [], coarseLines: [], unplaced: 0 };
    if (!scanner.sawFeaturesArray) {
      // A bare Feature or geometry: the whole file was top-level text.
      if (top === undefined) return facts;
      const value = parseTop(file, top);
      const members = value as Record<string, unknown>;
      const crs = crsOf(members);
      if (crs) facts.crsMember = crs;
      if (members.type === 'Feature') emit({ geometry: members.geometry, properties: objectOrEmpty(members.properties), origin: 0 });
      else if (typeof members.type === 'string' && ('coordinates' in members || 'geometries' in members)) emit({ geometry: members, properties: {}, origin: 0 });
      else throw notGeojson(file, 'expected a GeoJSON FeatureCollection, Feature or geometry');
      return facts;
    }
    if (top !== undefined) {
      const value = parseTop(file, top);
      if (!Array.isArray(value)) {
        const crs = crsOf(value);
        if (crs) facts.crsMember = crs;
      }
    }
    return facts;
  } finally {
    await handle.close();
  }
};

/**
 * A file read in chunks through one reusable buffer: the unfinished end of a chunk (a feature or line cut by the
 * chunk's end) moves to the buffer's front and the next chunk is read after it. A fresh buffer and a joined copy per
 * chunk made gigabytes of short-lived allocations from a national file, and the memory they fragmented stayed taken.
 */
class ChunkReader {
  private buffer = Buffer.allocUnsafeSlow(2 * CHUNK);
  private length = 0;
  private base = 0;
  private kept = 0;
  private keptBase = 0;
  private position = 0;

  constructor(
    private readonly handle: FileHandle,
    private readonly sequential: boolean,
  ) {}

  /** The carried bytes and then the next chunk; `base` is the file offset of the first byte. Undefined at the end. */
  async next(): Promise<{ bytes: Buffer; base: number; carried: number } | undefined> {
    if (this.buffer.length - this.kept < CHUNK) {
      const larger = Buffer.allocUnsafeSlow(this.kept + CHUNK);
      this.buffer.copy(larger, 0, 0, this.kept);
      this.buffer = larger;
    }
    const { bytesRead } = await this.handle.read(this.buffer, this.kept, CHUNK, this.sequential ? null : this.position);
    if (bytesRead === 0) return undefined;
    this.base = this.kept > 0 ? this.keptBase : this.position;
    this.length = this.kept + bytesRead;
    this.position += bytesRead;
    return { bytes: this.buffer.subarray(0, this.length), base: this.base, carried: this.kept };
  }

  /** Keeps the last chunk's bytes from `offset` on for the next one. */
  carry(offset: number): void {
    this.buffer.copyWithin(0, offset, this.length);
    this.kept = this.length - offset;
    this.keptBase = this.base + offset;
  }

  /** What was carried after the last chunk. */
  carried(): { bytes: Buffer; base: number } {
    return { bytes: this.buffer.subarray(0, this.kept), base: this.keptBase };
  }
}

/** Reads newline-delimited GeoJSON (RFC 8142 record separators and blank lines skipped); parts split at lines. */
export const readNdjson: SourceReader = async (file, options, emit, part) => {
  const encoding = options.encoding && options.encoding !== 'auto' ? options.encoding : await sniffFileEncoding(file);
  const handle = await openSource(file);
  try {
    const [from, to] = await shareOf(handle, part);
    const sequential = part === undefined || part.count <= 1;
    const decode = decoderFor(encoding);
    const chunks = new ChunkReader(handle, sequential);
    let line = 0;
    let index = 0;
    const take = (bytes: Buffer, start: number, end: number, offset: number) => {
      line += 1;
      const text = decode(bytes, start, end).replace(/^[\uFEFF\u001e]+/, '').trim();
      if (text === '') return;
      const at = index++;
      if (offset < from || offset >= to) return;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        throw new SafeMapError('SOURCE_INVALID', `${file}:${line}: not a JSON feature (${(error as Error).message})`, { file, line });
      }
      const feature = value as { geometry?: unknown; properties?: unknown } | null;
      emit({ geometry: feature?.geometry, properties: objectOrEmpty(feature?.properties), origin: at, line });
    };
    for (let chunk = await chunks.next(); chunk; chunk = await chunks.next()) {
      const { bytes, base } = chunk;
      let start = 0;
      for (let end = bytes.indexOf(NEWLINE, start); end >= 0; end = bytes.indexOf(NEWLINE, start)) {
        take(bytes, start, end, base + start);
        start = end + 1;
      }
      chunks.carry(start);
      // Lines past this part's share are left to the next part.
      if (base + start >= to && part) break;
    }
    const last = chunks.carried();
    if (last.bytes.length > 0) take(last.bytes, 0, last.bytes.length, last.base);
    return { format: 'ndjson', encoding, problems: [], coarseLines: [], unplaced: 0 };
  } finally {
    await handle.close();
  }
};

class FeatureScanner {
  private depth = 0;
  /** Depth inside the array that holds the features: 2 in `{"features": [`, 1 for a bare top-level array. */
  private arrayDepth = -1;
  private index = 0;
  private readonly top: Buffer[] = [];
  private topBytes = 0;
  private tail = '';
  private readonly decode: (bytes: Buffer, start: number, end: number) => string;
  sawFeaturesArray = false;

  constructor(
    private readonly file: string,
    encoding: string,
    private readonly emit: (record: RawRecord) => void,
    private readonly share: readonly [number, number],
    private readonly keepTop: boolean,
  ) {
    this.decode = decoderFor(encoding);
  }

  /** `sequential`: read from the current position (pipes have none to seek to); parts read by offset. */
  async run(handle: FileHandle, sequential: boolean): Promise<void> {
    const chunks = new ChunkReader(handle, sequential);
    let first = true;
    for (let chunk = await chunks.next(); chunk; chunk = await chunks.next()) {
      const { bytes, base, carried } = chunk;
      const bom = first && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
      first = false;
      const open = this.scan(bytes, bom ? 3 : carried, base);
      chunks.carry(open < 0 ? bytes.length : open);
      if (this.finished) break;
    }
    if (!this.finished && (this.featureOpen >= 0 || this.depth !== 0)) throw notGeojson(this.file, 'the JSON ends early (truncated file?)');
  }

  /** Set once a part has parsed its share and the next feature starts beyond it. */
  private finished = false;
  private inString = false;
  /** Offset (in the current buffer) where the open feature began, or -1. */
  private featureOpen = -1;

  /**
   * Scans bytes from `from`; returns the offset of a feature still open at the end (to carry into the next chunk), or
   * -1. A feature carried over restarts at its first byte with the depth it began at.
   */
  private scan(bytes: Buffer, from: number, base: number): number {
    const length = bytes.length;
    let depth = this.depth;
    let i = from;
    let topFrom = this.arrayDepth < 0 || depth < this.arrayDepth ? from : -1;
    if (this.featureOpen >= 0) this.featureOpen = 0;
    if (this.inString) {
      i = endOfString(bytes, i);
      if (i < 0) return this.keepOpen(bytes, topFrom, length, depth);
      this.inString = false;
      i += 1;
    }
    while (i < length) {
      const c = bytes[i]!;
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
          if (topFrom >= 0) this.pushTop(bytes, topFrom, i + 1);
          this.pushTopText(']');
          topFrom = -1;
        } else if (c === OPEN_BRACE && depth === this.arrayDepth + 1) {
          this.featureOpen = i;
        }
      } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        depth -= 1;
        if (c === CLOSE_BRACE && depth === this.arrayDepth && this.featureOpen >= 0) {
          this.feature(bytes, this.featureOpen, i + 1, base);
          this.featureOpen = -1;
          if (this.finished) {
            this.depth = depth;
            return -1;
          }
        } else if (c === CLOSE_BRACKET && depth === this.arrayDepth - 1) {
          // The features array closed: what follows (crs at the end, say) is top-level text again.
          this.arrayDepth = Number.POSITIVE_INFINITY;
          topFrom = i + 1;
        }
      }
      i += 1;
    }
    this.depth = depth;
    if (topFrom >= 0) this.pushTop(bytes, topFrom, length);
    this.tail = bytes.toString('latin1', Math.max(0, length - 32), length);
    return this.featureOpen >= 0 ? this.featureOpen : -1;
  }

  private keepOpen(bytes: Buffer, topFrom: number, length: number, depth: number): number {
    this.depth = depth;
    if (this.featureOpen >= 0) return this.featureOpen;
    if (topFrom >= 0) this.pushTop(bytes, topFrom, length);
    return -1;
  }

  private feature(bytes: Buffer, start: number, end: number, base: number): void {
    const index = this.index++;
    const offset = base + start;
    if (offset < this.share[0]) return;
    if (offset >= this.share[1]) {
      this.finished = true;
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(this.decode(bytes, start, end));
    } catch (error) {
      throw new SafeMapError('SOURCE_INVALID', `${this.file}: feature ${index} is not valid JSON (${(error as Error).message})`, { file: this.file, feature: index });
    }
    const feature = value as { geometry?: unknown; properties?: unknown };
    this.emit({ geometry: feature.geometry, properties: objectOrEmpty(feature.properties), origin: index });
  }

  private pushTop(bytes: Buffer, start: number, end: number): void {
    if (!this.keepTop || end <= start) return;
    this.topBytes += end - start;
    if (this.topBytes > TOP_LIMIT) throw notGeojson(this.file, 'expected a GeoJSON FeatureCollection, Feature or geometry');
    this.top.push(Buffer.from(bytes.subarray(start, end)));
  }

  private pushTopText(text: string): void {
    if (this.keepTop) this.top.push(Buffer.from(text, 'latin1'));
  }

  /** Everything outside the features array, the array written as `[]`; undefined in parts that do not keep it. */
  topText(): string | undefined {
    if (!this.keepTop) return undefined;
    const bytes = Buffer.concat(this.top);
    return this.decode(bytes, 0, bytes.length);
  }
}

/** Index of the quote closing a string whose body starts at `from`, or -1 when it runs past the buffer. */
function endOfString(bytes: Buffer, from: number): number {
  let at = bytes.indexOf(QUOTE, from);
  while (at >= 0) {
    let slashes = 0;
    for (let j = at - 1; j >= from && bytes[j] === BACKSLASH; j--) slashes++;
    if (slashes % 2 === 0) return at;
    at = bytes.indexOf(QUOTE, at + 1);
  }
  return -1;
}

/** Whether the `[` at `at` opens the value of a `"features"` member (whitespace and the colon skipped). */
function precededByFeaturesKey(bytes: Buffer, at: number, previousTail: string): boolean {
  const before = (previousTail + bytes.toString('latin1', Math.max(0, at - 48), at)).replace(/\s+/g, '');
  return before.endsWith('"features":');
}

async function shareOf(handle: FileHandle, part: FilePart | undefined): Promise<[number, number]> {
  if (!part || part.count <= 1) return [0, Number.POSITIVE_INFINITY];
  const { size } = await handle.stat();
  const start = Math.floor((size * part.index) / part.count);
  return [part.index === 0 ? 0 : start, part.index === part.count - 1 ? Number.POSITIVE_INFINITY : Math.floor((size * (part.index + 1)) / part.count)];
}

function decoderFor(encoding: string): (bytes: Buffer, start: number, end: number) => string {
  if (encoding === 'utf-8') return (bytes, start, end) => bytes.toString('utf8', start, end);
  return (bytes, start, end) => iconv.decode(bytes.subarray(start, end), encoding);
}

function parseTop(file: string, text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw notGeojson(file, 'not valid JSON outside the features');
  }
  if (Array.isArray(value)) return value;
  if (value === null || typeof value !== 'object') throw notGeojson(file, 'the top level is not a JSON object');
  return value;
}

function crsOf(value: unknown): string | undefined {
  const name = (value as { crs?: { properties?: { name?: unknown } } } | null)?.crs?.properties?.name;
  return typeof name === 'string' ? normalizeCrs(name) : undefined;
}

function objectOrEmpty(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function notGeojson(file: string, reason: string): SafeMapError {
  return new SafeMapError('SOURCE_INVALID', `${file}: ${reason}`, { file });
}
