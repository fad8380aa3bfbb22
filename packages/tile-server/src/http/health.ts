/** Liveness and readiness as the process sees them; readiness turns false first when shutting down. */
export class HealthState {
  ready = false;
  draining = false;
}
