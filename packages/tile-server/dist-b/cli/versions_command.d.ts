import type { CommandIo } from './validate_command.js';
/** One kept version as `safemap versions` shows it. */
export interface VersionListing {
    readonly version: string;
    readonly current: boolean;
    readonly builtAt: string;
    readonly catalogue: {
        readonly file: string;
        readonly sha256: string;
    } | null;
    readonly configHash: string | null;
    readonly sources: ReadonlyArray<{
        readonly layer?: string;
        readonly path: string;
        readonly sha256: string;
    }>;
    readonly featuresPerLayer: Readonly<Record<string, number>>;
    /** `passed`/`forced` from the record; null for versions published before records were written. */
    readonly guard: 'passed' | 'forced' | null;
}
export declare function versionsCommand(argv: string[], io?: CommandIo): Promise<number>;
