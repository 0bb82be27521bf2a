import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * How the proxy treats connections:
 * - `forward`: pass bytes both ways (the database is reachable);
 * - `refuse`: accept and reset at once (a server that is down: the client sees ECONNRESET / closed);
 * - `hang`: accept and never answer (a network black hole: the client sees its own timeout).
 */
export type TcpProxyMode = 'forward' | 'refuse' | 'hang';

export interface TcpProxy {
  host: string;
  port: number;
  readonly mode: TcpProxyMode;
  /** Changes how new connections are treated; existing ones are left alone (see `cutAll`). */
  setMode(mode: TcpProxyMode): void;
  /** Destroys every open connection, as a server crash or a network cut does. */
  cutAll(): void;
  /** `setMode('refuse')` + `cutAll()`: what an outage of the server behind looks like. */
  outage(): void;
  /**
   * Open connections stop passing bytes (both ways) but stay open, and new ones hang: a network
   * black hole, where only the client's own timeouts help. `setMode('forward')` resumes them.
   */
  stall(): void;
  /** Connections accepted so far (to prove a client reconnected). */
  readonly accepted: number;
  close(): Promise<void>;
}

/**
 * A TCP proxy on 127.0.0.1 in front of a real service (MariaDB, Postgres, Redis), so a test can cut
 * the network between an app under test and that service without stopping the shared service.
 */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const open = new Set<Socket>();
  const pairs = new Set<[Socket, Socket]>();
  let mode: TcpProxyMode = 'forward';
  let accepted = 0;
  const server: Server = createServer((client) => {
    accepted++;
    open.add(client);
    client.once('close', () => open.delete(client));
    client.on('error', () => undefined);
    if (mode === 'refuse') return void client.resetAndDestroy();
    if (mode === 'hang') return;
    const upstream = connect(target);
    open.add(upstream);
    upstream.once('close', () => {
      open.delete(upstream);
      client.destroy();
    });
    client.once('close', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    client.once('close', () => pairs.delete(pair));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as { port: number };
  const cutAll = () => {
    for (const socket of open) socket.destroy();
    open.clear();
  };
  return {
    host: '127.0.0.1',
    port,
    get mode() {
      return mode;
    },
    get accepted() {
      return accepted;
    },
    setMode(next) {
      mode = next;
      if (next === 'forward') for (const [client, upstream] of pairs) if (client.readableFlowing === false) (client.pipe(upstream), upstream.pipe(client));
    },
    stall() {
      mode = 'hang';
      for (const [client, upstream] of pairs) (client.unpipe(upstream), upstream.unpipe(client), client.pause(), upstream.pause());
    },
    cutAll,
    outage() {
      mode = 'refuse';
      cutAll();
    },
    async close() {
      cutAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
