import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy in front of a real server that a test can cut and restore: the way to take a broker
 * "down" for one service without stopping the RabbitMQ that other tests share. Cutting resets every
 * open connection and refuses new ones until restored.
 */
export class TcpProxy {
  private readonly sockets = new Set<Socket>();
  private up = true;
  private readonly server: Server;

  private constructor(targetHost: string, targetPort: number) {
    this.server = createServer((client) => {
      if (!this.up) return client.destroy();
      const upstream = connect(targetPort, targetHost);
      this.track(client);
      this.track(upstream);
      client.pipe(upstream).pipe(client);
      const close = () => (client.destroy(), upstream.destroy());
      client.on('error', close).on('close', close);
      upstream.on('error', close).on('close', close);
    });
  }

  static async start(targetHost: string, targetPort: number): Promise<TcpProxy> {
    const proxy = new TcpProxy(targetHost, targetPort);
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  private track(socket: Socket) {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
  }

  cut() {
    this.up = false;
    for (const socket of this.sockets) socket.resetAndDestroy();
  }

  restore() {
    this.up = true;
  }

  async close() {
    this.cut();
    await new Promise((resolve) => this.server.close(resolve));
  }
}
