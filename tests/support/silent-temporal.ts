import { Client, Connection } from '@temporalio/client';
import { createServer, type Socket } from 'node:net';

/**
 * A Temporal address that accepts TCP connections and never answers (a paused server, a black-holed route), and a
 * client on it. The client connects lazily, so building it does not wait; every call waits for its deadline.
 */
export async function silentTemporal(): Promise<{ address: string; client: Client; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const address = `127.0.0.1:${port}`;
  const connection = Connection.lazy({ address });
  const client = new Client({ connection, namespace: 'default' });
  return {
    address,
    client,
    async close() {
      await connection.close().catch(() => undefined);
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
