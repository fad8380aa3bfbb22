import { SafetyMapElement } from './safety_map_element.js';

/** The tag name of the widget. */
export const TAG_NAME = 'safety-map';

/** Registers `<safety-map>`; does nothing when the tag is already defined (e.g. both bundles on a page). */
export function defineSafetyMap(): void {
  if (!customElements.get(TAG_NAME)) customElements.define(TAG_NAME, SafetyMapElement);
}
