import { ensureSchemathesis, ensureTemporalCli, ensureTimeSkippingServer, MissingToolError } from './tools';

try {
  const cli = ensureTemporalCli();
  const testServer = ensureTimeSkippingServer();
  const fuzzer = ensureSchemathesis();
  console.log(`temporal CLI: ${cli}\ntime-skipping test server: ${testServer}\nAPI fuzzer: ${fuzzer}`);
} catch (error) {
  if (error instanceof MissingToolError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
