/** Jest: TypeScript through ts-jest; tests live under test/. */
const tsJest = ["ts-jest", { isolatedModules: true, diagnostics: false }];
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": tsJest,
    // cockatiel 4 ships ES modules only; Jest's CommonJS runtime needs them transpiled.
    "^.+/node_modules/cockatiel/.+\\.js$": ["ts-jest", { isolatedModules: true, diagnostics: false, tsconfig: { allowJs: true } }],
  },
  transformIgnorePatterns: ["/node_modules/(?!cockatiel/)"],
  testTimeout: 120000,
};
