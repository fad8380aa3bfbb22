// Bundled by the agency's own build. The types come with the package: SafetyMapOptions checks the options,
// and the ready event's detail is MapLibre's Map.
import { createSafetyMap, type SafetyMapElement, type SafetyMapOptions } from '@safemap/widget';

const options: SafetyMapOptions = {
  server: 'https://map.example.go.kr',
  tileset: 'busan',
  lang: 'ko',
  layers: ['shelters', 'emergency-bells'],
};

const element: SafetyMapElement = createSafetyMap(document.querySelector('#map')!, options);
element.addEventListener('safetymap:ready', () => {
  element.map?.flyTo({ center: [129.06, 35.15], zoom: 13 });
});
