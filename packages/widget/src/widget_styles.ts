import maplibreCss from 'maplibre-gl/dist/maplibre-gl.css';
import widgetCss from './widget.css';

let sheets: CSSStyleSheet[] | undefined;

/**
 * MapLibre's CSS and the widget's own, as constructable stylesheets for a shadow root's
 * `adoptedStyleSheets`: no `<style>` element, so a strict `style-src 'self'` needs no exception.
 * Built once and shared by every `<safety-map>` on the page.
 */
export function widgetStyleSheets(): CSSStyleSheet[] {
  if (!sheets) {
    sheets = [maplibreCss, widgetCss].map((css) => {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      return sheet;
    });
  }
  return sheets;
}
