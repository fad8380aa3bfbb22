export declare const missingConfig = "safemap serve: --config CATALOGUE is required: the layer catalogue to serve (the demo's is examples/busan/catalog.json; \"npm start\" serves it)\n";
/** `safemap serve`: runs until SIGTERM/SIGINT, then drains and exits 0; reloads its catalogue on SIGHUP. */
export declare function serveCommand(argv: string[]): Promise<number>;
