import type { FilterSpecification, Map as MapLibreMap } from 'maplibre-gl';
import { safetyLayers, type CatalogLayer, type CatalogTileset } from './catalog_client.js';
import { featureCount, isCluster, zoomIntoCluster } from './cluster.js';
import { DetailsView } from './details_view.js';
import { el, fillButtonList, type FeatureButton } from './dom.js';
import type { FeatureStore } from './feature_store.js';
import type { RestrictedLayers } from './restricted_layers.js';
import { compassPoint, COMPASS_POINTS, formatDistance, type LngLat } from './geo.js';
import { hazardFilter, servesHazard, type Hazard } from './hazard_filter.js';
import { localize, messages, type Lang, type Messages } from './i18n.js';
import type { Legend } from './legend.js';
import { LocationLayer } from './location_layer.js';
import { moveMap } from './map_motion.js';
import { nearestFeatures } from './nearest_features.js';
import { representativePoint, type PlaceFeature } from './place_feature.js';
import type { PointList } from './point_list.js';
import { createPopupContent } from './popup_content.js';
import { ResidentPanel, type NearestOrigin } from './resident_panel.js';
import { fetchGazetteer, placeZoom, searchFeatures, searchPlaces, type Place } from './search_client.js';
import { searchLookups } from './static_search.js';
import { catalogLayerOf, styleLayerIds } from './style_layers.js';

/** Most entries of the list of features in view; the rest are counted, and zooming in reveals them. */
const LIST_LIMIT = 30;
/** Zoom a search or list result is shown at, at least. */
const DETAIL_ZOOM = 15;
/** Results per search group. */
const SEARCH_LIMIT = 8;

/** What the tools need from the element that hosts them. */
export interface ResidentToolsOptions {
  tileset: CatalogTileset;
  lang: Lang;
  server: string;
  signal: AbortSignal;
  store: FeatureStore;
  points: PointList;
  /** Restricted layers the page's key unlocks, searched beside the public ones. */
  restricted?: RestrictedLayers | undefined;
  legend: Legend;
  /** The map and the box holding it; absent when it cannot be drawn and the tools work as a plain list. */
  map?: MapLibreMap;
  host?: HTMLElement;
  expanded: boolean;
  /** A resident chose a feature (tapped it, or picked it from a list). */
  onSelect: (feature: PlaceFeature) => void;
}

/**
 * The resident flows around the map: hazard filter, search, nearest shelters, the list of what is in view, and the
 * details of a chosen feature. Every computation on the resident's position happens here, in the page.
 */
