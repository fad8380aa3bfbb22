import type { Geometry, Position } from 'geojson';

export type PropertyValue = string | number | boolean;

/** Where a feature came from: the CSV line of its row, or its 0-based index in a GeoJSON file. */
export type OriginKind = 'line' | 'feature';

/** Distinct values a column keeps in a dictionary before it is judged: past this, mostly-unique text is stored raw. */
const DICTIONARY_LIMIT = 65536;
const utf8 = new TextEncoder();

/** How a column holds its values: a dictionary (few distinct values), raw UTF-8 text, or plain numbers. */
export type ColumnMode = 'dictionary' | 'text' | 'number';

/**
 * Dictionary ids, one per feature, as narrow as the dictionary allows: agency columns (purpose, agency, year) rarely
 * have more than 255 values, and at 10,000,000 features each byte saved per column is 10 MB.
 */
export type DictionaryIds = Uint8Array | Uint16Array | Uint32Array;

/**
 * One property across every feature. Agency layers repeat a few purposes, agencies and years across millions of
 * rows, so a column starts as a dictionary: the distinct values once, and per feature the 1-based id of its value (0
 * when it has none). A column that turns out mostly unique (ids, addresses) switches to raw UTF-8 bytes or a plain
 * number array, since a dictionary of a million unique strings costs more than the strings and hashes each one.
 */
export class PropertyColumn {
  mode: ColumnMode = 'dictionary';
  values: PropertyValue[] = [];
  private lookup = new Map<PropertyValue, number>();
  private judged = false;
  ids: DictionaryIds;
  /**
   * Text mode: the bytes of every value in feature order, and where each feature's value ends, counted across all of
   * them. Values are appended to `bytes`, which starts at byte `openStart`; the bytes before it are `sealed` chunks.
   * A full chunk is sealed rather than copied into a larger one, and chunks are joined by reference, never copied
   * together: at a national size, the copies of growing and joining text held it two or three times over.
   */
  private bytes: Uint8Array = new Uint8Array(0);
  private openStart = 0;
  private sealed: TextChunk[] = [];
  ends: Uint32Array = new Uint32Array(0);
  private byteLength = 0;
  /**
   * Text mode: a value ending in a number (a house number, a serial) is kept as a shared prefix and its own ending.
   * National layers carry addresses, and "부산광역시 동래구 산업로 334" repeats all but "334" across thousands of
   * rows: at 10,000,000 cameras the address column took 428 MB whole. `prefixIds` is 0 for a value kept whole.
   */
  private prefixes: string[] = [];
  /** The prefixes' UTF-8 bytes back to back (one array, not one per prefix), and where each ends. */
  private prefixBytes = new Uint8Array(0);
  private prefixEnds: number[] = [];
  private prefixLookup = new Map<string, number>();
  private prefixIds: DictionaryIds = new Uint8Array(0);
  /** Number mode: one number per feature, NaN for none. */
  numbers: Float64Array = new Float64Array(0);

  constructor(
    readonly name: string,
    capacity: number,
  ) {
    this.ids = new Uint8Array(capacity);
  }

  /** Sets feature `index`'s value; features are set in increasing index order. */
  set(index: number, value: PropertyValue): void {
    if (this.mode === 'dictionary') {
      let id = this.lookup.get(value);
      if (id === undefined) {
        this.values.push(value);
        id = this.values.length;
        this.lookup.set(value, id);
        if (id === 256 || id === 65536) this.ids = copyInto(new (id === 256 ? Uint16Array : Uint32Array)(this.ids.length), this.ids);
        if (id > DICTIONARY_LIMIT && !this.judged) this.judge(index);
        if (this.mode !== 'dictionary') return this.set(index, value);
      }
      this.ids[index] = id;
    } else if (this.mode === 'text') {
      this.fillTextTo(index);
      let text = typeof value === 'string' ? value : String(value);
      const cut = endingStart(text);
      let prefix = 0;
      if (cut > 0 && cut < text.length) {
        const head = text.slice(0, cut);
        prefix = this.prefixLookup.get(head) ?? (this.prefixes.length < PREFIX_LIMIT ? this.addPrefix(head) : 0);
        if (prefix !== 0) text = text.slice(cut);
      }
      this.prefixIds[index] = prefix;
      // Encoded straight into the arena: no array per value for the garbage collector.
      this.ensureBytes(this.byteLength - this.openStart + text.length * 3);
      this.byteLength += utf8.encodeInto(text, this.bytes.subarray(this.byteLength - this.openStart)).written;
      this.ends[index] = this.byteLength;
    } else {
      this.numbers[index] = typeof value === 'number' ? value : Number(value);
    }
  }

