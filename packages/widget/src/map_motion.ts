import type { Map as MapLibreMap } from 'maplibre-gl';

/** True when the resident asked the system for less motion. Read at each move, so a change applies at once. */
export function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** Moves the map to a place: a short flight, or an instant jump when the resident prefers reduced motion. */
export function moveMap(map: MapLibreMap, target: { center?: [number, number]; zoom?: number }): void {
  const options = { ...(target.center ? { center: target.center } : {}), ...(target.zoom !== undefined ? { zoom: target.zoom } : {}) };
  if (prefersReducedMotion()) map.jumpTo(options);
  else map.flyTo({ ...options, duration: 1200, essential: false });
}

