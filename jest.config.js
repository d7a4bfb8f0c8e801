/** Jest: TypeScript through ts-jest; tests live under test/. */
// Transpile only (tsconfig.json sets isolatedModules); `npm test` type-checks with tsc first.
const tsJest = ["ts-jest", { diagnostics: false }];
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
};
