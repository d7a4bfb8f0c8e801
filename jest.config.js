/** Jest: TypeScript through ts-jest; tests live under test/. */
// Transpile only (tsconfig.json sets isolatedModules); `npm test` type-checks with tsc first.
const tsJest = ["ts-jest", { diagnostics: false }];
const os = require("os");
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": tsJest,
    // cockatiel 4 ships ES modules only; Jest's CommonJS runtime needs them transpiled.
    "^.+/node_modules/cockatiel/.+\\.js$": ["ts-jest", { diagnostics: false, tsconfig: { allowJs: true, isolatedModules: true } }],
  },
  transformIgnorePatterns: ["/node_modules/(?!cockatiel/)"],
  testTimeout: 120000,
  // Jest's default (one worker per core but one), at most 12: test/support/ports.ts gives each
  // worker its own block of loopback ports below the kernel's ephemeral range, and 12 fit.
  maxWorkers: Math.max(1, Math.min(os.availableParallelism() - 1, 12)),
};
