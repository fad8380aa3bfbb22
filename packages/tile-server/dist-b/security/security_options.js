export const defaultSecurityOptions = Object.freeze({
    corsOrigins: ['*'],
    trustProxy: 0,
    tileRatePerSecond: 200,
    tileBurst: 1000,
    requestsPerMinute: 600,
    rateLimitExempt: ['127.0.0.1', '::1', '::ffff:127.0.0.1'],
    ipv6PrefixBits: 64,
    allowedHosts: [],
    generationConcurrency: 2,
    generationQueue: 256,
    retryAfterSeconds: 1,
    accessLog: true,
});
//# sourceMappingURL=security_options.js.map