  value(index: number): PropertyValue | undefined {
    if (this.mode === 'dictionary') {
      const id = this.ids[index]!;
      return id === 0 ? undefined : this.values[id - 1];
    }
    if (this.mode === 'number') {
      const number = this.numbers[index]!;
      return Number.isNaN(number) ? undefined : number;
    }
    const bytes = this.textBytes(index);
    return bytes ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8') : undefined;
  }

  /** Text mode: feature `index`'s value as UTF-8 bytes, or undefined when it has none. */
  textBytes(index: number): Uint8Array | undefined {
    const length = this.textLength(index);
    if (length === 0) return undefined;
    const out = new Uint8Array(length);
    this.copyText(index, out, 0);
    return out;
  }

  /** Text mode: the UTF-8 length of feature `index`'s value, prefix included; 0 when it has none. */
  textLength(index: number): number {
    if (index >= this.filledTo) return 0;
    const stored = this.ends[index]! - (index === 0 ? 0 : this.ends[index - 1]!);
    if (stored === 0) return 0;
    const prefix = this.prefixIds[index]!;
    return prefix === 0 ? stored : stored + this.prefixEnds[prefix - 1]! - (prefix === 1 ? 0 : this.prefixEnds[prefix - 2]!);
  }

  /**
   * Text mode: copies feature `index`'s value (`textLength` bytes) into `target` at `offset`. Tiles copy millions of
   * short values, so this makes no view or array per value: a typed-array view costs more than copying 40 bytes.
   */
  copyText(index: number, target: Uint8Array, offset: number): void {
    const prefix = this.prefixIds[index]!;
    let at = offset;
    if (prefix !== 0) {
      const end = this.prefixEnds[prefix - 1]!;
      for (let i = prefix === 1 ? 0 : this.prefixEnds[prefix - 2]!; i < end; i++) target[at++] = this.prefixBytes[i]!;
    }
    const start = index === 0 ? 0 : this.ends[index - 1]!;
    const end = this.ends[index]!;
    let bytes = this.bytes;
    let base = this.openStart;
    if (start < this.openStart) {
      // The last sealed chunk starting at or before `start`: the one holding the value.
      let low = 0;
      let high = this.sealed.length - 1;
      while (low < high) {
        const middle = (low + high + 1) >> 1;
        if (this.sealed[middle]!.start <= start) low = middle;
        else high = middle - 1;
      }
      bytes = this.sealed[low]!.bytes;
      base = this.sealed[low]!.start;
    }
    for (let i = start - base; i < end - base; i++) target[at++] = bytes[i]!;
  }

  /** Adds a prefix to the column's dictionary, widening the ids when they no longer fit; returns its id. */
  private addPrefix(head: string): number {
    this.prefixes.push(head);
    const used = this.prefixEnds.length === 0 ? 0 : this.prefixEnds[this.prefixEnds.length - 1]!;
    if (used + head.length * 3 > this.prefixBytes.length) this.prefixBytes = copyInto(new Uint8Array(Math.max(1024, (used + head.length * 3) * 2)), this.prefixBytes.subarray(0, used));
    this.prefixEnds.push(used + utf8.encodeInto(head, this.prefixBytes.subarray(used)).written);
    const id = this.prefixes.length;
    this.prefixLookup.set(head, id);
    if (id === 256 || id === 65536) this.prefixIds = copyInto(new (id === 256 ? Uint16Array : Uint32Array)(this.prefixIds.length), this.prefixIds);
    return id;
  }

