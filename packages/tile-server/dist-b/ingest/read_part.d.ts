import type { IngestOptions, SourceSummary } from './ingest_types.js';
import { RecordStage, type PropertyPolicy, type StageFacts } from './record_stage.js';
import type { FilePart, ReaderFacts } from './source_reader.js';
import type { StoreParts } from './feature_store.js';
/** Everything a thread needs to read one part of a file; plain data, so it can cross to a worker. */
export interface PartRequest {
    readonly file: string;
    readonly format: SourceSummary['format'];
    readonly options: ReaderOptions;
    readonly policy: PlainPolicy;
    readonly part?: FilePart;
}
/** The reading options that cross threads (no callbacks). */
export type ReaderOptions = Pick<IngestOptions, 'crs' | 'lat' | 'lon' | 'x' | 'y' | 'encoding' | 'sheet' | 'geometry' | 'requiredFields' | 'keepSuspect'>;
/** A {@link PropertyPolicy} with arrays instead of sets. */
export type PlainPolicy = {
    kind: 'all';
} | {
    kind: 'include';
    names: string[];
} | Extract<PropertyPolicy, {
    kind: 'allowList';
}>;
export interface PartResult {
    readonly store: StoreParts;
    readonly stage: StageFacts;
    readonly reader: ReaderFacts;
}
/** Reads a file, or one part of it, through its format's reader and the shared stage, into a compact store. */
export declare function readPart(request: PartRequest): Promise<PartResult>;
/** {@link readPart} in the calling thread, keeping the store as it is. */
export declare function readIntoStage(request: PartRequest, onProgress?: IngestOptions['onProgress']): Promise<{
    stage: RecordStage;
    reader: ReaderFacts;
}>;
