import { Popup, type FilterSpecification, type Map as MapLibreMap } from 'maplibre-gl';
import { safetyLayers, type CatalogLayer, type CatalogTileset } from './catalog_client.js';
import { fillButtonList, type FeatureButton } from './dom.js';
import type { FeatureStore } from './feature_store.js';
import { compassPoint, COMPASS_POINTS, formatDistance, type LngLat } from './geo.js';
import { hazardFilter, servesHazard, type Hazard } from './hazard_filter.js';
import { localize, messages, type Lang, type Messages } from './i18n.js';
import type { Legend } from './legend.js';
import { nearestFeatures } from './nearest_features.js';
import { representativePoint, type PlaceFeature } from './place_feature.js';
import { createPopupContent } from './popup_content.js';
import { ResidentPanel, type NearestOrigin } from './resident_panel.js';
import { SEARCH_KEYS, searchFeatures } from './search_features.js';
import { catalogLayerOf, styleLayerIds } from './style_layers.js';

/** Most entries of the list of features in view; the rest are counted, and zooming in reveals them. */
const LIST_LIMIT = 30;
/** Zoom a search or list result is shown at, at least. */
const DETAIL_ZOOM = 15;

/** What the tools need from the element that hosts them. */
export interface ResidentToolsOptions {
  tileset: CatalogTileset;
  lang: Lang;
  store: FeatureStore;
  legend: Legend;
  /** The map; absent when it cannot be drawn and the tools work as a plain list. */
  map?: MapLibreMap;
  expanded: boolean;
  /** Moves the map, honouring reduced motion. */
  moveTo: (center: LngLat, zoom: number) => void;
  /** A resident chose a feature (tapped it, or picked it from a list). */
  onSelect: (feature: PlaceFeature) => void;
}

/**
 * The resident flows around the map: hazard filter, search, nearest shelters, the list of what is
 * in view, and the details of a chosen feature. Every computation on the resident's position
 * happens here, in the page, on features fetched for the whole tile set.
 */
export class ResidentTools {
  readonly panel: ResidentPanel;
  readonly #o: ResidentToolsOptions;
  readonly #t: Messages;
  readonly #shelters: CatalogLayer | undefined;
  readonly #baseFilters = new Map<string, FilterSpecification | undefined>();
  #hazard: Hazard | undefined;
  #picking = false;
  #listPending = false;
  #destroyed = false;
  #summary = '';
  #popup: Popup | undefined;
  #popupLayer: string | undefined;