  /** Rewrites the values of features 0 … length − 1, starting over as a dictionary: a CSV column typed from all its cells. */
  retype(length: number, convert: (value: PropertyValue) => PropertyValue): void {
    const old = Array.from({ length }, (_, index) => this.value(index));
    const capacity = Math.max(this.ids.length, this.ends.length, this.numbers.length, length);
    this.mode = 'dictionary';
    this.values = [];
    this.lookup = new Map();
    this.judged = false;
    this.ids = new Uint8Array(capacity);
    this.bytes = new Uint8Array(0);
    this.openStart = 0;
    this.sealed = [];
    this.ends = new Uint32Array(0);
    this.prefixes = [];
    this.prefixBytes = new Uint8Array(0);
    this.prefixEnds = [];
    this.prefixLookup = new Map();
    this.prefixIds = new Uint8Array(0);
    this.numbers = new Float64Array(0);
    this.byteLength = 0;
    this.filledTo = 0;
    old.forEach((value, index) => {
      if (value !== undefined) this.set(index, convert(value));
    });
  }

  grow(capacity: number): void {
    if (this.mode === 'dictionary') this.ids = copyInto(new (this.ids.constructor as new (length: number) => DictionaryIds)(capacity), this.ids);
    else if (this.mode === 'text') {
      this.ends = copyInto(new Uint32Array(capacity), this.ends);
      this.prefixIds = copyInto(new (this.prefixIds.constructor as new (length: number) => DictionaryIds)(capacity), this.prefixIds);
    } else this.numbers = copyInto(new Float64Array(capacity).fill(NaN), this.numbers);
  }

  /** Lets go of the value → id map once nothing more is appended. */
  seal(length: number): void {
    this.lookup = new Map();
    this.prefixLookup = new Map();
    if (this.mode === 'text') this.fillTextTo(length);
  }

  /**
   * The column's arrays cut to `length`, for handing over once: copied to size one at a time (the column keeps the
   * copy, so the roomier array is let go before the next is copied), or viewed in place when little room is spare.
   */
  toPart(length: number): ColumnPart {
    this.seal(length);
    if (this.mode === 'dictionary') this.ids = fitted(this.ids, length);
    if (this.mode === 'text') {
      this.ends = fitted(this.ends, length);
      this.prefixIds = fitted(this.prefixIds, length);
    }
    if (this.mode === 'number') this.numbers = fitted(this.numbers, length);
    return {
      name: this.name,
      mode: this.mode,
      values: this.values,
      ids: this.mode === 'dictionary' ? this.ids : new Uint8Array(0),
      bytes: this.mode === 'text' ? this.textChunks().map((chunk) => chunk.bytes) : [],
      ends: this.mode === 'text' ? this.ends : new Uint32Array(0),
      prefixes: this.mode === 'text' ? this.prefixes : [],
      prefixIds: this.mode === 'text' ? this.prefixIds : new Uint8Array(0),
      numbers: this.mode === 'number' ? this.numbers : new Float64Array(0),
    };
  }

  /** Appends a part's values for features offset … offset + length; same modes are copied in bulk. */
  appendPart(part: ColumnPart, offset: number, length: number): void {
    if (offset === 0 && this.mode === 'dictionary' && this.values.length === 0 && part.mode !== 'dictionary') {
      this.judged = true;
      this.mode = part.mode;
      const capacity = this.ids.length;
      this.ids = new Uint8Array(0);
      if (part.mode === 'text') {
        this.ends = new Uint32Array(capacity);
        this.prefixIds = new Uint8Array(capacity);
      } else this.numbers = new Float64Array(capacity).fill(NaN);
    }
    if (this.mode === 'text' && part.mode === 'text') {
      this.fillTextTo(offset);
      // The part's chunks are kept as they came, not copied onto the others.
      this.sealed = this.textChunks();
      const base = this.byteLength;
      for (const bytes of part.bytes) {
        this.sealed.push({ start: this.byteLength, bytes });
        this.byteLength += bytes.length;
      }
      for (let i = 0; i < length; i++) this.ends[offset + i] = base + part.ends[i]!;
      // The part's prefixes join this column's; every one is kept, however many, since its endings are stored without it.
      const ids = part.prefixes.map((head) => this.prefixLookup.get(head) ?? this.addPrefix(head));
      for (let i = 0; i < length; i++) {
        const id = part.prefixIds[i]!;
        this.prefixIds[offset + i] = id === 0 ? 0 : ids[id - 1]!;
      }
      this.bytes = new Uint8Array(0);
      this.openStart = this.byteLength;
      this.filledTo = offset + length;
      return;
    }
    if (this.mode === 'number' && part.mode === 'number') {
      this.numbers.set(part.numbers, offset);
      return;
    }
    const source = PropertyColumn.fromPart(part, length);
    for (let i = 0; i < length; i++) {
      const value = source.value(i);
      if (value !== undefined) this.set(offset + i, value);
    }
  }

