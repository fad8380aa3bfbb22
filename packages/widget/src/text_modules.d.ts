/** CSS files are bundled as text (esbuild `text` loader) and applied as constructable stylesheets. */
declare module '*.css' {
  const text: string;
  export default text;
}
