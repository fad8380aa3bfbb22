// Seeded synthetic national CCTV layer: points clustered around Korean cities (weights roughly by population),
// plus a thin rural scatter, with the properties of the national CCTV standard data that tiles usually carry.

const cities = [
  // lon, lat, weight, spread in degrees
  [126.978, 37.566, 20, 0.12], [129.075, 35.18, 8, 0.1], [126.705, 37.456, 6, 0.08], [128.601, 35.871, 6, 0.08],
  [127.385, 36.351, 4, 0.06], [126.853, 35.16, 4, 0.06], [129.311, 35.539, 3, 0.06], [127.009, 37.275, 5, 0.07],
  [127.129, 37.42, 4, 0.05], [126.834, 37.658, 3, 0.05], [127.489, 36.642, 2, 0.05], [127.148, 35.824, 2, 0.05],
  [128.681, 35.228, 3, 0.06], [126.531, 33.5, 2, 0.08], [128.3, 36.12, 1, 0.05], [129.365, 36.019, 2, 0.05],
  [127.73, 37.881, 1, 0.05], [126.392, 34.812, 1, 0.05], [127.0, 36.8, 1, 0.06], [128.9, 37.75, 1, 0.05],
];
const purposes = ['생활방범', '교통단속', '어린이보호', '재난재해', '쓰레기단속', '시설물관리'];

/** `count` features as plain GeoJSON-like objects; the same seed always gives the same points. */
export function syntheticCctv(count, seed = 20240119) {
  let state = seed >>> 0;
  const random = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const gaussian = () => {
    let sum = 0;
    for (let i = 0; i < 4; i++) sum += random();
    return (sum - 2) * 1.7;
  };
  const total = cities.reduce((sum, city) => sum + city[2], 0);
  const features = new Array(count);
  for (let i = 0; i < count; i++) {
    let lon;
    let lat;
    if (random() < 0.1) {
      lon = 126.2 + random() * 3.2;
      lat = 34.4 + random() * 3.8;
    } else {
      let pick = random() * total;
      let city = cities[0];
      for (const candidate of cities) {
        pick -= candidate[2];
        if (pick <= 0) {
          city = candidate;
          break;
        }
      }
      lon = city[0] + gaussian() * city[3];
      lat = city[1] + gaussian() * city[3] * 0.8;
    }
    features[i] = {
      geometry: { type: 'Point', coordinates: [Math.round(lon * 1e6) / 1e6, Math.round(lat * 1e6) / 1e6] },
      properties: { purpose: purposes[Math.floor(random() * purposes.length)], cameras: 1 + Math.floor(random() * 4), year: 2010 + Math.floor(random() * 14) },
    };
  }
  return features;
}
