import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { TOOLS_DIR } from './paths';

const TEMPORAL_CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal@v1.5.1';
/** The Temporal Server and its SQL schema tool, for the PostgreSQL mode (docs/DEPLOYMENT.md). */
export const TEMPORAL_SERVER_VERSION = 'v1.29.1';
const TEMPORAL_SERVER_PACKAGES = { 'temporal-server': 'go.temporal.io/server/cmd/server', 'temporal-sql-tool': 'go.temporal.io/server/cmd/tools/sql' };
const TEST_SERVER_VERSION = '1.35.0';

/** Thrown when a tool the stack needs can neither be found nor built here; the message says what to install. */
export class MissingToolError extends Error {
  constructor(readonly tool: string, message: string) {
    super(message);
    this.name = 'MissingToolError';
  }
}

function onPath(command: string): string | undefined {
  const found = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  const path = found.stdout.trim();
  return found.status === 0 && path ? path : undefined;
}

/**
 * The Temporal CLI: `$TEMPORAL_CLI`, else `temporal` on PATH, else the copy built once into the tools cache from the
 * Go module proxy (about three minutes, when Go is present).
 * @throws MissingToolError when none of these is possible.
 */
export function ensureTemporalCli(log: (line: string) => void = console.log): string {
  const fromEnv = process.env.TEMPORAL_CLI;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new MissingToolError('temporal', `TEMPORAL_CLI=${fromEnv} does not exist`);
    return fromEnv;
  }
  const cached = resolve(TOOLS_DIR, 'bin', 'temporal');
  if (existsSync(cached)) return cached;
  const system = onPath('temporal');
  if (system) return system;
  const go = onPath('go');
  if (!go) {
    throw new MissingToolError(
      'temporal',
      'The Temporal CLI is needed. Install it (https://docs.temporal.io/cli#install, e.g. `brew install temporal`), ' +
        'put it on PATH or set TEMPORAL_CLI, or install Go so that setup can build it, or set TEMPORAL_ADDRESS to use a running cluster.',
    );
  }
  log(`Building the Temporal CLI once from ${TEMPORAL_CLI_MODULE} (about 3 minutes)…`);
  mkdirSync(resolve(TOOLS_DIR, 'bin'), { recursive: true });
  execFileSync(go, ['install', TEMPORAL_CLI_MODULE], {
    stdio: 'inherit',
    env: { ...process.env, GOBIN: resolve(TOOLS_DIR, 'bin'), CGO_ENABLED: process.env.CGO_ENABLED ?? '0' },
  });
  return cached;
}

export interface TemporalServerTools {
  /** The `temporal-server` binary (`server` of go.temporal.io/server, renamed). */
  server: string;
  /** `temporal-sql-tool`, which creates and migrates the server's databases. */
  sqlTool: string;
  /** The module's `schema/postgresql/v12` folder: `temporal/versioned` and `visibility/versioned` below it. */
  postgresSchemaDir: string;
}

/**
 * The Temporal Server and its SQL tool at TEMPORAL_SERVER_VERSION, built once into the tools cache with Go (about
 * 2.5 minutes, sharing the module cache with the CLI's build), and the PostgreSQL schema shipped in that module.
 * Only the PostgreSQL mode asks for them, so the default stack never waits for this build.
 * @throws MissingToolError when Go is missing and the binaries are not built yet.
 */
