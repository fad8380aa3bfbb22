/** Whether a column or property holds the data date. */
export declare function isDataDateField(name: string): boolean;
/** Reads `2022-06-08`, `20220608`, `2022.06.08`, `2022/6/8` (optionally followed by a time) as ISO `YYYY-MM-DD`. */
export declare function parseDataDate(value: unknown): string | undefined;
/** Counts the rows of each distinct data date and remembers where each date was first seen. */
export declare class DataDates {
    #private;
    add(date: string, where: {
        line?: number;
        feature?: number;
    }): void;
    /** Distinct dates, oldest first. */
    sorted(): string[];
    entries(): Array<[string, {
        rows: number;
        line?: number;
        feature?: number;
    }]>;
}
