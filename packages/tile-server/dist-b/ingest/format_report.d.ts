import type { IngestResult } from './ingest_types.js';
/**
 * The validation report for people: per file a summary line, then problems grouped by kind and reason with their
 * CSV lines (`file:12, 15–40`) or GeoJSON feature indexes, errors before warnings.
 */
export declare function formatReportText(result: IngestResult): string;
/** A reason with its quoted text and numbers replaced by "…", so rows that differ only in those group together. */
export declare function reasonTemplate(reason: string): string;
/** The validation report for machines (`--json`): sources, every problem and counts; never the features. */
export declare function reportJson(result: IngestResult): object;
