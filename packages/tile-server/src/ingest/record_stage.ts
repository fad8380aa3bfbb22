import type { Geometry } from 'geojson';
import { DataDates, isDataDateField, parseDataDate } from './data_dates.js';
import { concatenate, copyInto, FeatureStore, firstPosition, type OriginKind, type PropertyValue } from './feature_store.js';
import type { IngestOptions, ValidationProblem } from './ingest_types.js';
import { provinceOfAddress } from './korea_land.js';
import { looksKorean } from './korea_region.js';
import { projectGeometry } from './project_geometry.js';
import { typeCell } from './type_cell.js';

/** One record as a reader gives it: a raw GeoJSON geometry in the file's own coordinates, and raw properties. */
export interface RawRecord {
  readonly geometry: unknown;
  /** Property values as read: CSV cells are text (typed here), GeoJSON values keep their JSON types. */
  readonly properties: Readonly<Record<string, unknown>>;
  /** CSV line of the row, or the feature's 0-based index in a GeoJSON file. */
  readonly origin: number;
  /** NDJSON: the line a feature is on, for messages. */
  readonly line?: number;
}

/** Which properties a layer publishes: a catalogue allow-list with declared types, or `-y` names as read. */
export type PropertyPolicy =
  | { readonly kind: 'all' }
  | { readonly kind: 'include'; readonly names: ReadonlySet<string> }
  | { readonly kind: 'allowList'; readonly types: Readonly<Record<string, 'string' | 'number' | 'boolean'>>; readonly fields: Readonly<Record<string, string>> };

/** What the stage learned about a file besides its features, mergeable across the parts read in parallel. */
export interface StageFacts {
  rows: number;
  problems: ValidationProblem[];
  dates: Array<[string, { rows: number; line?: number; feature?: number }]>;
  korean: boolean;
  /**
   * Per stored feature, what its address names: province (1-based into `provinces` of korea_land.ts) × 2^24 + a
   * 24-bit hash of its district (second word), 0 when unknown. Absent when no address was found.
   * Read before the publishing policy, so positions can be checked against addresses that are not published.
   */
  addressHints?: Uint32Array;
}

const acceptedTypes: Record<'point' | 'line' | 'polygon', ReadonlySet<string>> = {
  point: new Set(['Point', 'MultiPoint']),
  line: new Set(['LineString', 'MultiLineString']),
  polygon: new Set(['Polygon', 'MultiPolygon']),
};

const identity = (x: number, y: number): [number, number] => [x, y];
const emptyCells = new Set(['', 'null', 'NULL', '-', 'N/A']);

/**
 * The one stage every reader's records go through: geometry structure and kind, property typing (CSV text → numbers
 * where canonical; NFC text), data dates, the Korean-data hint, and the publishing policy, then into the compact
 * store with coordinates still as read. Readers know formats; this knows features.
 */
export class RecordStage {
  readonly store: FeatureStore;
  readonly problems: ValidationProblem[] = [];
  private readonly dates = new DataDates();
  private readonly dateKeys = new Map<string, boolean>();
  private readonly koreanSample: string[] = [];
  private korean = false;
  private addressKeys: string[] | undefined;
  /** A typed array, not numbers in a list: at 10,000,000 rows a list and its copies held 300 MB. */
  private addressHints: Uint32Array | undefined = new Uint32Array(1024);
  private addressFound = false;
  /** CSV columns with at least one cell that is not a canonical number: these stay text. */
  private readonly textColumns = new Set<string>();
  private finished = false;
  rows = 0;

  constructor(
    private readonly file: string,
    originKind: OriginKind,
    private readonly options: Pick<IngestOptions, 'geometry' | 'requiredFields'>,
    private readonly policy: PropertyPolicy,
    /** CSV cells are text to be typed; GeoJSON values already carry their types. */
    private readonly textCells: boolean,
  ) {
    this.store = new FeatureStore(originKind);
  }

