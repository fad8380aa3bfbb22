export {};
//# sourceMappingURL=tile_source.js.map