/**
 * `import.meta.url` for the classic (IIFE) bundle, injected by build.mjs: the `src` of the
 * <script> element running now. `document.currentScript` is only set while the script first
 * runs, so it is read once, at load time.
 */
export const classicScriptUrl: string =
  document.currentScript instanceof HTMLScriptElement ? document.currentScript.src : '';
