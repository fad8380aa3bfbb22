/** Where a command writes; the process streams by default, buffers in tests. */
export interface CommandIo {
    stdout: {
        write(text: string): unknown;
    };
    stderr: {
        write(text: string): unknown;
        isTTY?: boolean;
    };
}
/** `safemap validate`: reads and checks the files, prints the report, returns the exit code. */
export declare function validateCommand(argv: string[], io?: CommandIo): Promise<number>;
