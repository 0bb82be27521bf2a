/**
 * Test support for demo.test.ts (not used by the app): a bare-bones bot on the fake Discord's gateway,
 * so the fake has a READY session to dispatch commands to, without discord.js (which the web app
 * does not depend on). It speaks just enough WebSocket for the fake: unfragmented text frames, no
 * compression, JSON encoding.
 */
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import type { Duplex } from 'node:stream';

interface GatewayPayload {
  op: number;
  t?: string | null;
  d?: unknown;
}

export interface ReceivedInteraction {
  id: string;
  token: string;
  commandName: string;
  channelId: string;
}

export interface TestBotOptions {
  /** The fake's `gatewayUrl` (ws://host:port/gateway) and `apiBaseUrl` (http://host:port/api). */
  gatewayUrl: string;
  apiBaseUrl: string;
  /** Answer a slash command; undefined leaves it unanswered. */
  answerCommand?: (interaction: ReceivedInteraction) => { content: string; ephemeral?: boolean } | undefined;
  /** Answer a member's chat message with `msg.reply()`; needs the message-content intent, which this bot asks for. */
  answerMessage?: (content: string) => string | undefined;
}

const Intents = { Guilds: 1 << 0, GuildMessages: 1 << 9, MessageContent: 1 << 15 };

export class TestGatewayBot {
  readonly interactions: ReceivedInteraction[] = [];
  /** Replies the fake refused; a test asserts this stays empty. */
  readonly errors: Error[] = [];
  readonly #socket: Duplex;
  readonly #options: TestBotOptions;
  #buffer = Buffer.alloc(0);
  /** Replies still in flight: close() waits for them so a test's assertions see them. */
  readonly #pending = new Set<Promise<void>>();

  private constructor(socket: Duplex, options: TestBotOptions) {
    this.#socket = socket;
    this.#options = options;
  }

  /** Connects, identifies, and resolves once the fake says READY. */
  static connect(options: TestBotOptions): Promise<TestGatewayBot> {
    const url = new URL(options.gatewayUrl);
    return new Promise((resolve, reject) => {
      const req = request({
        host: url.hostname,
        port: url.port,
        path: `${url.pathname}?v=10&encoding=json`,
        headers: { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-key': randomBytes(16).toString('base64'), 'sec-websocket-version': '13' },
      });
      req.once('error', reject);
      req.once('response', (res) => reject(new Error(`gateway answered HTTP ${res.statusCode} instead of upgrading`)));
      req.once('upgrade', (_res, socket, head) => {
        const bot = new TestGatewayBot(socket, options);
        bot.#onReady = () => resolve(bot);
        socket.once('close', () => reject(new Error('gateway closed before READY')));
        socket.on('data', (chunk: Buffer) => bot.#receive(chunk));
        if (head.length > 0) bot.#receive(head);
      });
      req.end();
    });
  }

  #onReady: () => void = () => {};

  /** Closes the session with 1000 (the fake forgets it) and waits for replies still being sent. */
  async close(): Promise<void> {
    await Promise.all(this.#pending);
    const closed = new Promise<void>((resolve) => this.#socket.once('close', () => resolve()));
    const code = Buffer.alloc(2);
    code.writeUInt16BE(1000);
    this.#socket.end(frame(0x8, code));
    await closed;
  }

  #send(payload: GatewayPayload): void {
    this.#socket.write(frame(0x1, Buffer.from(JSON.stringify(payload))));
  }

  #receive(chunk: Buffer): void {
    this.#buffer = Buffer.concat([this.#buffer, chunk]);
    for (;;) {
      const parsed = readFrame(this.#buffer);
      if (parsed === undefined) return;
      this.#buffer = this.#buffer.subarray(parsed.size);
      if (parsed.opcode === 0x1) this.#handle(JSON.parse(parsed.payload.toString('utf8')) as GatewayPayload);
    }
  }

  #handle(payload: GatewayPayload): void {
    if (payload.op === 10) {
      const intents = Intents.Guilds | Intents.GuildMessages | Intents.MessageContent;
      this.#send({ op: 2, d: { token: 'test-bot-token', intents, properties: { os: 'linux', browser: 'herald-test', device: 'herald-test' } } });
      return;
    }
    if (payload.op !== 0) return;
    const d = payload.d as Record<string, unknown>;
    if (payload.t === 'READY') this.#onReady();
    else if (payload.t === 'INTERACTION_CREATE') this.#interaction(d);
    else if (payload.t === 'MESSAGE_CREATE') this.#message(d);
  }

  #interaction(d: Record<string, unknown>): void {
    const data = d.data as { name: string };
    const interaction: ReceivedInteraction = { id: String(d.id), token: String(d.token), commandName: data.name, channelId: String(d.channel_id) };
    this.interactions.push(interaction);
    const answer = this.#options.answerCommand?.(interaction);
    if (!answer) return;
    this.#track(
      this.#post(`/v10/interactions/${interaction.id}/${interaction.token}/callback`, {
        type: 4,
        data: { content: answer.content, flags: answer.ephemeral ? 64 : 0 },
      }),
    );
  }

  #message(d: Record<string, unknown>): void {
    const author = d.author as { bot?: boolean } | undefined;
    if (author?.bot === true || typeof d.content !== 'string') return;
    const answer = this.#options.answerMessage?.(d.content);
    if (answer === undefined) return;
    this.#track(
      this.#post(`/v10/channels/${String(d.channel_id)}/messages`, { content: answer, message_reference: { message_id: d.id } }),
    );
  }

  #track(reply: Promise<void>): void {
    const settled: Promise<void> = reply.then(
      () => void this.#pending.delete(settled),
      (error: unknown) => {
        this.#pending.delete(settled);
        this.errors.push(error as Error);
      },
    );
    this.#pending.add(settled);
  }

  async #post(path: string, body: unknown): Promise<void> {
    const response = await fetch(`${this.#options.apiBaseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bot test-bot-token' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`test bot: POST ${path.replace(/\/[^/]{40,}\//, '/[token]/')} answered ${response.status}: ${await response.text()}`);
  }
}

/** A client frame: FIN set, masked, as RFC 6455 requires of clients. */
function frame(opcode: number, payload: Buffer): Buffer {
  const mask = randomBytes(4);
  const length = payload.length;
  const header = length < 126 ? Buffer.from([0x80 | opcode, 0x80 | length]) : Buffer.alloc(4);
  if (length >= 126) {
    if (length > 0xffff) throw new Error('test bot: frame too large');
    header[0] = 0x80 | opcode;
    header[1] = 0x80 | 126;
    header.writeUInt16BE(length, 2);
  }
  const masked = Buffer.from(payload.map((byte, i) => byte ^ (mask[i % 4] as number)));
  return Buffer.concat([header, mask, masked]);
}

/** One server frame (unmasked) from the start of `buffer`, or undefined until it has fully arrived. */
function readFrame(buffer: Buffer): { opcode: number; payload: Buffer; size: number } | undefined {
  if (buffer.length < 2) return undefined;
  const opcode = (buffer[0] as number) & 0x0f;
  let length = (buffer[1] as number) & 0x7f;
  let offset = 2;
  if (length === 126) {
    if (buffer.length < 4) return undefined;
    length = buffer.readUInt16BE(2);
    offset = 4;
  } else if (length === 127) {
    if (buffer.length < 10) return undefined;
    length = Number(buffer.readBigUInt64BE(2));
    offset = 10;
  }
  if (buffer.length < offset + length) return undefined;
  return { opcode, payload: buffer.subarray(offset, offset + length), size: offset + length };
}
