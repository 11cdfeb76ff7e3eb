// @ts-check
'use strict';
/** globalTeardown of the `dynamodb-local` jest project: stops the server started by globalSetup. */
const fs = require('node:fs');
const { stopDynamoDBLocal } = require('./dynamodb-local');

module.exports = async function globalTeardown() {
  const server = globalThis.__DYNAMAP_DYNAMODB_LOCAL__;
  if (!server) return;
  globalThis.__DYNAMAP_DYNAMODB_LOCAL__ = undefined;
  await stopDynamoDBLocal(server);
  fs.rmSync(server.workDir, { recursive: true, force: true });
};
