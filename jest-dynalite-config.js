// Configuration read by jest-dynalite (by name, from the jest project's rootDir).
// No pre-made tables: every integration test creates its own through `mapper.sync()` or the SDK.
module.exports = {
  tables: [],
  // Each worker's dynalite listens on basePort + JEST_WORKER_ID. jest.config.js picks a random
  // base once per run (inherited by the workers) so concurrent jest runs do not collide.
  basePort: Number(process.env.DYNAMAP_DYNALITE_BASE_PORT) || 8000,
};
