// The ES module build, loaded straight from the tile server. With npm, import from '@safemap/widget' instead
// (examples/npm/). MapLibre's worker is found next to the module file, so nothing else needs configuring.
import { createSafetyMap } from '/widget/safemap-widget.mjs';

const element = createSafetyMap(document.querySelector('#map'), { lang: 'en', tileset: 'busan', zoom: 11 });
element.addEventListener('safetymap:ready', (event) => {
  document.documentElement.dataset.mapReady = String(Boolean(event.detail));
});
