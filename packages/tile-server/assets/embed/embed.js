// Reads the map's settings from this page's URL and adds the <safety-map>. The server has already rejected any URL
// whose parameters are not in the catalogue or a fixed pattern; the same patterns are checked again here, and the
// values only ever reach attributes, never markup.
(function () {
  'use strict';
  var patterns = {
    tileset: /^[a-z][a-z0-9_-]{0,63}$/,
    layers: /^[a-z][a-z0-9_-]{0,63}(?:,[a-z][a-z0-9_-]{0,63})*$/,
    center: /^-?\d{1,3}(?:\.\d{1,10})?,-?\d{1,3}(?:\.\d{1,10})?$/,
    zoom: /^\d{1,2}(?:\.\d{1,3})?$/,
    lang: /^(?:ko|en)$/,
  };
  var titles = { ko: '안전지도', en: 'Safety map' };
  var params = new URLSearchParams(window.location.search);
  var element = document.createElement('safety-map');
  Object.keys(patterns).forEach(function (name) {
    var value = params.get(name);
    if (value !== null && patterns[name].test(value)) element.setAttribute(name, value);
  });
  var lang = element.getAttribute('lang');
  if (lang) {
    document.documentElement.lang = lang;
    document.title = titles[lang];
    document.getElementById('embed-title').textContent = titles[lang];
  }
  // A static export names its catalogue in the page's own markup (the server's page needs none).
  var catalog = document.getElementById('embed-map').getAttribute('data-catalog');
  if (catalog) element.setAttribute('catalog', catalog);
  // A framed map usually sits in a page that scrolls: two fingers (or Ctrl + wheel) move the map, one scrolls the page.
  element.setAttribute('gestures', 'cooperative');
  document.getElementById('embed-map').append(element);
})();