  /** Moves the values of kept features (`kept[i]` = 1) down in place, in order; see {@link FeatureStore.keepOnly}. */
  keepOnly(kept: Uint8Array, length: number): void {
    let to = 0;
    if (this.mode === 'text') {
      this.fillTextTo(length);
      // Each chunk is compacted within itself; a value never spans two chunks.
      const chunks: TextChunk[] = [...this.sealed, { start: this.openStart, bytes: this.bytes.subarray(0, this.byteLength - this.openStart) }];
      const starts = chunks.map(() => 0);
      const lengths = chunks.map(() => 0);
      let c = 0;
      let written = 0;
      let start = 0;
      for (let from = 0; from < length; from++) {
        const end = this.ends[from]!;
        if (kept[from]) {
          if (end > start) {
            while (start >= chunks[c]!.start + chunks[c]!.bytes.length) {
              c += 1;
              starts[c] = written;
            }
            const chunk = chunks[c]!;
            chunk.bytes.copyWithin(lengths[c]!, start - chunk.start, end - chunk.start);
            lengths[c] = lengths[c]! + end - start;
            written += end - start;
          }
          this.prefixIds[to] = this.prefixIds[from]!;
          this.ends[to++] = written;
        }
        start = end;
      }
      for (let k = c + 1; k < chunks.length; k++) starts[k] = written;
      const compacted = chunks.map((chunk, k) => ({ start: starts[k]!, bytes: chunk.bytes.subarray(0, lengths[k]!) }));
      const open = compacted.pop()!;
      this.sealed = compacted.filter((chunk) => chunk.bytes.length > 0);
      this.bytes = open.bytes;
      this.openStart = open.start;
      this.byteLength = written;
      this.filledTo = to;
      return;
    }
    const values = this.mode === 'dictionary' ? this.ids : this.numbers;
    for (let from = 0; from < length; from++) if (kept[from]) values[to++] = values[from]!;
  }

  static fromPart(part: ColumnPart, length: number): PropertyColumn {
    const column = new PropertyColumn(part.name, 0);
    column.judged = true;
    column.mode = part.mode;
    column.values = part.values;
    column.ids = part.ids;
    let start = 0;
    for (const bytes of part.bytes) {
      column.sealed.push({ start, bytes });
      start += bytes.length;
    }
    column.byteLength = start;
    column.openStart = start;
    column.ends = part.ends;
    for (const head of part.prefixes) column.addPrefix(head);
    column.prefixIds = part.prefixIds;
    column.numbers = part.numbers;
    column.filledTo = part.mode === 'text' ? length : 0;
    return column;
  }

  /** Feature count up to which text ends are filled in (absent values are zero-length). */
  private filledTo = 0;

  private fillTextTo(index: number): void {
    for (let i = this.filledTo; i < index; i++) this.ends[i] = this.byteLength;
    this.filledTo = Math.max(this.filledTo, index + 1);
  }

  private ensureBytes(size: number): void {
    if (size <= this.bytes.length) return;
    const used = this.byteLength - this.openStart;
    if (used < TEXT_CHUNK) {
      this.bytes = copyInto(new Uint8Array(Math.max(size, this.bytes.length * 2, 1 << 16)), this.bytes.subarray(0, used));
      return;
    }
    this.sealed.push({ start: this.openStart, bytes: this.bytes.subarray(0, used) });
    this.openStart = this.byteLength;
    this.bytes = new Uint8Array(Math.max(size - used, TEXT_CHUNK));
  }

  /** The text as chunks in order: the sealed ones and the used part of the open one. */
  private textChunks(): TextChunk[] {
    const open = this.byteLength - this.openStart;
    return open > 0 ? [...this.sealed, { start: this.openStart, bytes: this.bytes.subarray(0, open) }] : [...this.sealed];
  }

