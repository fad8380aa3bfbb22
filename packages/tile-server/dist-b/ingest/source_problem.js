export {};
//# sourceMappingURL=source_problem.js.map