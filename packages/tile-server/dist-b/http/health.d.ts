/** Liveness and readiness as the process sees them; readiness turns false first when shutting down. */
export declare class HealthState {
    ready: boolean;
    draining: boolean;
    /** Revision of the catalogue being served (see LoadedCatalog), so a reload can be confirmed from outside. */
    catalog: string | undefined;
}
