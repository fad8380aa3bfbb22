/** How a layer's features changed between two versions, told apart by position (or geometry) and properties. */
export interface FeatureDiff {
    readonly added: number;
    readonly removed: number;
    /** Features at the same position whose published properties differ. */
    readonly changed: number;
}
/** Compares the look-up files of two versions layer by layer: layer id → added, removed and changed features. */
export declare function diffLookups(before: string, after: string): Map<string, FeatureDiff>;
