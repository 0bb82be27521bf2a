import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** An empty, masked WebSocket close frame: a polite goodbye after the handshake. */
const CLOSE_FRAME = Buffer.from([0x88, 0x80, 0, 0, 0, 0]);

/**
 * Resolves once the gateway accepts a WebSocket handshake (HTTP 101), rejects otherwise.
 *
 * Why: when discord.js's first connection fails, `login()` rejects but the shard it started keeps
 * reconnecting on its own and can no longer be destroyed (see discord.js issue #10493). Calling
 * `login()` only when the gateway is known to accept connections keeps retries from leaving such
 * orphaned sessions behind.
 */
export function probeGateway(gatewayUrl: string, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    let target: URL;
    try {
      target = new URL(gatewayUrl);
    } catch {
      reject(new Error(`the gateway URL is not a URL: ${gatewayUrl}`));
      return;
    }
    const secure = target.protocol === 'wss:';
    if (!secure && target.protocol !== 'ws:') {
      reject(new Error(`the gateway URL is not a WebSocket URL: ${target.protocol}`));
      return;
    }
    target.searchParams.set('v', '10');
    target.searchParams.set('encoding', 'json');
    const request = (secure ? httpsRequest : httpRequest)({
      host: target.hostname,
      port: target.port || (secure ? 443 : 80),
      path: `${target.pathname}${target.search}`,
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
      },
      timeout: timeoutMs,
    });
    request.on('upgrade', (_response, socket) => {
      socket.on('error', () => undefined);
      socket.end(CLOSE_FRAME);
      resolve();
    });
    request.on('response', (response) => {
      response.resume();
      reject(new Error(`the gateway answered HTTP ${response.statusCode} instead of accepting a WebSocket`));
    });
    request.on('timeout', () => request.destroy(new Error(`the gateway did not answer within ${timeoutMs} ms`)));
    request.on('error', reject);
    request.end();
  });
}
