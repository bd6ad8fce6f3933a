import { request as httpRequest, STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { REQUEST_ID_HEADER, type ErrorCode } from '@corazy/contracts';
import { AppError, errorBody, redactUrl, requestIdFrom, type Logger } from '@corazy/service-kit';

export interface UpgradeDecision {
  upstream: URL;
  headers: Record<string, string | string[]>;
}

/**
 * Proxies WebSocket upgrades as a byte tunnel: the handshake is checked and rewritten (`decide`), then
 * the two sockets are piped together, so frames cost the gateway no parsing. Open tunnels are tracked
 * so that shutdown can end them, and clients reconnect through another replica.
 */
export class WebSocketTunnels {
  private readonly open = new Set<Duplex>();

  constructor(
    private readonly logger: Logger,
    private readonly connectTimeoutMs: number,
    private readonly decide: (request: IncomingMessage, requestId: string) => Promise<UpgradeDecision>,
  ) {}

  get size() {
    return this.open.size;
  }

  handle(request: IncomingMessage, client: Duplex, head: Buffer): void {
    const requestId = requestIdFrom(request.headers);
    client.on('error', () => client.destroy());
    this.decide(request, requestId)
      .then((decision) => this.connect(decision, request, client, head, requestId))
      .catch((error: unknown) => {
        const appError = error instanceof AppError ? error : new AppError('INTERNAL_ERROR', 'upgrade failed');
        if (!(error instanceof AppError))
          this.logger.error({ err: error, requestId }, 'websocket upgrade failed');
        refuse(client, appError.status, appError.code, appError.message, appError.headers);
      });
  }

  /** Ends every open tunnel; their clients reconnect, through another replica when this one stops. */
  closeAll(): void {
    for (const socket of this.open) socket.destroy();
    this.open.clear();
  }

  private connect(
    decision: UpgradeDecision,
    request: IncomingMessage,
    client: Duplex,
    head: Buffer,
    requestId: string,
  ) {
    const log = this.logger.child({ requestId });
    const upstreamRequest = httpRequest(decision.upstream, {
      method: 'GET',
      headers: decision.headers,
      timeout: this.connectTimeoutMs,
    });
    upstreamRequest.on('timeout', () =>
      upstreamRequest.destroy(new AppError('UPSTREAM_TIMEOUT', 'upstream did not answer')),
    );
    upstreamRequest.on('error', (error) => {
      const code: ErrorCode = error instanceof AppError ? error.code : 'UPSTREAM_UNAVAILABLE';
      log.warn({ err: error, url: redactUrl(request.url ?? '') }, 'websocket upstream failed');
      refuse(
        client,
        code === 'UPSTREAM_TIMEOUT' ? 504 : 502,
        code,
        'the service behind this address is unavailable',
      );
    });
    upstreamRequest.on('response', (response) => {
      // The upstream declined the upgrade: relay its answer as is.
      const lines = [`HTTP/1.1 ${response.statusCode} ${STATUS_CODES[response.statusCode ?? 502] ?? ''}`];
      for (let i = 0; i < response.rawHeaders.length; i += 2)
        lines.push(`${response.rawHeaders[i]}: ${response.rawHeaders[i + 1]}`);
      client.write(`${lines.join('\r\n')}\r\n\r\n`);
      response.pipe(client);
    });
    upstreamRequest.on('upgrade', (response, upstream, upstreamHead) => {
      upstreamRequest.setTimeout(0);
      const lines = ['HTTP/1.1 101 Switching Protocols'];
      for (let i = 0; i < response.rawHeaders.length; i += 2)
        lines.push(`${response.rawHeaders[i]}: ${response.rawHeaders[i + 1]}`);
      lines.push(`${REQUEST_ID_HEADER}: ${requestId}`);
      client.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (upstreamHead.length > 0) client.write(upstreamHead);
      if (head.length > 0) upstream.write(head);
      upstream.setNoDelay(true);
      this.open.add(client);
      const close = () => {
        this.open.delete(client);
        client.destroy();
        upstream.destroy();
      };
      upstream.on('error', close).on('close', close);
      client.on('close', close);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstreamRequest.end();
  }
}

function refuse(
  client: Duplex,
  status: number,
  code: ErrorCode,
  message: string,
  headers: Record<string, string> = {},
) {
  if (!client.writable) return client.destroy();
  const body = JSON.stringify(errorBody(code, message));
  const extra = Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  client.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nconnection: close\r\ncontent-type: application/json\r\n` +
      `content-length: ${Buffer.byteLength(body)}\r\n${extra}\r\n${body}`,
  );
}
