import { ensureSchemathesis, ensureTemporalCli, ensureTemporalServer, ensureTimeSkippingServer, MissingToolError } from './tools';

try {
  const cli = ensureTemporalCli();
  const testServer = ensureTimeSkippingServer();
  const fuzzer = ensureSchemathesis();
  console.log(`temporal CLI: ${cli}\ntime-skipping test server: ${testServer}\nAPI fuzzer: ${fuzzer}`);
  // The Temporal Server (a few minutes' build) only when a run asks for the PostgreSQL mode.
  if ([process.env.TEST_TEMPORAL_SERVER, process.env.BENCH_TEMPORAL_SERVER, process.env.TEMPORAL_SERVER].includes('postgres')) {
    console.log(`temporal server: ${ensureTemporalServer().server}`);
  }
} catch (error) {
  if (error instanceof MissingToolError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
