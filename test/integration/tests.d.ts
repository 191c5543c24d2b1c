// The integration test files, gathered at build time by test/integration/build.ts: each `load`
// evaluates one file, so its describe/it calls run after mocha has set up its globals.
declare module 'integration-tests' {
  export const tests: ReadonlyArray<{ readonly file: string; load(): void }>;
}
