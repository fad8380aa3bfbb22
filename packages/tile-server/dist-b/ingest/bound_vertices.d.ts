import type { RawRecord } from './record_stage.js';
import type { ReaderFacts } from './source_reader.js';
/** Bounds on one feature's geometry, declared once: beyond them a feature is refused before any work on it. */
export declare const geometryLimits: {
    /** Positions in one feature: ten times a detailed cadastral parcel outline, far below what stalls validation. */
    readonly vertices: 500000;
    /** Geometry collections inside geometry collections. */
    readonly depth: 8;
};
/** Why a geometry is over {@link geometryLimits}, or undefined when it is within them. Counts without recursion on arrays. */
export declare function boundVertices(geometry: unknown, depth?: number): string | undefined;
/**
 * Emits a feature of a GIS format, unless its geometry is over {@link geometryLimits}: then it is reported by its
 * index and counted as seen, and nothing downstream spends time on it.
 */
export declare function emitBounded(record: RawRecord, file: string, facts: ReaderFacts, emit: (record: RawRecord) => void): void;
