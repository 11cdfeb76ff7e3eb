// @ts-check
'use strict';
/**
 * globalSetup of the `dynamodb-local` jest project. Runs once in the main jest process, before
 * any worker is started, and only when at least one test of that project is selected.
 *
 * It starts DynamoDB Local and publishes its endpoint in process.env.DYNAMAP_TEST_ENDPOINT:
 * jest workers are forked after global setup, so they inherit it (verified with jest 30, both
 * with workers and with --runInBand). test/support/engine.ts reads it.
 */
const fs = require('node:fs');
const { ENDPOINT_ENV, REQUIRE_ENV, findJava, startDynamoDBLocal } = require('./dynamodb-local');

module.exports = async function globalSetup() {
  const java = findJava();
  if (!java) {
    // jest.config.js leaves this project out when java is missing, unless it is required.
    throw new Error(
      `!!! DynamoDB Local conformance run REQUIRED (${REQUIRE_ENV}=1) but java was not found on PATH. ` +
        'Install a Java runtime (>= 17) or unset the variable.',
    );
  }
  const started = Date.now();
  const server = await startDynamoDBLocal({ java });
  process.env[ENDPOINT_ENV] = server.endpoint;
  // Shared with globalTeardown (same process).
  globalThis.__DYNAMAP_DYNAMODB_LOCAL__ = server;
  process.once('exit', () => fs.rmSync(server.workDir, { recursive: true, force: true }));
  process.stderr.write(
    `\nDynamoDB Local started on ${server.endpoint} (pid ${server.child.pid}, ${Date.now() - started} ms)\n`,
  );
};