export function ensureTemporalServer(log: (line: string) => void = console.log): TemporalServerTools {
  const bin = resolve(TOOLS_DIR, 'bin');
  const stamp = resolve(bin, `.temporal-server-${TEMPORAL_SERVER_VERSION}`);
  const server = resolve(bin, 'temporal-server');
  const sqlTool = resolve(bin, 'temporal-sql-tool');
  const go = onPath('go') ?? (existsSync('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : undefined);
  if (!go) {
    throw new MissingToolError(
      'go',
      'The PostgreSQL mode builds the Temporal Server from its Go module: install Go 1.25+ (https://go.dev/doc/install), ' +
        'or run a Temporal cluster yourself and set TEMPORAL_ADDRESS.',
    );
  }
  const modCache = execFileSync(go, ['env', 'GOMODCACHE'], { encoding: 'utf8' }).trim();
  const postgresSchemaDir = resolve(modCache, `go.temporal.io/server@${TEMPORAL_SERVER_VERSION}`, 'schema', 'postgresql', 'v12');
  if (existsSync(stamp) && existsSync(server) && existsSync(sqlTool) && existsSync(postgresSchemaDir)) return { server, sqlTool, postgresSchemaDir };
  log(`Building the Temporal Server ${TEMPORAL_SERVER_VERSION} and its SQL tool once from go.temporal.io/server (about 3 minutes)…`);
  const scratch = resolve(TOOLS_DIR, 'go-build-temporal-server');
  mkdirSync(scratch, { recursive: true });
  const env = { ...process.env, GOBIN: scratch, CGO_ENABLED: process.env.CGO_ENABLED ?? '0' };
  execFileSync(go, ['install', ...Object.values(TEMPORAL_SERVER_PACKAGES).map((p) => `${p}@${TEMPORAL_SERVER_VERSION}`)], { stdio: 'inherit', env });
  mkdirSync(bin, { recursive: true });
  // `go install` names them after their folders (`server`, `sql`): renamed so that `ps` (and the bench's CPU
  // accounting, which goes by command name) tell them apart.
  renameSync(resolve(scratch, 'server'), server);
  renameSync(resolve(scratch, 'sql'), sqlTool);
  writeFileSync(stamp, '');
  return { server, sqlTool, postgresSchemaDir };
}

/**
 * A launcher for the Java time-skipping test server (io.temporal:temporal-test-server from Maven Central), fetched
 * once with Maven into the tools cache.
 * @throws MissingToolError when Java or Maven is missing.
 */
export function ensureTimeSkippingServer(log: (line: string) => void = console.log): string {
  const dir = resolve(TOOLS_DIR, 'temporal-test-server');
  const lib = resolve(dir, 'lib');
  const launcher = resolve(dir, 'temporal-test-server');
  // The SDK gives the server 5 s to listen: start the JVM for a short life rather than peak throughput.
  const script = `#!/bin/sh\nexec java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -cp "${lib}/*" io.temporal.testserver.TestServer "$@"\n`;
  if (existsSync(lib) && readdirSync(lib).some((f) => f.startsWith('temporal-test-server'))) {
    if (!existsSync(launcher) || readFileSync(launcher, 'utf8') !== script) {
      writeFileSync(launcher, script);
      chmodSync(launcher, 0o755);
    }
    return launcher;
  }
  const java = onPath('java');
  const mvn = onPath('mvn');
  if (!java || !mvn) {
    throw new MissingToolError('java', 'The time-skipping test server needs Java 17+ and Maven (e.g. `apt-get install openjdk-17-jre-headless maven`).');
  }
  log(`Fetching io.temporal:temporal-test-server:${TEST_SERVER_VERSION} from Maven Central…`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(resolve(dir, 'pom.xml'), testServerPom());
  execFileSync(mvn, ['-q', '-B', 'dependency:copy-dependencies', `-DoutputDirectory=${lib}`, '-DincludeScope=runtime'], {
    cwd: dir,
    stdio: 'inherit',
  });
  writeFileSync(launcher, script);
  chmodSync(launcher, 0o755);
  return launcher;
}

function testServerPom(): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local</groupId>
  <artifactId>temporal-test-server-fetch</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>io.temporal</groupId><artifactId>temporal-test-server</artifactId><version>${TEST_SERVER_VERSION}</version></dependency>
    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-nop</artifactId><version>2.0.16</version></dependency>
  </dependencies>
</project>
`;
}

const SCHEMATHESIS_VERSION = '4.32.5';

/**
 * Schemathesis (the property-based API fuzzer, from PyPI) in a virtualenv of its own under the tools cache.
 * @throws MissingToolError when Python 3 is missing.
 */
export function ensureSchemathesis(log: (line: string) => void = console.log): string {
  const venv = resolve(TOOLS_DIR, 'venv');
  const cli = resolve(venv, 'bin', 'schemathesis');
  const stamp = resolve(venv, `.schemathesis-${SCHEMATHESIS_VERSION}`);
  if (existsSync(cli) && existsSync(stamp)) return cli;
  const python = onPath('python3');
  if (!python) throw new MissingToolError('python3', 'The API fuzz test needs Python 3 (e.g. `apt-get install python3 python3-venv`).');
  log(`Installing schemathesis ${SCHEMATHESIS_VERSION} from PyPI into ${venv}…`);
  execFileSync(python, ['-m', 'venv', venv], { stdio: 'inherit' });
  execFileSync(resolve(venv, 'bin', 'pip'), ['install', '-q', `schemathesis==${SCHEMATHESIS_VERSION}`], { stdio: 'inherit' });
  writeFileSync(stamp, '');
  return cli;
}