  constructor(doc: Document, options: ResidentToolsOptions) {
    this.#o = options;
    this.#t = messages(options.lang);
    const layers = safetyLayers(options.tileset);
    this.#shelters = layers.find((l) => l.id === 'shelters') ?? layers.find((l) => l.properties.includes('hazards'));
    const origins: NearestOrigin[] = options.map ? ['location', 'pick', 'centre'] : ['location'];
    this.panel = new ResidentPanel(doc, {
      lang: options.lang,
      legend: options.legend,
      hazards: this.#shelters?.properties.includes('hazards') ?? false,
      nearest: this.#shelters ? origins : [],
      expanded: options.expanded,
      onHazard: (hazard) => this.setHazard(hazard),
      onSearch: (query) => void this.search(query),
      onNearest: (origin) => this.nearest(origin),
    });
    this.panel.element.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && this.#picking) this.#stopPicking('');
    });
  }

  /** True while the next map click chooses the point to search from. */
  get picking(): boolean {
    return this.#picking;
  }

  /** Remembers the style's own filters of the shelter layers, then applies the chosen hazard. Call on every style load. */
  styleLoaded(): void {
    const map = this.#o.map;
    if (!map || !this.#shelters) return;
    this.#baseFilters.clear();
    for (const id of styleLayerIds(map.getStyle().layers, this.#shelters.id)) this.#baseFilters.set(id, map.getFilter(id) ?? undefined);
    this.#applyHazard();
  }

  /** Shows only shelters that serve `hazard` (all when undefined), on the map and in nearest-shelter results. */
  setHazard(hazard: Hazard | undefined): void {
    this.#hazard = hazard;
    this.#applyHazard();
    this.scheduleList();
  }

  #applyHazard(): void {
    const map = this.#o.map;
    if (!map) return;
    const extra = hazardFilter(this.#hazard);
    for (const [id, base] of this.#baseFilters) {
      map.setFilter(id, extra && base ? (['all', base, extra] as FilterSpecification) : (extra ?? base ?? null));
    }
  }

  /** Searches the tile set's features by name or address and lists the best matches. */
  async search(query: string): Promise<void> {
    const { panel } = this;
    if (query.trim() === '') {
      panel.searchStatus.textContent = '';
      fillButtonList(panel.searchList, []);
      return;
    }
    const searchable = safetyLayers(this.#o.tileset).filter((l) => SEARCH_KEYS.some((key) => l.properties.includes(key)));
    const features = await this.#o.store.layers(searchable.map((l) => l.id)).catch(() => undefined);
    if (panel.searchInput.value !== query) return;
    if (!features) {
      panel.searchStatus.textContent = this.#t.loadFailed;
      return;
    }
    const hits = searchFeatures(features, query, 10);
    panel.searchStatus.textContent = hits.length === 0 ? this.#t.searchNone : this.#t.searchResults(hits.length);
    fillButtonList(panel.searchList, hits.map((f) => this.#entry(f, this.#layerTitle(f.layer), true)));
  }

  /** Lists the five shelters nearest the resident's location, a point they pick, or the map centre. */
  nearest(origin: NearestOrigin): void {
    const map = this.#o.map;
    if (origin === 'centre' && map) {
      const centre = map.getCenter();
      void this.#listNearest([centre.lng, centre.lat], 'point');
    } else if (origin === 'pick' && map) {
      this.#picking = true;
      map.getCanvas().style.cursor = 'crosshair';
      this.panel.nearestStatus.textContent = this.#t.picking;
    } else if (origin === 'location') {
      this.#locate();
    }
  }

  /** Takes a map click as the picked point when picking; returns whether it did. */
  takePick(at: LngLat): boolean {
    if (!this.#picking) return false;
    this.#stopPicking('');
    void this.#listNearest(at, 'point');
    return true;
  }

  #stopPicking(status: string): void {
    this.#picking = false;
    if (this.#o.map) this.#o.map.getCanvas().style.cursor = '';
    this.panel.nearestStatus.textContent = status;
  }

  #locate(): void {
    const status = this.panel.nearestStatus;
    if (!('geolocation' in navigator)) {
      status.textContent = this.#t.locationFailed;
      return;
    }
    status.textContent = this.#t.locating;
    navigator.geolocation.getCurrentPosition(
      // The position stays in this closure: it is compared with features already in the page, never sent.
      (position) => void this.#listNearest([position.coords.longitude, position.coords.latitude], 'location'),
      () => (status.textContent = this.#t.locationFailed),
      { enableHighAccuracy: true, timeout: 20_000, maximumAge: 60_000 },
    );
  }

  async #listNearest(from: LngLat, kind: 'location' | 'point'): Promise<void> {
    const layer = this.#shelters;
    if (!layer) return;
    const { nearestStatus, nearestList } = this.panel;
    const all = await this.#o.store.layer(layer.id).catch(() => undefined);
    if (!all) {
      nearestStatus.textContent = this.#t.loadFailed;
      return;
    }
    const results = nearestFeatures(all.filter((f) => servesHazard(f.properties, this.#hazard)), from, 5);
    nearestStatus.textContent = results.length === 0 ? this.#t.nearestNone : this.#t.nearestResults(results.length, kind);
    fillButtonList(
      nearestList,
      results.map(({ feature, distance, bearing }) => {
        const direction = this.#t.compass[COMPASS_POINTS.indexOf(compassPoint(bearing))] ?? '';
        return { ...this.#entry(feature, '', true), detail: this.#t.distanceAndDirection(formatDistance(distance, this.#o.lang), direction) };
      }),
    );
  }

  /** Refreshes the list of features in view once the map has drawn its current view. */
  scheduleList(): void {
    const map = this.#o.map;
    if (!map || this.#listPending) return;
    this.#listPending = true;
    map.once('idle', () => {
      this.#listPending = false;
      // After the idle handlers, not among them: querying thousands of rendered features must not hold up a frame.
      setTimeout(() => this.#refreshList(), 0);
    });
    map.triggerRepaint();
  }

  #refreshList(): void {
    const map = this.#o.map;
    if (!map || this.#destroyed) return;
    const ids = styleLayerIds(map.getStyle().layers).filter((id) => map.getLayoutProperty(id, 'visibility') !== 'none');
    const seen = new Map<string, PlaceFeature>();
    for (const f of ids.length ? map.queryRenderedFeatures({ layers: ids }) : []) {
      const layer = catalogLayerOf(f.layer) ?? f.sourceLayer;
      const at = representativePoint(f.geometry);
      if (!layer || !at) continue;
      const key = `${layer}:${f.id ?? at.join(',')}`;
      if (!seen.has(key)) seen.set(key, { id: f.id ?? key, layer, at, properties: { ...f.properties } });
    }
    const centre = map.getCenter();
    this.#showList([...seen.values()], [centre.lng, centre.lat]);
  }

  /** Without a map: lists every feature of the tile set (as fetched), with details shown in the panel. */
  async showAllPlaces(): Promise<void> {
    this.panel.listHeading.textContent = this.#t.allFeaturesHeading;
    const features = await this.#o.store.layers(safetyLayers(this.#o.tileset).map((l) => l.id)).catch(() => undefined);
    if (!features) {
      this.panel.listSummary.textContent = this.#t.loadFailed;
      return;
    }
    const [w, s, e, n] = this.#o.tileset.bounds ?? [0, 0, 0, 0];
    this.#showList(features, this.#o.tileset.center ? [this.#o.tileset.center[0], this.#o.tileset.center[1]] : [(w + e) / 2, (s + n) / 2]);
  }

  #showList(features: PlaceFeature[], centre: LngLat): void {
    const order = safetyLayers(this.#o.tileset).map((l) => l.id);
    const counts = order.map((id) => ({ id, count: features.filter((f) => f.layer === id).length })).filter((c) => c.count > 0);
    const summary = counts.length === 0 ? this.#t.inViewNone : this.#t.inViewSummary(counts.map((c) => this.#t.inViewCount(c.count, this.#layerTitle(c.id))));
    // Only a changed summary is written, so a screen reader is not told the same thing after every small pan.
    if (summary !== this.#summary) this.panel.listSummary.textContent = this.#summary = summary;
    const near = nearestFeatures(features, centre, features.length).map((r) => r.feature);
    near.sort((a, b) => order.indexOf(a.layer) - order.indexOf(b.layer));
    fillButtonList(this.panel.list, near.slice(0, LIST_LIMIT).map((f) => this.#entry(f, this.#layerTitle(f.layer), false)));
    this.panel.listMore.hidden = near.length <= LIST_LIMIT;
    this.panel.listMore.textContent = near.length > LIST_LIMIT ? this.#t.inViewMore(near.length - LIST_LIMIT) : '';
  }

  #entry(feature: PlaceFeature, detail: string, move: boolean): FeatureButton {
    const p = feature.properties;
    const label = [p.name, p.address, p.location].find((v): v is string => typeof v === 'string' && v.trim() !== '') ?? this.#layerTitle(feature.layer);
    return {
      label,
      detail,
      onSelect: () => {
        this.openDetails(feature, move);
        this.#o.onSelect(feature);
      },
    };
  }

  /** Shows a feature's details: a popup on the map (moving there first if asked), else a panel section. */
  openDetails(feature: PlaceFeature, move: boolean): void {
    const layer = this.#o.tileset.layers.find((l) => l.id === feature.layer);
    const content = createPopupContent(document, feature.properties, layer, this.#o.lang);
    const map = this.#o.map;
    if (!map) {
      const heading = content.querySelector('h3');
      heading?.setAttribute('tabindex', '-1');
      this.panel.details.replaceChildren(content);
      this.panel.details.hidden = false;
      heading?.focus();
      return;
    }
    if (move) this.#o.moveTo(feature.at, Math.max(map.getZoom(), DETAIL_ZOOM));
    this.#popup?.remove();
    this.#popupLayer = feature.layer;
    this.#popup = new Popup({ maxWidth: '320px', focusAfterOpen: true, className: 'safemap-popup-container' })
      .setLngLat(feature.at)
      .setDOMContent(content)
      .addTo(map);
  }

  /** Closes the popup if it describes a feature of `layerId`. */
  closeDetailsOf(layerId: string): void {
    if (this.#popupLayer === layerId) this.#popup?.remove();
  }

  #layerTitle(layerId: string): string {
    const layer = this.#o.tileset.layers.find((l) => l.id === layerId);
    return localize(layer?.title, this.#o.lang, layerId);
  }

  /** Removes the popup; the map and panel go with the element. */
  destroy(): void {
    this.#destroyed = true;
    this.#popup?.remove();
    this.#picking = false;
  }
}
