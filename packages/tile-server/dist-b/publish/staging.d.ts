/**
 * A temporary path beside `target`, on the same file system so the final rename is atomic. It carries the pid, so a
 * later run can tell a crashed build's leftovers from a build still running.
 */
export declare function stagingPathFor(target: string): string;
/**
 * The exact names `stagingPathFor` gives for `target` (a base name), and the companion files written beside them:
 * anchored at both ends, so a user's folder that merely contains `.staging-<pid>-<hex>` in its name never matches.
 */
export declare function stagingPattern(target: string): RegExp;
/**
 * Removes what builds that are no longer running (killed, crashed) left in `dir` while writing one of `targets`
 * (base names such as `archive.pmtiles`): only names `stagingPathFor` gives those targets, never anything else.
 */
export declare function cleanStaleStaging(dir: string, targets: readonly string[]): Promise<string[]>;
