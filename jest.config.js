// @ts-check
'use strict';
/**
 * Three projects:
 *  - unit            test/unit/**             plain node environment
 *  - dynalite        test/integration/**      jest-dynalite: an in-process dynalite per worker
 *  - dynamodb-local  test/integration/**      the same files against DynamoDB Local (java),
 *                                             started once by the project's globalSetup
 *
 * Integration tests learn which engine they run on from the per-project global
 * `DYNAMAP_TEST_ENGINE` (see test/support/engine.ts); environment variables cannot tell, since a
 * worker process runs files of both projects.
 *
 * Without java the dynamodb-local project is left out with one loud line, unless
 * DYNAMAP_REQUIRE_DYNAMODB_LOCAL=1, in which case it stays and its globalSetup fails the run.
 */
const { findJava, isRequired, REQUIRE_ENV } = require('./test/support/dynamodb-local');

// jest-dynalite listens on basePort + JEST_WORKER_ID in each worker. A random base per run
// (inherited by the workers, read by jest-dynalite-config.js) keeps concurrent runs apart.
process.env.DYNAMAP_DYNALITE_BASE_PORT ??= String(10_000 + Math.floor(Math.random() * 20_000));

// Tests run in a time zone that is not UTC (CI machines usually are), so that a date read or
// written in local time instead of UTC fails a test. A zone with daylight saving time, and a
// negative offset; a TZ set by the caller is kept.
process.env.TZ ??= 'America/New_York';

// The AWS SDK warns once per module registry (so once per test file) that node 20 support ends
// in 2027; that is noise in test output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/** ts-jest in transpile-only mode (type checking is `npm run typecheck`). Decorator metadata is
 * still emitted: experimentalDecorators/emitDecoratorMetadata come from tsconfig.json. */
const transform = {
  '^.+\\.tsx?$': ['ts-jest', { tsconfig: { isolatedModules: true } }],
};

/** @type {import('jest').Config} */
const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform,
  moduleFileExtensions: ['ts', 'js', 'json'],
  // Tests may import the public surface by package name, exactly like users do.
  moduleNameMapper: { '^dynamap$': '<rootDir>/src/index.ts' },
};

const integrationMatch = ['<rootDir>/test/integration/**/*.test.ts'];
const integrationSetup = ['<rootDir>/test/support/integration.setup.ts'];

/** @type {import('jest').Config[]} */
const projects = [
  {
    ...common,
    displayName: 'unit',
    testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
  },
  {
    ...common,
    displayName: 'dynalite',
    testMatch: integrationMatch,
    // What the `jest-dynalite` preset sets, spelled out so our setup file can be appended: its
    // environment starts dynalite (and sets MOCK_DYNAMODB_ENDPOINT); its setup files create and
    // clear the configured tables (none: see jest-dynalite-config.js).
    testEnvironment: 'jest-dynalite/environment',
    setupFilesAfterEnv: [
      'jest-dynalite/setupTables',
      'jest-dynalite/clearAfterEach',
      ...integrationSetup,
    ],
    globals: { DYNAMAP_TEST_ENGINE: 'dynalite' },
  },
];

if (findJava() || isRequired()) {
  projects.push({
    ...common,
    displayName: 'dynamodb-local',
    testMatch: integrationMatch,
    globalSetup: '<rootDir>/test/support/dynamodb-local.global-setup.js',
    globalTeardown: '<rootDir>/test/support/dynamodb-local.global-teardown.js',
    setupFilesAfterEnv: integrationSetup,
    globals: { DYNAMAP_TEST_ENGINE: 'dynamodb-local' },
  });
} else {
  process.stderr.write(
    `!!! DynamoDB Local conformance run SKIPPED: java not found on PATH ` +
      `(install Java >= 17, or set ${REQUIRE_ENV}=1 to make this an error)\n`,
  );
}

/** @type {import('jest').Config} */
module.exports = { projects };