  /** Past the dictionary limit: all text → raw text, all numbers → plain numbers, mixed stays a dictionary. */
  private judge(upTo: number): void {
    this.judged = true;
    const kinds = new Set(this.values.map((value) => typeof value));
    if (kinds.size !== 1 || kinds.has('boolean')) return;
    const capacity = this.ids.length;
    const ids = this.ids;
    const values = this.values;
    this.mode = kinds.has('string') ? 'text' : 'number';
    this.values = [];
    this.lookup = new Map();
    if (this.mode === 'number') {
      this.numbers = new Float64Array(capacity).fill(NaN);
      for (let i = 0; i < upTo; i++) if (ids[i]! !== 0) this.numbers[i] = values[ids[i]! - 1] as number;
    } else {
      this.ends = new Uint32Array(capacity);
      this.prefixIds = new Uint8Array(capacity);
      for (let i = 0; i < upTo; i++) if (ids[i]! !== 0) this.set(i, values[ids[i]! - 1]!);
      // Up to and including the last feature before `upTo`: one with no value must still end where the one before it did.
      this.fillTextTo(upTo);
    }
    this.ids = new Uint8Array(0);
  }
}

/** The arrays back to back, in a new array made by `make`. */
export function concatenate<T extends Uint8Array | Uint32Array>(parts: readonly T[], make: (length: number) => T): T {
  const out = make(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** `array` cut to `length`: a copy when more than an eighth of it would be left spare, else a view. */
function fitted<T extends Uint8Array | Uint16Array | Uint32Array | Float64Array>(array: T, length: number): T {
  return (array.length - length > length / 8 ? array.slice(0, length) : array.subarray(0, length)) as T;
}

/** Room for more than `size` values: doubling while small, then a quarter more, so a national part is not held at up to twice its size. */
function roomFor(size: number): number {
  return size < 1 << 20 ? size * 2 : Math.ceil(size * 1.25);
}

/** `target` with the start of `source` copied in (as much as fits); the rest of `target` is left as it was. */
export function copyInto<T extends Uint8Array | Uint16Array | Uint32Array | Float64Array>(target: T, source: Uint8Array | Uint16Array | Uint32Array | Float64Array): T {
  target.set(source.subarray(0, Math.min(source.length, target.length)) as never);
  return target;
}

/** Distinct prefixes a text column keeps while reading; values whose prefix would be past this are kept whole. */
const PREFIX_LIMIT = 65535;

/** Where a value's ending of digits and dashes begins ("산업로 334" → at "334"; "CCTV-00000001" → at "-00000001"). */
function endingStart(text: string): number {
  let at = text.length;
  for (let c = text.charCodeAt(at - 1); at > 0 && ((c >= 48 && c <= 57) || c === 45); c = text.charCodeAt(at - 1)) at--;
  return at;
}

/** Text is appended to chunks of this size once it outgrows a first smaller one: small enough that the unused end of the last one is no matter. */
const TEXT_CHUNK = 4 << 20;

/** Text bytes that start at byte `start` of a column's values. */
interface TextChunk {
  readonly start: number;
  readonly bytes: Uint8Array;
}

/** A column's arrays trimmed to the store's length. */
export interface ColumnPart {
  readonly name: string;
  readonly mode: ColumnMode;
  readonly values: PropertyValue[];
  readonly ids: DictionaryIds;
  /** Text mode: the values' bytes, in chunks, in order. */
  readonly bytes: Uint8Array[];
  readonly ends: Uint32Array;
  readonly prefixes: string[];
  readonly prefixIds: DictionaryIds;
  readonly numbers: Float64Array;
}

/** The transferable form of a store, for moving a part read in a worker thread to the thread that merges. */
const EMPTY_F64 = new Float64Array(0);
const EMPTY_U32 = new Uint32Array(0);
const RELEASED_COLUMN: ColumnPart = { name: '', mode: 'dictionary', values: [], ids: new Uint8Array(0), bytes: [], ends: new Uint32Array(0), prefixes: [], prefixIds: new Uint8Array(0), numbers: new Float64Array(0) };

export interface StoreParts {
  readonly length: number;
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly origin: Uint32Array;
  readonly originKind: OriginKind;
  readonly shapes: Array<[number, Geometry]>;
  readonly columns: ColumnPart[];
  readonly lines?: Uint32Array | undefined;
}

/**
 * Every feature of one layer, compactly: positions in typed arrays (a point's own position; for a line or polygon its
 * first vertex, with the whole geometry kept aside), dictionary-encoded properties, and where each row came from. A
 * million points cost about 40 MB here against about 600 MB as GeoJSON objects. Coordinates are as read until
 * {@link FeatureStore.project} turns them into WGS84, so a CRS named late in a file costs nothing.
 */
export class FeatureStore {
  length = 0;
  x: Float64Array;
  y: Float64Array;
  /** A row's line or feature number: whole and under 2³², so 4 bytes, not 8. */
  origin: Uint32Array;
  readonly shapes = new Map<number, Geometry>();
  readonly columns = new Map<string, PropertyColumn>();

  constructor(
    readonly originKind: OriginKind,
    capacity = 1024,
  ) {
    this.x = new Float64Array(capacity);
    this.y = new Float64Array(capacity);
    this.origin = new Uint32Array(capacity);
  }

  /** Appends a feature: a point at (x, y), or `shape` (whose first vertex is x, y) for anything else. */
  append(x: number, y: number, shape: Geometry | undefined, properties: Readonly<Record<string, PropertyValue>>, origin: number): number {
    const index = this.length;
    if (index === this.x.length) this.grow(roomFor(index));
    this.x[index] = x;
    this.y[index] = y;
    this.origin[index] = origin;
    if (shape) this.shapes.set(index, shape);
    for (const name in properties) {
      let column = this.columns.get(name);
      if (!column) {
        column = new PropertyColumn(name, this.x.length);
        this.columns.set(name, column);
      }
      column.set(index, properties[name]!);
    }
    this.length = index + 1;
    return index;
  }

  /** A store of GeoJSON-like features already in WGS84 (tests, library callers); ids are their positions. */
  static fromFeatures(features: ReadonlyArray<{ geometry: Geometry; properties?: Readonly<Record<string, unknown>> | null }>): FeatureStore {
    const store = new FeatureStore('feature', Math.max(1, features.length));
    features.forEach((feature, index) => {
      const properties: Record<string, PropertyValue> = Object.create(null);
      for (const [key, value] of Object.entries(feature.properties ?? {})) {
        if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') properties[key] = value;
        else if (value !== null && value !== undefined) properties[key] = JSON.stringify(value);
      }
      const geometry = feature.geometry;
      if (geometry.type === 'Point') store.append(geometry.coordinates[0]!, geometry.coordinates[1]!, undefined, properties, index);
      else {
        const first = firstPosition(geometry);
        store.append(first?.[0] ?? NaN, first?.[1] ?? NaN, geometry, properties, index);
      }
    });
    return store;
  }

  /** NDJSON: the line each feature is on, when known. */
  lines: Uint32Array | undefined;

  /** Records the line of feature `index` (newline-delimited input, where line and feature index differ). */
  setLine(index: number, line: number): void {
    if (!this.lines) this.lines = new Uint32Array(this.x.length);
    if (this.lines.length < this.x.length) {
      this.lines = copyInto(new Uint32Array(this.x.length), this.lines);
    }
    this.lines[index] = line;
  }

  isPoint(index: number): boolean {
    return !this.shapes.has(index);
  }

  /** True when every feature is a point, so the point path can tile the layer straight from the arrays. */
  get allPoints(): boolean {
    return this.shapes.size === 0;
  }

  geometry(index: number): Geometry {
    return this.shapes.get(index) ?? { type: 'Point', coordinates: [this.x[index]!, this.y[index]!] };
  }

  /** Rewrites one column's values (see {@link PropertyColumn.retype}). */
  retypeColumn(name: string, convert: (value: PropertyValue) => PropertyValue): void {
    this.columns.get(name)?.retype(this.length, convert);
  }

  /** The feature's properties as a null-prototype object, in column order. */
  properties(index: number): Record<string, PropertyValue> {
    const out: Record<string, PropertyValue> = Object.create(null);
    for (const column of this.columns.values()) {
      const value = column.value(index);
      if (value !== undefined) out[column.name] = value;
    }
    return out;
  }

  /** Converts every coordinate in place (positions and shapes); `project` must return finite numbers or NaN. */
  project(project: (x: number, y: number) => [number, number]): void {
    for (let i = 0; i < this.length; i++) {
      if (this.shapes.has(i)) continue;
      const [lon, lat] = project(this.x[i]!, this.y[i]!);
      this.x[i] = lon;
      this.y[i] = lat;
    }
    for (const [index, shape] of this.shapes) {
      const projected = mapPositions(shape, (position) => project(position[0]!, position[1]!));
      this.shapes.set(index, projected);
      const first = firstPosition(projected);
      this.x[index] = first?.[0] ?? NaN;
      this.y[index] = first?.[1] ?? NaN;
    }
  }

  /**
   * Keeps only the features `keep` accepts, in order, moving them down in place: ids become positions among the kept.
   * In place because a national layer drops a few percent of its rows, and a filtered copy held two whole stores at
   * once, the largest peak of a build.
   */
  keepOnly(keep: (index: number) => boolean): this {
    const kept = new Uint8Array(this.length);
    let count = 0;
    for (let i = 0; i < this.length; i++) if (keep(i)) (kept[i] = 1), count++;
    if (count === this.length) return this;
    let to = 0;
    const shapes = [...this.shapes];
    this.shapes.clear();
    const shapeAt = new Map(shapes);
    for (let from = 0; from < this.length; from++) {
      if (!kept[from]) continue;
      this.x[to] = this.x[from]!;
      this.y[to] = this.y[from]!;
      this.origin[to] = this.origin[from]!;
      if (this.lines) this.lines[to] = this.lines[from]!;
      const shape = shapeAt.get(from);
      if (shape) this.shapes.set(to, shape);
      to++;
    }
    for (const column of this.columns.values()) column.keepOnly(kept, this.length);
    this.length = count;
    return this;
  }

  /** Replaces positions with `move(lon, lat)` (precision grids); shapes are moved vertex by vertex. */
  movePositions(move: (position: Position) => Position): void {
    for (let i = 0; i < this.length; i++) {
      const shape = this.shapes.get(i);
      if (shape) {
        const moved = mapPositions(shape, move);
        this.shapes.set(i, moved);
        continue;
      }
      const [lon, lat] = move([this.x[i]!, this.y[i]!]);
      this.x[i] = lon!;
      this.y[i] = lat!;
    }
  }

  /** Bounds of all positions, or undefined when the store is empty. */
  bounds(): [number, number, number, number] | undefined {
    const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
    const visit = (x: number, y: number) => {
      if (x < box[0]) box[0] = x;
      if (y < box[1]) box[1] = y;
      if (x > box[2]) box[2] = x;
      if (y > box[3]) box[3] = y;
    };
    for (let i = 0; i < this.length; i++) if (!this.shapes.has(i)) visit(this.x[i]!, this.y[i]!);
    for (const shape of this.shapes.values()) forEachPosition(shape, (p) => visit(p[0]!, p[1]!));
    return box[0] <= box[2] ? box : undefined;
  }

  /**
   * The arrays cut to length, for posting to another thread, whose buffers are then transferred. Each is copied to
   * size in turn and the store keeps the copy, so the roomier one is let go before the next: at a national size, the
   * spare room of growing arrays was a third of what a thread handed over. The store is consumed.
   */
  toParts(): StoreParts {
    this.x = fitted(this.x, this.length);
    this.y = fitted(this.y, this.length);
    this.origin = fitted(this.origin, this.length);
    if (this.lines) this.lines = fitted(this.lines, this.length);
    return {
      length: this.length,
      x: this.x,
      y: this.y,
      origin: this.origin,
      originKind: this.originKind,
      shapes: [...this.shapes],
      ...(this.lines ? { lines: this.lines } : {}),
      columns: [...this.columns.values()].map((column) => column.toPart(this.length)),
    };
  }

  /**
   * Joins parts read in order (file halves) into one store, renumbering their dictionaries into shared ones. Parts are
   * consumed: each array is let go as soon as it is copied, so at a national size the join needs about one store's
   * memory plus one column, not two whole stores.
   */
  static merge(parts: StoreParts[], originKind: OriginKind): FeatureStore {
    const total = parts.reduce((sum, part) => sum + part.length, 0);
    const out = new FeatureStore(originKind, 0);
    const offsets: number[] = [];
    let offset = 0;
    for (const part of parts) {
      offsets.push(offset);
      for (const [index, shape] of part.shapes) out.shapes.set(offset + index, shape);
      offset += part.length;
    }
    // One array at a time, each part's let go as soon as it is copied.
    const join = <K extends 'x' | 'y' | 'origin' | 'lines'>(key: K, into: NonNullable<StoreParts[K]>): NonNullable<StoreParts[K]> => {
      parts.forEach((part, p) => {
        const from = part[key];
        if (from) into.set(from, offsets[p]!);
        parts[p] = { ...part, [key]: key === 'x' || key === 'y' ? EMPTY_F64 : EMPTY_U32, shapes: [] };
      });
      return into;
    };
    const capacity = Math.max(1, total);
    out.x = join('x', new Float64Array(capacity));
    out.y = join('y', new Float64Array(capacity));
    out.origin = join('origin', new Uint32Array(capacity));
    if (parts.some((part) => part.lines && part.lines.length > 0)) out.lines = join('lines', new Uint32Array(capacity));
    // Column by column, in the order columns first appear, so one column of every part is released before the next.
    const names = [...new Set(parts.flatMap((part) => part.columns.map((column) => column.name)))];
    for (const name of names) {
      const column = new PropertyColumn(name, Math.max(1, total));
      out.columns.set(name, column);
      parts.forEach((part, p) => {
        const at = part.columns.findIndex((source) => source.name === name);
        if (at === -1) return;
        column.appendPart(part.columns[at]!, offsets[p]!, part.length);
        part.columns[at] = RELEASED_COLUMN;
      });
      column.seal(total);
    }
    out.length = total;
    return out;
  }

  private grow(capacity: number): void {
    this.x = copyInto(new Float64Array(capacity), this.x);
    this.y = copyInto(new Float64Array(capacity), this.y);
    this.origin = copyInto(new Uint32Array(capacity), this.origin);
    for (const column of this.columns.values()) column.grow(capacity);
  }
}

export function forEachPosition(geometry: Geometry, visit: (position: Position) => void): void {
  switch (geometry.type) {
    case 'Point':
      return visit(geometry.coordinates);
    case 'MultiPoint':
    case 'LineString':
      return geometry.coordinates.forEach(visit);
    case 'MultiLineString':
    case 'Polygon':
      return geometry.coordinates.forEach((line) => line.forEach(visit));
    case 'MultiPolygon':
      return geometry.coordinates.forEach((polygon) => polygon.forEach((ring) => ring.forEach(visit)));
    case 'GeometryCollection':
      return geometry.geometries.forEach((part) => forEachPosition(part, visit));
  }
}

/** [west, south, east, north] of a geometry's positions; empty geometries give an inverted (infinite) box. */
export function geometryBounds(geometry: Geometry): [number, number, number, number] {
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  forEachPosition(geometry, (position) => {
    box[0] = Math.min(box[0], position[0]!);
    box[1] = Math.min(box[1], position[1]!);
    box[2] = Math.max(box[2], position[0]!);
    box[3] = Math.max(box[3], position[1]!);
  });
  return box;
}

export function firstPosition(geometry: Geometry): Position | undefined {
  let first: Position | undefined;
  forEachPosition(geometry, (position) => (first ??= position));
  return first;
}

export function mapPositions(geometry: Geometry, move: (position: Position) => Position): Geometry {
  switch (geometry.type) {
    case 'Point':
      return { type: 'Point', coordinates: move(geometry.coordinates) };
    case 'MultiPoint':
      return { type: 'MultiPoint', coordinates: geometry.coordinates.map(move) };
    case 'LineString':
      return { type: 'LineString', coordinates: geometry.coordinates.map(move) };
    case 'MultiLineString':
      return { type: 'MultiLineString', coordinates: geometry.coordinates.map((line) => line.map(move)) };
    case 'Polygon':
      return { type: 'Polygon', coordinates: geometry.coordinates.map((ring) => ring.map(move)) };
    case 'MultiPolygon':
      return { type: 'MultiPolygon', coordinates: geometry.coordinates.map((polygon) => polygon.map((ring) => ring.map(move))) };
    case 'GeometryCollection':
      return { type: 'GeometryCollection', geometries: geometry.geometries.map((part) => mapPositions(part, move)) };
  }
}
