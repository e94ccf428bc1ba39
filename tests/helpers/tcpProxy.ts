// A plain TCP proxy in front of several server instances, as a load balancer without sticky
// sessions: each new connection goes to the first instance (in the current order) that takes
// it, so a client whose instance died reconnects to another one through the same address.
import net from 'node:net';

export interface TcpProxy {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** The ports new connections try, in order. */
  targets: number[];
  /** How many connections each port has been given. */
  readonly given: Map<number, number>;
  close(): Promise<void>;
}

/** Starts a proxy on a free loopback port. */
export async function startTcpProxy(targets: number[]): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  const given = new Map<number, number>();
  const proxy: TcpProxy = {
    url: '',
    targets,
    given,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    client.pause();
    const tryTarget = (index: number): void => {
      const port = proxy.targets[index];
      if (port === undefined) {
        client.destroy();
        return;
      }
      const upstream = net.connect({ host: '127.0.0.1', port });
      let connected = false;
      upstream.on('error', () => {
        upstream.destroy();
        if (connected) client.destroy();
        else tryTarget(index + 1);
      });
      upstream.once('connect', () => {
        connected = true;
        given.set(port, (given.get(port) ?? 0) + 1);
        sockets.add(upstream);
        upstream.on('close', () => {
          sockets.delete(upstream);
          client.destroy();
        });
        client.on('close', () => upstream.destroy());
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
      });
    };
    tryTarget(0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as net.AddressInfo;
  (proxy as { url: string }).url = `http://127.0.0.1:${port}`;
  return proxy;
}
