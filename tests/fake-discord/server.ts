import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';

/** A node:http server with a ws server on the same port, listening on 127.0.0.1 (a free port). */
export interface HttpAndWs {
  origin: string;
  port: number;
  wss: WebSocketServer;
  close: () => Promise<void>;
}

export async function listen(
  handler: (request: IncomingMessage, response: ServerResponse) => void,
): Promise<HttpAndWs> {
  const server = createServer(handler);
  const wss = new WebSocketServer({ server });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    wss,
    close: async () => {
      for (const socket of wss.clients) socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
