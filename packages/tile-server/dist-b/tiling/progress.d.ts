/** One long step of a build (read, tiles, compress, write, verify), reporting how far it got. */
export interface ProgressStep {
    update(done: number): void;
    done(): void;
}
/** Where a build reports progress: a bar on a terminal, JSON lines for machines, or nothing. */
export interface Progress {
    step(name: string, total: number): ProgressStep;
}
/** Reports nothing: output that is not a terminal, or `-q`. */
export declare const silentProgress: Progress;
/** One JSON object per line (`--json-progress`): `{"step":"tiles","done":3,"total":15,"progress":20.0}`. */
export declare function jsonProgress(write: (line: string) => void): Progress;
/** A bar per step, redrawn in place on a terminal (stderr), at most ten times a second. */
export declare function terminalProgress(write: (text: string) => void, width?: number): Progress;
