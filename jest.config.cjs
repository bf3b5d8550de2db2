// Jest runs TypeScript through SWC in CommonJS mode. Nest 12 ships ESM only, so its packages are
// transformed too (see ARCHITECTURE.md "Known facts about the toolchain").
const swc = ['@swc/jest', {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
}];
const libs = ['domain', 'event-store', 'commands', 'projections', 'read-models', 'messaging', 'platform'];
const shared = {
  transform: { '^.+\\.(t|j|mj)s$': swc },
  // Judged by the innermost node_modules: @fastify/static's own copy of content-disposition is ESM only.
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|uuid|content-disposition)/)(?!.*/node_modules/)'],
  moduleNameMapper: {
    ...Object.fromEntries(libs.map((l) => [`^#${l}$`, `<rootDir>/libs/${l}/src/index.ts`])),
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testEnvironment: 'node',
  // `npm test` type-checks by compiling everything into dist/ (the crash tests run the built app).
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
};
module.exports = {
  // A global option (projects cannot set it): integration suites start apps and databases.
  testTimeout: 60000,
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,test}/**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs,test}/**/*.{int,e2e}-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
