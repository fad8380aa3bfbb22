import { describe, expect, test } from 'vitest';
import { formatPropertyValue, localize, maplibreLocale, messages, propertyLabel, resolveLang } from './i18n.js';

describe('resolveLang', () => {
  test('uses the lang attribute first, by its primary subtag', () => {
    expect(resolveLang('en-GB', ['ko-KR'])).toBe('en');
    expect(resolveLang('ko', ['en-US'])).toBe('ko');
  });

  test('falls back to the first supported browser language', () => {
    expect(resolveLang(null, ['fr-FR', 'en-US', 'ko'])).toBe('en');
    expect(resolveLang('ja', ['ko-KR'])).toBe('ko');
  });

  test('defaults to Korean', () => {
    expect(resolveLang(undefined, [])).toBe('ko');
    expect(resolveLang('', ['zh-CN'])).toBe('ko');
  });
});

test('both languages define every message', () => {
  expect(Object.keys(messages('en')).sort()).toEqual(Object.keys(messages('ko')).sort());
  expect(messages('ko').legendHeading).toBe('안전지도 레이어');
  expect(messages('en').legendHeading).toBe('Safety map layers');
});

test('localize falls back to the other language, then to the fallback', () => {
  expect(localize({ ko: '대피소', en: 'Shelters' }, 'en')).toBe('Shelters');
  expect(localize({ ko: '대피소' }, 'en')).toBe('대피소');
  expect(localize({}, 'ko', 'shelters')).toBe('shelters');
  expect(localize(undefined, 'ko', 'shelters')).toBe('shelters');
});

test('propertyLabel localizes known keys and passes others through', () => {
  expect(propertyLabel('capacity', 'ko')).toBe('수용 인원');
  expect(propertyLabel('capacity', 'en')).toBe('Capacity');
  expect(propertyLabel('floorArea', 'ko')).toBe('floorArea');
  expect(propertyLabel('constructor', 'ko')).toBe('constructor');
  expect(propertyLabel('__proto__', 'en')).toBe('__proto__');
});

describe('formatPropertyValue', () => {
  test('groups numbers and adds the unit of known keys', () => {
    expect(formatPropertyValue('capacity', 1200, 'ko')).toBe('1,200명');
    expect(formatPropertyValue('capacity', 1200, 'en')).toBe('1,200 people');
    expect(formatPropertyValue('lengthM', 350.25, 'en')).toBe('350.25 m');
    expect(formatPropertyValue('floors', 3, 'en')).toBe('3');
  });

  test('says yes or no for booleans', () => {
    expect(formatPropertyValue('synthetic', true, 'ko')).toBe('예');
    expect(formatPropertyValue('synthetic', false, 'en')).toBe('No');
  });

  test('names known codes, including each code of a list', () => {
    expect(formatPropertyValue('kind', 'earthquake-outdoor', 'ko')).toBe('지진 옥외대피장소');
    expect(formatPropertyValue('hazards', 'heat,cold', 'ko')).toBe('폭염, 한파');
    expect(formatPropertyValue('hazards', 'heat, flood', 'en')).toBe('Heat wave, flood');
    expect(formatPropertyValue('linkedToPolice', 'Y', 'en')).toBe('Yes');
    expect(formatPropertyValue('kind', 'toString', 'en')).toBe('toString');
  });

  test('leaves strings as they are', () => {
    expect(formatPropertyValue('name', '<b>부산시청</b>', 'ko')).toBe('<b>부산시청</b>');
  });
});

test('maplibreLocale translates MapLibre controls into Korean only', () => {
  expect(maplibreLocale('ko')?.['NavigationControl.ZoomIn']).toBe('확대');
  expect(maplibreLocale('en')).toBeUndefined();
});
