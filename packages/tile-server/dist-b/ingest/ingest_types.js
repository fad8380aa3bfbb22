export {};
//# sourceMappingURL=ingest_types.js.map