  push(record: RawRecord): void {
    this.rows += 1;
    const where = this.store.originKind === 'line' ? { line: record.origin } : record.line === undefined ? { feature: record.origin } : { feature: record.origin, line: record.line };
    const problem = (kind: ValidationProblem['kind'], reason: string) => this.problems.push({ file: this.file, ...where, kind, severity: 'error', quarantined: true, reason });
    const placed = place(record.geometry);
    if ('invalid' in placed) return void problem('invalid-geometry', placed.invalid);
    if (this.options.geometry && !isOfKind(placed.type, placed.shape, this.options.geometry)) {
      return void problem('unexpected-geometry', `expected ${this.options.geometry} geometry, got ${placed.type}`);
    }
    const raw = this.typed(record.properties);
    for (const key in raw) {
      let isDate = this.dateKeys.get(key);
      if (isDate === undefined) this.dateKeys.set(key, (isDate = isDataDateField(key)));
      if (!isDate) continue;
      const date = parseDataDate(raw[key]);
      if (date) this.dates.add(date, where);
    }
    if (!this.korean && this.koreanSample.length < 400) {
      for (const key in raw) {
        this.koreanSample.push(key);
        const value = raw[key];
        if (typeof value === 'string') this.koreanSample.push(value);
      }
      this.korean = looksKorean(this.koreanSample);
    }
    for (const field of this.options.requiredFields ?? []) {
      if (!Object.hasOwn(raw, field)) return void problem('missing-field', `required field "${field}" is missing or empty`);
    }
    const index = this.store.append(placed.x, placed.y, placed.shape, this.publish(raw), record.origin);
    if (record.line !== undefined) this.store.setLine(index, record.line);
    this.noteAddress(raw, index);
  }

  /**
   * Types each CSV column once, from all its cells: a column whose every value is a canonical number becomes numbers;
   * one with any text stays text throughout, so `12` in a column of names stays "12" and `vector_layers` tells the
   * truth. Columns typed by a catalogue allow-list keep their declared types.
   */
  finish(): void {
    if (this.finished) return;
    this.finished = true;
    if (!this.textCells || this.policy.kind === 'allowList') return;
    for (const name of this.store.columns.keys()) if (!this.textColumns.has(name)) this.store.retypeColumn(name, (value) => (typeof value === 'string' ? Number(value) : value));
  }

  facts(): StageFacts {
    this.finish();
    // Cut to size (a copy), so a thread hands over no spare room; rows after the last one noted are 0.
    const hints = this.addressFound && this.addressHints ? copyInto(new Uint32Array(this.store.length), this.addressHints) : undefined;
    return { rows: this.rows, problems: this.problems, dates: this.dates.entries(), korean: this.korean, ...(hints ? { addressHints: hints } : {}) };
  }

  /** Keeps what a row's address says about where it is; gives up after 1,000 rows without one. */
  private noteAddress(raw: Record<string, PropertyValue>, index: number): void {
    const hints = this.addressHints;
    if (!hints) return;
    this.addressKeys ??= Object.keys(raw).filter((key) => addressKey.test(key));
    let hint = 0;
    for (const key of this.addressKeys) {
      const value = raw[key];
      if (typeof value !== 'string') continue;
      hint = addressHint(value);
      if (hint !== 0) break;
    }
    if (hint !== 0) this.addressFound = true;
    else if (!this.addressFound && index >= 1000) {
      this.addressHints = undefined;
      return;
    }
    if (index >= hints.length) this.addressHints = copyInto(new Uint32Array(Math.max(index + 1, hints.length * 2)), hints);
    this.addressHints![index] = hint;
  }

  private typed(input: Readonly<Record<string, unknown>>): Record<string, PropertyValue> {
    const out: Record<string, PropertyValue> = Object.create(null);
    for (const rawKey in input) {
      const value = input[rawKey];
      const key = nfc(rawKey).trim();
      if (value === null || value === undefined) continue;
      if (typeof value === 'string') {
        if (this.textCells) {
          // Kept as text here; typed once from all its cells in finish(), so one column has one type.
          const cell = typeCell(value);
          if (cell === undefined) continue;
          out[key] = typeof cell === 'number' ? cell.toString() : cell;
          if (typeof cell === 'string') this.textColumns.add(key);
        } else out[key] = nfc(value);
      } else if (typeof value === 'number') {
        if (Number.isFinite(value)) out[key] = value;
      } else if (typeof value === 'boolean') out[key] = value;
      else out[key] = nfc(JSON.stringify(value));
    }
    return out;
  }

