import type { IControl, LngLatBoundsLike, Map as MapLibreMap } from 'maplibre-gl';
import { moveMap } from './map_motion.js';

/** `[west, south, east, north]` in degrees. */
export type Region = [number, number, number, number];

/**
 * Whether a view has left the region a map covers: its centre is outside the region and less than half of the
 * region is on screen. Zoomed out over the country with the region in sight, there is no notice wherever the centre
 * drifts; zoomed in, it comes as soon as the centre crosses the region's edge.
 */
export function viewLeftRegion(view: Region, center: [number, number], region: Region): boolean {
  const [lon, lat] = center;
  if (lon >= region[0] && lon <= region[2] && lat >= region[1] && lat <= region[3]) return false;
  const overlap = Math.max(0, Math.min(view[2], region[2]) - Math.max(view[0], region[0])) * Math.max(0, Math.min(view[3], region[3]) - Math.max(view[1], region[1]));
  const area = (region[2] - region[0]) * (region[3] - region[1]);
  return overlap < area / 2;
}

export interface CoverageNoticeOptions {
  map: MapLibreMap;
  region: Region;
  /** Where the way back leads: the tile set's `center` ([lon, lat, zoom]); the whole region when absent. */
  home: [number, number, number] | undefined;
  /** "This map covers …'s area only" and the button's label, in the resident's language. */
  text: string;
  back: string;
}

/**
 * "This map covers Busan only", with a button back to the tile set's home view, while the view has left the region
 * (see `viewLeftRegion`). A polite status: it never takes focus, and it goes away by itself when the view is back.
 * A map control under the zoom buttons, so it never lies under the residents' panel or its bottom sheet.
 */
export class CoverageNotice implements IControl {
  readonly element: HTMLDivElement;
  readonly #message: HTMLParagraphElement;
  readonly #button: HTMLButtonElement;
  readonly #o: CoverageNoticeOptions;
  readonly #update = () => this.update();

  constructor(document: Document, options: CoverageNoticeOptions) {
    this.#o = options;
    this.element = document.createElement('div');
    this.element.className = 'maplibregl-ctrl safemap-coverage';
    this.element.hidden = true;
    this.#message = document.createElement('p');
    this.#message.setAttribute('role', 'status');
    this.#button = document.createElement('button');
    this.#button.type = 'button';
    this.#button.className = 'safemap-coverage-back';
    this.#button.textContent = options.back;
    this.#button.addEventListener('click', () => this.#goHome());
    this.element.append(this.#message, this.#button);
  }

  onAdd(): HTMLElement {
    this.#o.map.on('moveend', this.#update);
    return this.element;
  }

  onRemove(): void {
    this.#o.map.off('moveend', this.#update);
    this.element.remove();
  }

  get shown(): boolean {
    return !this.element.hidden;
  }

  update(): void {
    const map = this.#o.map;
    const b = map.getBounds();
    const c = map.getCenter();
    const left = viewLeftRegion([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], [c.lng, c.lat], this.#o.region);
    if (left === this.shown) return;
    const hadFocus = this.element.contains(this.element.ownerDocument.activeElement) || this.element.contains((this.element.getRootNode() as ShadowRoot).activeElement ?? null);
    this.element.hidden = !left;
    // Written after the region is shown, so screen readers announce it; emptied when hidden, so it is not read stale.
    this.#message.textContent = left ? this.#o.text : '';
    // The button goes away under the resident's focus once the view is back: the map keeps it, not the page.
    if (!left && hadFocus) map.getCanvas().focus();
  }

  #goHome(): void {
    const { map, home, region } = this.#o;
    if (home) moveMap(map, { center: [home[0], home[1]], zoom: home[2] });
    else map.fitBounds(region as LngLatBoundsLike, { padding: 20, duration: 0 });
  }
}
