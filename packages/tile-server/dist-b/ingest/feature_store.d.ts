import type { Geometry, Position } from 'geojson';
export type PropertyValue = string | number | boolean;
/** Where a feature came from: the CSV line of its row, or its 0-based index in a GeoJSON file. */
export type OriginKind = 'line' | 'feature';
/** How a column holds its values: a dictionary (few distinct values), raw UTF-8 text, or plain numbers. */
export type ColumnMode = 'dictionary' | 'text' | 'number';
/**
 * One property across every feature. Agency layers repeat a few purposes, agencies and years across millions of
 * rows, so a column starts as a dictionary: the distinct values once, and per feature the 1-based id of its value (0
 * when it has none). A column that turns out mostly unique (ids, addresses) switches to raw UTF-8 bytes or a plain
 * number array, since a dictionary of a million unique strings costs more than the strings and hashes each one.
 */
export declare class PropertyColumn {
    readonly name: string;
    mode: ColumnMode;
    values: PropertyValue[];
    private lookup;
    private judged;
    ids: Uint32Array;
    /** Text mode: the bytes of every value in feature order, and where each feature's value ends. */
    bytes: Uint8Array;
    ends: Uint32Array;
    private byteLength;
    /** Number mode: one number per feature, NaN for none. */
    numbers: Float64Array;
    constructor(name: string, capacity: number);
    /** Sets feature `index`'s value; features are set in increasing index order. */
    set(index: number, value: PropertyValue): void;
    value(index: number): PropertyValue | undefined;
    /** Text mode: the byte range of feature `index`'s value (empty when it has none). */
    textRange(index: number): [number, number];
    /** Rewrites the values of features 0 … length − 1, starting over as a dictionary: a CSV column typed from all its cells. */
    retype(length: number, convert: (value: PropertyValue) => PropertyValue): void;
    grow(capacity: number): void;
    /** Lets go of the value → id map once nothing more is appended. */
    seal(length: number): void;
    /** Views of the column's own arrays, not copies: a part is handed over once, and a copy would double its peak. */
    toPart(length: number): ColumnPart;
    /** Appends a part's values for features offset … offset + length; same modes are copied in bulk. */
    appendPart(part: ColumnPart, offset: number, length: number): void;
    static fromPart(part: ColumnPart, length: number): PropertyColumn;
    /** Feature count up to which text ends are filled in (absent values are zero-length). */
    private filledTo;
    private fillTextTo;
    private ensureBytes;
    /** Past the dictionary limit: all text → raw text, all numbers → plain numbers, mixed stays a dictionary. */
    private judge;
}
/** A column's arrays trimmed to the store's length. */
export interface ColumnPart {
    readonly name: string;
    readonly mode: ColumnMode;
    readonly values: PropertyValue[];
    readonly ids: Uint32Array;
    readonly bytes: Uint8Array;
    readonly ends: Uint32Array;
    readonly numbers: Float64Array;
}
export interface StoreParts {
    readonly length: number;
    readonly x: Float64Array;
    readonly y: Float64Array;
    readonly origin: Float64Array;
    readonly originKind: OriginKind;
    readonly shapes: Array<[number, Geometry]>;
    readonly columns: ColumnPart[];
    readonly lines?: Float64Array | undefined;
}
/**
 * Every feature of one layer, compactly: positions in typed arrays (a point's own position; for a line or polygon its
 * first vertex, with the whole geometry kept aside), dictionary-encoded properties, and where each row came from. A
 * million points cost about 40 MB here against about 600 MB as GeoJSON objects. Coordinates are as read until
 * {@link FeatureStore.project} turns them into WGS84, so a CRS named late in a file costs nothing.
 */
export declare class FeatureStore {
    readonly originKind: OriginKind;
    length: number;
    x: Float64Array;
    y: Float64Array;
    origin: Float64Array;
    readonly shapes: Map<number, Geometry>;
    readonly columns: Map<string, PropertyColumn>;
    constructor(originKind: OriginKind, capacity?: number);
    /** Appends a feature: a point at (x, y), or `shape` (whose first vertex is x, y) for anything else. */
    append(x: number, y: number, shape: Geometry | undefined, properties: Readonly<Record<string, PropertyValue>>, origin: number): number;
    /** A store of GeoJSON-like features already in WGS84 (tests, library callers); ids are their positions. */
    static fromFeatures(features: ReadonlyArray<{
        geometry: Geometry;
        properties?: Readonly<Record<string, unknown>> | null;
    }>): FeatureStore;
    /** NDJSON: the line each feature is on, when known. */
    lines: Float64Array | undefined;
    /** Records the line of feature `index` (newline-delimited input, where line and feature index differ). */
    setLine(index: number, line: number): void;
    isPoint(index: number): boolean;
    /** True when every feature is a point, so the point path can tile the layer straight from the arrays. */
    get allPoints(): boolean;
    geometry(index: number): Geometry;
    /** Rewrites one column's values (see {@link PropertyColumn.retype}). */
    retypeColumn(name: string, convert: (value: PropertyValue) => PropertyValue): void;
    /** The feature's properties as a null-prototype object, in column order. */
    properties(index: number): Record<string, PropertyValue>;
    /** Converts every coordinate in place (positions and shapes); `project` must return finite numbers or NaN. */
    project(project: (x: number, y: number) => [number, number]): void;
    /** A new store holding only the features `keep` accepts, in order; ids are positions in the new store. */
    filter(keep: (index: number) => boolean): FeatureStore;
    /** Replaces positions with `move(lon, lat)` (precision grids); shapes are moved vertex by vertex. */
    movePositions(move: (position: Position) => Position): void;
    /** Bounds of all positions, or undefined when the store is empty. */
    bounds(): [number, number, number, number] | undefined;
    /**
     * Views of the arrays up to length, for posting to another thread: their buffers are transferred whole rather than
     * copied to size, since at a national size a copy of each part doubled the read's peak memory. The store is
     * consumed.
     */
    toParts(): StoreParts;
    /**
     * Joins parts read in order (file halves) into one store, renumbering their dictionaries into shared ones. Parts are
     * consumed: each array is let go as soon as it is copied, so at a national size the join needs about one store's
     * memory plus one column, not two whole stores.
     */
    static merge(parts: StoreParts[], originKind: OriginKind): FeatureStore;
    private grow;
}
export declare function forEachPosition(geometry: Geometry, visit: (position: Position) => void): void;
/** [west, south, east, north] of a geometry's positions; empty geometries give an inverted (infinite) box. */
export declare function geometryBounds(geometry: Geometry): [number, number, number, number];
export declare function firstPosition(geometry: Geometry): Position | undefined;
export declare function mapPositions(geometry: Geometry, move: (position: Position) => Position): Geometry;
