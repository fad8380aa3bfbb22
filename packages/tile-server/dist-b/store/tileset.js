export {};
//# sourceMappingURL=tileset.js.map