/** Liveness and readiness as the process sees them; readiness turns false first when shutting down. */
export class HealthState {
    ready = false;
    draining = false;
    /** Revision of the catalogue being served (see LoadedCatalog), so a reload can be confirmed from outside. */
    catalog;
}
//# sourceMappingURL=health.js.map