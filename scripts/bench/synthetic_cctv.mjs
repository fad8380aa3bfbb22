// Seeded synthetic national CCTV layer: points clustered around Korean cities (weights roughly by population), plus a
// thin rural scatter, with the columns of the national CCTV standard data (전국CCTV표준데이터) that tiles carry.
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { koreaLand } from '../../packages/tile-server/dist/ingest/korea_land.js';

const cities = [
  // lon, lat, weight, spread in degrees, province or city, districts
  [126.978, 37.566, 20, 0.12, '서울특별시', ['종로구', '중구', '강남구', '송파구', '마포구', '관악구', '노원구', '강서구']],
  [129.075, 35.18, 8, 0.1, '부산광역시', ['중구', '해운대구', '부산진구', '사하구', '동래구']],
  [126.705, 37.456, 6, 0.08, '인천광역시', ['미추홀구', '남동구', '부평구', '연수구']],
  [128.601, 35.871, 6, 0.08, '대구광역시', ['중구', '수성구', '달서구', '북구']],
  [127.385, 36.351, 4, 0.06, '대전광역시', ['서구', '유성구', '중구']],
  [126.853, 35.16, 4, 0.06, '광주광역시', ['북구', '서구', '광산구']],
  [129.311, 35.539, 3, 0.06, '울산광역시', ['남구', '중구', '울주군']],
  [127.009, 37.275, 5, 0.07, '경기도', ['수원시', '용인시', '화성시']],
  [127.129, 37.42, 4, 0.05, '경기도', ['성남시', '하남시']],
  [126.834, 37.658, 3, 0.05, '경기도', ['고양시', '파주시']],
  [127.489, 36.642, 2, 0.05, '충청북도', ['청주시']],
  [127.148, 35.824, 2, 0.05, '전라북도', ['전주시']],
  [128.681, 35.228, 3, 0.06, '경상남도', ['창원시', '김해시']],
  [126.531, 33.5, 2, 0.08, '제주특별자치도', ['제주시', '서귀포시']],
  [128.3, 36.12, 1, 0.05, '경상북도', ['구미시']],
  [129.365, 36.019, 2, 0.05, '경상북도', ['포항시']],
  [127.73, 37.881, 1, 0.05, '강원도', ['춘천시']],
  [126.392, 34.812, 1, 0.05, '전라남도', ['목포시']],
  [127.0, 36.8, 1, 0.06, '충청남도', ['천안시', '아산시']],
  [128.9, 37.75, 1, 0.05, '강원도', ['강릉시']],
];
const rural = ['충청남도 공주시', '전라남도 나주시', '경상북도 안동시', '강원도 원주시', '충청북도 충주시', '전라북도 남원시'];
const purposes = ['생활방범', '교통단속', '어린이보호', '재난재해', '쓰레기단속', '시설물관리', '다목적'];
const roads = ['중앙로', '시청로', '대학로', '역전로', '공원로', '문화로', '산업로', '해안로', '신촌로', '번영로', '평화로', '희망로'];
const totalWeight = cities.reduce((sum, city) => sum + city[2], 0);

/** The unique id text of the feature numbered `index` (from 1); the benchmark reads the number back from tiles. */
export const cctvId = (index) => `CCTV-${String(index).padStart(8, '0')}`;
export const cctvIdPattern = /^CCTV-(\d{8,})$/;

/** `count` GeoJSON Features, one at a time so any count fits in memory; the same seed always gives the same points. */
export function* syntheticCctv(count, seed = 20240119) {
  let state = seed >>> 0;
  const random = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const gaussian = () => {
    let sum = 0;
    for (let i = 0; i < 4; i++) sum += random();
    return (sum - 2) * 1.7;
  };
  // Cameras stand on land: a position drawn in the sea (or north of the border) is drawn again, as SafeMap would
  // rightly quarantine it and the benchmark counts every point at the max zoom.
  const land = koreaLand();
  for (let i = 1; i <= count; i++) {
    let lon;
    let lat;
    let place;
    // Checked as written (to 6 decimals): rounding once moved a point drawn on the shore into the sea.
    do {
      [lon, lat, place] = draw();
      lon = Math.round(lon * 1e6) / 1e6;
      lat = Math.round(lat * 1e6) / 1e6;
    } while (!land.contains(lon, lat));
    const road = `${pick(roads)}${random() < 0.5 ? '' : `${1 + Math.floor(random() * 120)}번길`}`;
    yield feature(i, lon, lat, place, road);
  }

  function draw() {
    let lon;
    let lat;
    let place;
    if (random() < 0.1) {
      lon = 126.2 + random() * 3.2;
      lat = 34.4 + random() * 3.8;
      place = pick(rural);
    } else {
      let left = random() * totalWeight;
      let city = cities[0];
      for (const candidate of cities) {
        left -= candidate[2];
        if (left <= 0) {
          city = candidate;
          break;
        }
      }
      lon = city[0] + gaussian() * city[3];
      lat = city[1] + gaussian() * city[3] * 0.8;
      place = `${city[4]} ${pick(city[5])}`;
    }
    return [lon, lat, place];
  }

  function feature(i, lon, lat, place, road) {
    return {
      type: 'Feature',
      properties: {
        관리번호: cctvId(i),
        관리기관명: `${place}청`,
        소재지도로명주소: `${place} ${road} ${1 + Math.floor(random() * 400)}`,
        설치목적구분: pick(purposes),
        카메라대수: 1 + Math.floor(random() * 4),
        설치연도: 2008 + Math.floor(random() * 17),
      },
      geometry: { type: 'Point', coordinates: [lon, lat] },
    };
  }
}

/**
 * Writes the layer as one GeoJSON FeatureCollection, one feature per line as common exporters write it, streamed in
 * chunks so memory stays flat whatever the count. Resolves with the bytes written.
 */
export async function writeSyntheticCctv(file, count, seed) {
  const out = createWriteStream(file);
  let bytes = 0;
  let chunk = '{"type":"FeatureCollection","name":"cctv","features":[\n';
  const flush = async () => {
    bytes += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await once(out, 'drain');
    chunk = '';
  };
  let first = true;
  for (const feature of syntheticCctv(count, seed)) {
    chunk += `${first ? '' : ',\n'}${JSON.stringify(feature)}`;
    first = false;
    if (chunk.length > 1 << 20) await flush();
  }
  chunk += '\n]}\n';
  await flush();
  out.end();
  await once(out, 'close');
  return bytes;
}
