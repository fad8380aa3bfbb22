import type { FilterSpecification } from 'maplibre-gl';

/** The hazards a shelter can serve, as the `hazards` property codes them. */
export const HAZARDS = ['civil-defence', 'earthquake', 'tsunami', 'heat', 'cold'] as const;
export type Hazard = (typeof HAZARDS)[number];

/** Property of shelters listing the hazards they serve, comma-separated. */
export const HAZARDS_PROPERTY = 'hazards';

/** True when `value` is one of the known hazard codes. */
export function isHazard(value: unknown): value is Hazard {
  return typeof value === 'string' && (HAZARDS as readonly string[]).includes(value);
}

/** True when a feature's `hazards` list names the hazard; every feature passes when no hazard is chosen. */
export function servesHazard(properties: Readonly<Record<string, unknown>>, hazard: Hazard | undefined): boolean {
  if (!hazard) return true;
  const list = properties[HAZARDS_PROPERTY];
  return typeof list === 'string' && list.split(',').some((code) => code.trim() === hazard);
}

/**
 * The MapLibre filter that keeps shelters serving `hazard`, matching whole codes (",heat," within
 * ",heat,cold,") so no code can match inside another; null when every shelter is shown.
 */
export function hazardFilter(hazard: Hazard | undefined): FilterSpecification | null {
  if (!hazard) return null;
  return ['in', `,${hazard},`, ['concat', ',', ['coalesce', ['get', HAZARDS_PROPERTY], ''], ',']];
}