  private publish(raw: Record<string, PropertyValue>): Record<string, PropertyValue> {
    const policy = this.policy;
    if (policy.kind === 'all') return raw;
    const out: Record<string, PropertyValue> = Object.create(null);
    if (policy.kind === 'include') {
      for (const key in raw) if (policy.names.has(key)) out[key] = raw[key]!;
      return out;
    }
    for (const name in policy.types) {
      // Own keys only: a published name like "toString" must not resolve to Object.prototype.toString.
      const sourceKey = Object.hasOwn(policy.fields, name) ? policy.fields[name]! : name;
      const found = Object.hasOwn(raw, sourceKey) ? raw[sourceKey] : undefined;
      const value = found === undefined ? undefined : coerceToType(found, policy.types[name]!);
      if (value !== undefined) out[name] = value;
    }
    return out;
  }
}

/** Combines the facts of parts read in order into the facts of the whole file. */
export function mergeFacts(parts: readonly StageFacts[]): StageFacts {
  const dates = new DataDates();
  for (const part of parts) for (const [date, entry] of part.dates) for (let i = 0; i < entry.rows; i++) dates.add(date, entry);
  return {
    rows: parts.reduce((sum, part) => sum + part.rows, 0),
    problems: parts.flatMap((part) => part.problems),
    dates: dates.entries(),
    korean: parts.some((part) => part.korean),
    // Hints line up with the joined store only when every part kept them.
    ...(parts.every((part) => part.addressHints) ? { addressHints: concatenate(parts.map((part) => part.addressHints!), (length) => new Uint32Array(length)) } : {}),
  };
}

/** Columns that hold an address or a province name: 주소, 소재지, 도로명, 시도명, address, CTPRVN_NM. */
const addressKey = /주소|소재지|도로명|지번|시도|address|addr|sido|ctprvn/i;

/** A row's address as a number: province × 2^24 + a hash of its district (second word); 0 when no province is named. */
export function addressHint(address: string): number {
  const province = provinceOfAddress(address);
  if (province === 0) return 0;
  // The district word only: "서울특별시 중구" and "서울 중구" are one district.
  const district = address.trim().split(/\s+/, 2)[1] ?? '';
  let hash = 2166136261;
  for (let i = 0; i < district.length; i++) hash = Math.imul(hash ^ district.charCodeAt(i), 16777619);
  return province * 2 ** 24 + ((hash >>> 8) || 1);
}

type Placed = { x: number; y: number; shape: Geometry | undefined; type: string } | { invalid: string };

/** A point's own coordinates, checked without building objects; any other geometry checked in full. */
function place(geometry: unknown): Placed {
  const g = geometry as { type?: unknown; coordinates?: unknown } | null;
  if (g && g.type === 'Point' && Array.isArray(g.coordinates) && g.coordinates.length >= 2) {
    const [x, y] = g.coordinates as unknown[];
    if (typeof x === 'number' && typeof y === 'number' && Number.isFinite(x) && Number.isFinite(y)) return { x, y, shape: undefined, type: 'Point' };
  }
  const checked = projectGeometry(geometry, identity);
  if ('invalid' in checked) return checked;
  const first = firstPosition(checked.geometry)!;
  return { x: first[0]!, y: first[1]!, shape: checked.geometry, type: checked.geometry.type };
}

function isOfKind(type: string, shape: Geometry | undefined, kind: 'point' | 'line' | 'polygon'): boolean {
  if (shape?.type === 'GeometryCollection') return shape.geometries.every((member) => isOfKind(member.type, member, kind));
  return acceptedTypes[kind].has(type);
}

/** NFC only when the text could change: ASCII is already normalised, and most values are ASCII or precomposed. */
function nfc(text: string): string {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0x300) return text.normalize('NFC');
  return text;
}

/** The catalogue's declared type: text is trimmed, "1,200" is 1200, yes/no words are booleans; otherwise left out. */
export function coerceToType(value: PropertyValue, type: 'string' | 'number' | 'boolean'): PropertyValue | undefined {
  if (typeof value === 'string') {
    const text = value.trim();
    if (emptyCells.has(text)) return undefined;
    if (type === 'string') return text;
    if (type === 'number') {
      const number = Number(text.replace(/,/g, ''));
      return Number.isFinite(number) ? number : undefined;
    }
    if (/^(true|y|yes|1|o|○)$/i.test(text)) return true;
    if (/^(false|n|no|0|x|×)$/i.test(text)) return false;
    return undefined;
  }
  if (typeof value === 'number') return type === 'string' ? String(value) : type === 'number' ? value : value !== 0;
  return type === 'string' ? String(value) : type === 'number' ? Number(value) : value;
}
