import type { ArchiveBuildResult } from '../tiling/build_archive.js';
/** The final report of a build, for people and (as JSON) for machines. */
export interface BuildReport {
    readonly output: string;
    readonly format: string;
    readonly featuresPerLayer: Record<string, number>;
    readonly quarantined: number;
    readonly tilesPerZoom: Record<number, number>;
    readonly tiles: number;
    readonly bytes: number;
    readonly largestTile: {
        z: number;
        x: number;
        y: number;
        bytes: number;
    } | undefined;
    readonly thinnedTiles: number;
    /** Max-zoom tiles over 500 KB, kept whole so every feature stays. */
    readonly denseTiles: number;
    readonly seconds: number;
    readonly peakRssMB: number;
    readonly version?: string;
}
/** Collects the figures of a finished build; `started` is a performance.now() reading. */
export declare function buildReport(output: string, format: string, result: ArchiveBuildResult, quarantined: number, started: number, version?: string): BuildReport;
export declare function formatBuildReport(report: BuildReport): string;
