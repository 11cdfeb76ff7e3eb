/**
 * setupFilesAfterEnv of the integration projects. `testTimeout` is only honoured from the
 * global jest config, not per project, so the longer timeout for tests that talk to a database
 * engine is set here.
 */
jest.setTimeout(30_000);
