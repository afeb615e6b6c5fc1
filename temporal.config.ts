/**
 * How the app reaches Temporal. Every value comes from the environment so the same build runs against the local dev
 * server, a self-hosted cluster, or Temporal Cloud. Imports nothing of ours.
 */
import { readFileSync } from 'node:fs';

export interface TemporalConfig {
  /** host:port of the frontend. Unset means: `npm start` starts a local dev server. */
  address: string | undefined;
  namespace: string;
  taskQueue: string;
  /** mTLS client certificate and key (PEM file paths), for a self-hosted cluster or Temporal Cloud. */
  tls: { clientCertPath?: string; clientKeyPath?: string; serverRootCaPath?: string; serverName?: string } | undefined;
  /** Temporal Cloud API key; implies TLS. */
  apiKey: string | undefined;
  /** Local dev server ports, used only when `address` is unset. */
  devServer: { port: number; uiPort: number };
}

function env(name: string): string | undefined {
  const value = process.env[name];
  return value === undefined || value === '' ? undefined : value;
}

export function loadTemporalConfig(): TemporalConfig {
  const clientCertPath = env('TEMPORAL_TLS_CERT');
  const clientKeyPath = env('TEMPORAL_TLS_KEY');
  const serverRootCaPath = env('TEMPORAL_TLS_CA');
  const serverName = env('TEMPORAL_TLS_SERVER_NAME');
  const apiKey = env('TEMPORAL_API_KEY');
  const wantsTls = env('TEMPORAL_TLS') === 'true' || !!clientCertPath || !!apiKey;
  return {
    address: env('TEMPORAL_ADDRESS'),
    namespace: env('TEMPORAL_NAMESPACE') ?? 'default',
    taskQueue: env('TEMPORAL_TASK_QUEUE') ?? 'data-sharing',
    tls: wantsTls ? { clientCertPath, clientKeyPath, serverRootCaPath, serverName } : undefined,
    apiKey,
    devServer: {
      port: Number(env('TEMPORAL_DEV_PORT') ?? 7233),
      uiPort: Number(env('TEMPORAL_UI_PORT') ?? 8233),
    },
  };
}

/** Options shared by `Connection.connect` (client) and `NativeConnection.connect` (worker). */
export function connectionOptions(config: TemporalConfig, address = config.address) {
  if (!address) throw new Error('TEMPORAL_ADDRESS is not set and no local dev server was started');
  const tls = config.tls
    ? {
        ...(config.tls.clientCertPath && config.tls.clientKeyPath
          ? { clientCertPair: { crt: readFileSync(config.tls.clientCertPath), key: readFileSync(config.tls.clientKeyPath) } }
          : {}),
        ...(config.tls.serverRootCaPath ? { serverRootCACertificate: readFileSync(config.tls.serverRootCaPath) } : {}),
        ...(config.tls.serverName ? { serverNameOverride: config.tls.serverName } : {}),
      }
    : undefined;
  return { address, tls, apiKey: config.apiKey };
}

export const temporalConfig = loadTemporalConfig();