export class ResidentTools {
  readonly panel: ResidentPanel;
  readonly #o: ResidentToolsOptions;
  readonly #t: Messages;
  readonly #shelters: CatalogLayer | undefined;
  readonly #baseFilters = new Map<string, FilterSpecification | undefined>();
  readonly #details: DetailsView | undefined;
  readonly #location: LocationLayer | undefined;
  #places: Promise<Place[]> | undefined;
  #gazetteerUrl: string | undefined;
  #hazard: Hazard | undefined;
  #picking = false;
  #listPending = false;
  #destroyed = false;
  #summary = '';
  #searchSeq = 0;

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
    if (options.map && options.host) {
      this.#details = new DetailsView({
        lang: options.lang,
        map: options.map,
        host: options.host,
        foldPanel: () => this.panel.setExpanded(false),
        panelBox: () => this.panel.element.getBoundingClientRect(),
      });
      this.#location = new LocationLayer(options.map);
    }
  }

  /** True while the next map click chooses the point to search from. */
  get picking(): boolean {
    return this.#picking;
  }

  /** The open popup or sheet, if any. */
  get detailsElement(): HTMLElement | undefined {
    return this.#details?.element;
  }

  /** Remembers the style's own filters of the shelter layers, then applies the chosen hazard. Call on every style load. */
  styleLoaded(): void {
    this.#location?.styleLoaded();
    const map = this.#o.map;
    if (!map || !this.#shelters) return;
    this.#baseFilters.clear();
    for (const id of styleLayerIds(map.getStyle().layers, this.#shelters.id)) this.#baseFilters.set(id, map.getFilter(id) ?? undefined);
    this.#applyHazard();
  }

  /** Where the basemap's places are listed (fetched at the first search); undefined when there is no gazetteer. */
  setGazetteer(url: string | undefined): void {
    if (url !== this.#gazetteerUrl) this.#places = undefined;
    this.#gazetteerUrl = url;
  }

  /** Closes the popup or sheet; returns whether one was open. */
  closeDetails(): boolean {
    const open = this.#details?.open ?? false;
    this.#details?.close();
    return open;
  }

  /** Shows only shelters that serve `hazard` (all when undefined), on the map, in search and in nearest results. */
  setHazard(hazard: Hazard | undefined): void {
    this.#hazard = hazard;
    this.#applyHazard();
    this.scheduleList();
    if (this.panel.searchInput.value.trim() !== '') void this.search(this.panel.searchInput.value);
  }

  #applyHazard(): void {
    const map = this.#o.map;
    if (!map) return;
    const extra = hazardFilter(this.#hazard);
    for (const [id, base] of this.#baseFilters) {
      map.setFilter(id, extra && base ? (['all', base, extra] as FilterSpecification) : (extra ?? base ?? null));
    }
  }

  /** Searches places of the basemap and every feature's names and addresses; lists the results grouped by layer. */
  async search(query: string): Promise<void> {
    const { panel } = this;
    const seq = ++this.#searchSeq;
    if (query.trim() === '') {
      panel.searchStatus.textContent = '';
      panel.showSearchGroups([]);
      return;
    }
    if (!this.#places && this.#gazetteerUrl) {
      this.#places = fetchGazetteer(this.#gazetteerUrl, this.#o.signal).catch(() => []);
    }
    const [places, groups] = await Promise.all([
      this.#places ?? Promise.resolve([]),
      // A static map (no server) searches its look-up files in the page instead.
      (this.#o.tileset.lookups
        ? searchLookups(this.#o.points, this.#o.tileset, query, { limit: SEARCH_LIMIT, hazard: this.#hazard })
        : searchFeatures(this.#o.server, this.#o.tileset, query, { limit: SEARCH_LIMIT, hazard: this.#hazard, signal: this.#o.signal }, this.#o.restricted)
      ).catch(() => undefined),
    ]);
    if (seq !== this.#searchSeq || this.#destroyed) return;
    if (!groups) {
      panel.searchStatus.textContent = this.#t.loadFailed;
      return;
    }
    const placeHits = searchPlaces(places, query, SEARCH_LIMIT);
    const order = safetyLayers(this.#o.tileset).map((l) => l.id);
    const shown = groups.filter((g) => order.includes(g.layer)).sort((a, b) => order.indexOf(a.layer) - order.indexOf(b.layer));
    const total = placeHits.length + shown.reduce((sum, g) => sum + g.total, 0);
    const uncovered = this.#unsearchedLayers();
    panel.searchStatus.textContent = [total === 0 ? this.#t.searchNone : this.#t.searchResults(total), uncovered ? this.#t.searchNotCovered(uncovered) : ''].filter(Boolean).join(' ');
    panel.showSearchGroups([
      ...(placeHits.length ? [{ title: this.#t.placesGroup, note: '', entries: placeHits.map((p) => this.#placeEntry(p)) }] : []),
      ...shown.map((g) => ({
        title: this.#layerTitle(g.layer),
        note: g.total > g.features.length ? this.#t.searchMore(g.features.length, g.total) : '',
        entries: g.features.map((f) => this.#entry(f, '', true)),
      })),
    ]);
  }

  /** In a static map, the titles of safety layers left without a look-up file (search cannot cover them); else empty. */
  #unsearchedLayers(): string {
    const lookups = this.#o.tileset.lookups;
    if (!lookups) return '';
    return safetyLayers(this.#o.tileset)
      .filter((layer) => !Object.hasOwn(lookups, layer.id))
      .map((layer) => this.#layerTitle(layer.id))
      .join(', ');
  }

  #placeEntry(place: Place): FeatureButton {
    const other = this.#o.lang === 'en' ? place.name : place.name_en;
    const label = this.#o.lang === 'en' && place.name_en ? place.name_en : place.name;
    return {
      label,
      detail: [this.#t.placeKinds[place.kind], other !== label ? other : undefined].filter(Boolean).join(' · '),
      onSelect: () => this.#o.map && moveMap(this.#o.map, { center: place.at, zoom: placeZoom(place.kind, this.#covers(place.at)) }),
    };
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
      // The position stays in this closure and the map's own GeoJSON source: compared with features already in the page, never sent.
      (position) => {
        const at: LngLat = [position.coords.longitude, position.coords.latitude];
        this.#location?.setFix({ at, accuracy: position.coords.accuracy });
        void this.#listNearest(at, 'location');
      },
      () => (status.textContent = this.#t.locationFailed),
      { enableHighAccuracy: true, timeout: 20_000, maximumAge: 60_000 },
    );
  }

  /** Whether a position lies in the tile set's region (with a few kilometres of shore), or the region is unknown. */
  #covers([lon, lat]: LngLat): boolean {
    const bounds = this.#o.tileset.bounds;
    if (!bounds) return true;
    const margin = 0.05;
    return lon >= bounds[0] - margin && lon <= bounds[2] + margin && lat >= bounds[1] - margin && lat <= bounds[3] + margin;
  }

  async #listNearest(from: LngLat, kind: 'location' | 'point'): Promise<void> {
    const layer = this.#shelters;
    if (!layer) return;
    const { nearestStatus, nearestList } = this.panel;
    const all = await this.#o.points.layer(layer.id).catch(() => undefined);
    if (!all || this.#destroyed) {
      nearestStatus.textContent = this.#t.loadFailed;
      return;
    }
    const results = nearestFeatures(all.filter((f) => servesHazard(f.properties, this.#hazard)), from, 5);
    const outside = kind === 'location' && !this.#covers(from);
    nearestStatus.textContent = results.length === 0 ? this.#t.nearestNone : outside ? this.#t.outsideCoverage(localize(this.#o.tileset.title, this.#o.lang, this.#o.tileset.id)) : this.#t.nearestResults(results.length, kind);
    this.#location?.setNearest(results.map((r) => r.feature.at));
    fillButtonList(
      nearestList,
      results.map(({ feature, distance, bearing }) => {
        const direction = this.#t.compass[COMPASS_POINTS.indexOf(compassPoint(bearing))] ?? '';
        const where = this.#t.distanceAndDirection(formatDistance(distance, this.#o.lang), direction);
        return {
          label: this.#label(feature),
          detail: where,
          onSelect: () => void this.#openNearest(feature, this.#t.fromHere(where, kind), from),
        };
      }),
    );
  }

  /** Opens a nearest shelter with all its properties and its distance, showing the start point and it together. */
  async #openNearest(feature: PlaceFeature, line: string, from: LngLat): Promise<void> {
    const full = (await this.#o.points.feature(feature.layer, feature.id).catch(() => undefined)) ?? feature;
    const map = this.#o.map;
    if (map) {
      const [w, e] = [Math.min(from[0], full.at[0]), Math.max(from[0], full.at[0])];
      const [s, n] = [Math.min(from[1], full.at[1]), Math.max(from[1], full.at[1])];
      map.fitBounds([[w, s], [e, n]], { padding: 60, maxZoom: 17, duration: 0 });
    }
    this.openDetails(full, false, line);
    this.#o.onSelect(full);
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
      // Clusters have no stable id across tiles; their position tells them apart.
      const key = `${layer}:${isCluster(f.properties) ? `c${at.join(',')}` : (f.id ?? at.join(','))}`;
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
    // Counts of features, not of markers: a cluster counts as the points it stands for.
    const counts = order
      .map((id) => ({ id, count: features.filter((f) => f.layer === id).reduce((sum, f) => sum + featureCount(f.properties), 0) }))
      .filter((c) => c.count > 0);
    const summary = counts.length === 0 ? this.#t.inViewNone : this.#t.inViewSummary(counts.map((c) => this.#t.inViewCount(c.count, this.#layerTitle(c.id))));
    // Only a changed summary is written, so a screen reader is not told the same thing after every small pan.
    if (summary !== this.#summary) this.panel.listSummary.textContent = this.#summary = summary;
    const near = nearestFeatures(features, centre, features.length).map((r) => r.feature);
    near.sort((a, b) => order.indexOf(a.layer) - order.indexOf(b.layer));
    fillButtonList(this.panel.list, near.slice(0, LIST_LIMIT).map((f) => this.#entry(f, this.#layerTitle(f.layer), false)));
    const hidden = near.slice(LIST_LIMIT).reduce((sum, f) => sum + featureCount(f.properties), 0);
    this.panel.listMore.hidden = hidden === 0;
    this.panel.listMore.textContent = hidden > 0 ? this.#t.inViewMore(hidden) : '';
  }

  #label(feature: PlaceFeature): string {
    const p = feature.properties;
    if (isCluster(p)) return this.#t.clusterHere(featureCount(p), this.#layerTitle(feature.layer));
    return [p.name, p.address, p.location].find((v): v is string => typeof v === 'string' && v.trim() !== '') ?? this.#layerTitle(feature.layer);
  }

  #entry(feature: PlaceFeature, detail: string, move: boolean): FeatureButton {
    return {
      label: this.#label(feature),
      detail,
      onSelect: () => {
        this.openDetails(feature, move);
        if (!isCluster(feature.properties)) this.#o.onSelect(feature);
      },
    };
  }

  /** Zooms into a tapped cluster until it splits; if its points share one place, shows how many there are. */
  async openCluster(feature: PlaceFeature): Promise<void> {
    const map = this.#o.map;
    if (!map) return;
    this.#details?.close();
    const remains = await zoomIntoCluster(map, feature.at, styleLayerIds(map.getStyle().layers, feature.layer), map.getMaxZoom());
    if (remains && !this.#destroyed) this.openDetails(feature, false);
  }

  /** Shows a feature's details: a popup or sheet on the map (moving there first if asked), else a panel section. */
  openDetails(feature: PlaceFeature, move: boolean, line?: string): void {
    const layer = this.#o.tileset.layers.find((l) => l.id === feature.layer);
    const content = createPopupContent(document, feature.properties, layer, this.#o.lang);
    if (line) content.querySelector('h3')?.after(el(document, 'p', { className: 'safemap-popup-note', text: line }));
    const map = this.#o.map;
    if (isCluster(feature.properties) && map) {
      const zoom = el(document, 'button', { type: 'button', className: 'safemap-action', text: this.#t.zoomIn });
      zoom.addEventListener('click', () => void this.openCluster(feature));
      content.append(zoom);
    }
    if (!map || !this.#details) {
      const heading = content.querySelector('h3');
      heading?.setAttribute('tabindex', '-1');
      this.panel.details.replaceChildren(content);
      this.panel.details.hidden = false;
      heading?.focus();
      return;
    }
    if (move && map.getZoom() < DETAIL_ZOOM && !isCluster(feature.properties)) map.jumpTo({ zoom: DETAIL_ZOOM });
    this.#details.show(content, feature.at, feature.layer, move);
  }

  /** Closes the details if they describe a feature of `layerId`. */
  closeDetailsOf(layerId: string): void {
    this.#details?.closeIfOwner(layerId);
  }

  #layerTitle(layerId: string): string {
    const layer = this.#o.tileset.layers.find((l) => l.id === layerId);
    return localize(layer?.title, this.#o.lang, layerId);
  }

  /** Removes the details and markers; the map and panel go with the element. */
  destroy(): void {
    this.#destroyed = true;
    this.#details?.destroy();
    this.#picking = false;
  }
}
