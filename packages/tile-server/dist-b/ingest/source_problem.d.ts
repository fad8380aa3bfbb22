/** One thing wrong with a source file, located precisely enough for a GIS officer to fix it. */
export interface SourceProblem {
    readonly file: string;
    /** 1-based line of a CSV row. */
    readonly line?: number;
    /** 0-based index of a GeoJSON feature. */
    readonly feature?: number;
    readonly reason: string;
}
