/**
 * The fake gateway (v10, JSON, no compression) on the fake's own HTTP server at `/gateway`:
 * HELLO, heartbeats, IDENTIFY → READY + GUILD_CREATE, RESUME, member chunks, dispatches and
 * server-side disconnects that exercise a client's resume and reconnect logic.
 */
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { GatewayCloseCodes, GatewayDispatchEvents, GatewayOpcodes } from 'discord-api-types/v10';
import { WebSocket, WebSocketServer } from 'ws';
import { allMembers, botUserObject, guildCreateData } from './guild-objects.js';
import type { FakeGuild } from './guild.js';

export const GATEWAY_PATH = '/gateway';

export interface GatewayStats {
  /** WebSocket connections accepted since start. */
  connections: number;
  identifies: number;
  resumes: number;
  /** Upgrades refused during a `refuseForMs` window. */
  refused: number;
  /** Sessions identified or resumed on a connection that is still open. */
  readySessions: number;
  /** The `intents` of each IDENTIFY, in order. */
  intents: number[];
}

export interface DisconnectOptions {
  /** Close code sent to every session. Default 4000 (unknown error: the client resumes). */
  code?: number;
  /** Refuse new WebSocket upgrades (HTTP 503) for this long, so clients back off and retry. */
  refuseForMs?: number;
}

export interface WaitForReadyOptions {
  /** Default 5000. */
  timeoutMs?: number;
  /** How many ready sessions to wait for. Default 1. */
  sessions?: number;
}

interface Session {
  id: string;
  seq: number;
  intents: number;
  socket: WebSocket | undefined;
}

interface Payload {
  op: number;
  d?: unknown;
  s?: number | null;
  t?: string | null;
}

/** Discord invalidates the session on these; a client must IDENTIFY again. */
const SESSION_ENDING_CODES = new Set<number>([
  1000,
  GatewayCloseCodes.AuthenticationFailed,
  GatewayCloseCodes.InvalidSeq,
  GatewayCloseCodes.SessionTimedOut,
  GatewayCloseCodes.InvalidShard,
  GatewayCloseCodes.ShardingRequired,
  GatewayCloseCodes.InvalidAPIVersion,
  GatewayCloseCodes.InvalidIntents,
  GatewayCloseCodes.DisallowedIntents,
]);

export class FakeGateway {
  readonly #wss = new WebSocketServer({ noServer: true });
  readonly #guild: FakeGuild;
  readonly #channels: () => { id: string; name: string }[];
  readonly #heartbeatIntervalMs: number;
  readonly #sessions = new Map<string, Session>();
  readonly #sockets = new Set<WebSocket>();
  readonly #events = new EventEmitter<{ ready: []; close: [] }>();
  readonly #counters = { connections: 0, identifies: 0, resumes: 0, refused: 0 };
  readonly #intents: number[] = [];
  #refuseUntil = 0;
  /** `ws://HOST:PORT/gateway`, set once the server listens. */
  url = '';

  /** Intent bits an IDENTIFY may not ask for (privileged ones the application is not allowed). */
  disallowedIntents = 0;

  constructor(options: { guild: FakeGuild; channels: () => { id: string; name: string }[]; heartbeatIntervalMs: number }) {
    this.#guild = options.guild;
    this.#channels = options.channels;
    this.#heartbeatIntervalMs = options.heartbeatIntervalMs;
    this.#events.setMaxListeners(0);
  }

  /** The HTTP server's `upgrade` handler. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://fake.invalid');
    if (url.pathname !== GATEWAY_PATH) return rejectUpgrade(socket, 404, 'Not Found');
    if (Date.now() < this.#refuseUntil) {
      this.#counters.refused += 1;
      return rejectUpgrade(socket, 503, 'Service Unavailable');
    }
    this.#wss.handleUpgrade(req, socket, head, (ws) => this.#accept(ws, url.searchParams));
  }

  #accept(ws: WebSocket, query: URLSearchParams): void {
    this.#counters.connections += 1;
    this.#sockets.add(ws);
    const version = query.get('v');
    if (version !== null && version !== '10') return ws.close(GatewayCloseCodes.InvalidAPIVersion, 'Invalid API version');
    const encoding = query.get('encoding');
    if (encoding !== null && encoding !== 'json') return ws.close(GatewayCloseCodes.DecodeError, 'Only JSON is faked');

    let session: Session | undefined;
    send(ws, { op: GatewayOpcodes.Hello, d: { heartbeat_interval: this.#heartbeatIntervalMs } });
    ws.on('message', (data, isBinary) => {
      const payload = isBinary ? undefined : parsePayload(data.toString());
      if (payload === undefined) return ws.close(GatewayCloseCodes.DecodeError, 'Error while decoding payload');
      switch (payload.op) {
        case GatewayOpcodes.Heartbeat:
          return send(ws, { op: GatewayOpcodes.HeartbeatAck });
        case GatewayOpcodes.Identify:
          if (session !== undefined) return ws.close(GatewayCloseCodes.AlreadyAuthenticated, 'Already authenticated');
          session = this.#identify(ws, payload.d);
          return;
        case GatewayOpcodes.Resume:
          if (session !== undefined) return ws.close(GatewayCloseCodes.AlreadyAuthenticated, 'Already authenticated');
          session = this.#resume(ws, payload.d);
          return;
        case GatewayOpcodes.RequestGuildMembers:
          if (session === undefined) return ws.close(GatewayCloseCodes.NotAuthenticated, 'Not authenticated');
          return this.#sendMemberChunk(session, payload.d);
        case GatewayOpcodes.PresenceUpdate:
        case GatewayOpcodes.VoiceStateUpdate:
          return;
        default:
          return ws.close(GatewayCloseCodes.UnknownOpcode, 'Unknown opcode');
      }
    });
    ws.on('close', (code) => {
      this.#sockets.delete(ws);
      if (session?.socket !== ws) return;
      session.socket = undefined;
      // A client closing with 1000/1001 ends its session, like on Discord.
      if (code === 1000 || code === 1001) this.#sessions.delete(session.id);
    });
    ws.on('error', () => ws.terminate());
  }

  #identify(ws: WebSocket, d: unknown): Session | undefined {
    const data = asRecord(d);
    if (typeof data?.token !== 'string' || data.token === '') {
      ws.close(GatewayCloseCodes.AuthenticationFailed, 'Authentication failed');
      return undefined;
    }
    if (!Number.isInteger(data.intents) || (data.intents as number) < 0) {
      ws.close(GatewayCloseCodes.InvalidIntents, 'Invalid intent(s)');
      return undefined;
    }
    const intents = data.intents as number;
    if ((intents & this.disallowedIntents) !== 0) {
      ws.close(GatewayCloseCodes.DisallowedIntents, 'Disallowed intent(s).');
      return undefined;
    }
    const session: Session = { id: randomBytes(16).toString('hex'), seq: 0, intents, socket: ws };
    this.#sessions.set(session.id, session);
    this.#counters.identifies += 1;
    this.#intents.push(intents);
    this.#dispatchTo(session, GatewayDispatchEvents.Ready, {
      v: 10,
      user: { ...botUserObject(this.#guild), verified: true, mfa_enabled: false, flags: 0 },
      user_settings: {},
      private_channels: [],
      guilds: [{ id: this.#guild.id, unavailable: true }],
      presences: [],
      relationships: [],
      guild_join_requests: [],
      session_id: session.id,
      session_type: 'normal',
      resume_gateway_url: this.url,
      shard: [0, 1],
      application: { id: this.#guild.applicationId, flags: 0 },
    });
    this.#dispatchTo(session, GatewayDispatchEvents.GuildCreate, guildCreateData(this.#guild, this.#channels()));
    this.#events.emit('ready');
    return session;
  }

  #resume(ws: WebSocket, d: unknown): Session | undefined {
    const data = asRecord(d);
    const session = typeof data?.session_id === 'string' ? this.#sessions.get(data.session_id) : undefined;
    if (session === undefined || session.socket !== undefined || typeof data?.token !== 'string') {
      // d:false → the client must IDENTIFY again.
      send(ws, { op: GatewayOpcodes.InvalidSession, d: false });
      return undefined;
    }
    session.socket = ws;
    this.#counters.resumes += 1;
    // Nothing is replayed: the fake does not queue events for disconnected sessions.
    this.#dispatchTo(session, GatewayDispatchEvents.Resumed, null);
    this.#events.emit('ready');
    return session;
  }

  #sendMemberChunk(session: Session, d: unknown): void {
    const data = asRecord(d);
    const ids = Array.isArray(data?.user_ids) ? data.user_ids.map(String) : typeof data?.user_ids === 'string' ? [data.user_ids] : undefined;
    const query = typeof data?.query === 'string' ? data.query.toLowerCase() : '';
    const limit = typeof data?.limit === 'number' && data.limit > 0 ? data.limit : Infinity;
    const members = allMembers(this.#guild)
      .filter((m) => (ids ? ids.includes(m.user.id) : m.user.username.toLowerCase().startsWith(query)))
      .slice(0, limit);
    this.#dispatchTo(session, GatewayDispatchEvents.GuildMembersChunk, {
      guild_id: this.#guild.id,
      members,
      chunk_index: 0,
      chunk_count: 1,
      not_found: ids ? ids.filter((id) => !members.some((m) => m.user.id === id)) : [],
      ...(data?.nonce !== undefined && { nonce: data.nonce }),
    });
  }

  #dispatchTo(session: Session, t: string, d: unknown): void {
    if (session.socket === undefined) return;
    session.seq += 1;
    send(session.socket, { op: GatewayOpcodes.Dispatch, t, s: session.seq, d });
  }

  /** Sends an event to every ready session; `build` may tailor it to the session's intents or skip it (undefined). */
  dispatch(t: string, build: (intents: number) => unknown): number {
    let delivered = 0;
    for (const session of this.#sessions.values()) {
      if (session.socket === undefined) continue;
      const d = build(session.intents);
      if (d === undefined) continue;
      this.#dispatchTo(session, t, d);
      delivered += 1;
    }
    return delivered;
  }

  get readySessions(): number {
    let ready = 0;
    for (const session of this.#sessions.values()) if (session.socket !== undefined) ready += 1;
    return ready;
  }

  stats(): GatewayStats {
    return { ...this.#counters, readySessions: this.readySessions, intents: [...this.#intents] };
  }

  /** Closes every connection with `code`; optionally refuses reconnects for a while. */
  disconnect(options: DisconnectOptions = {}): void {
    const code = options.code ?? GatewayCloseCodes.UnknownError;
    if (code !== 1000 && (code < 3000 || code > 4999)) throw new Error(`close code must be 1000 or 3000-4999, got ${code}`);
    this.#refuseUntil = Date.now() + (options.refuseForMs ?? 0);
    for (const session of this.#sessions.values()) {
      // Not ready from now on, even before the close handshake finishes.
      session.socket = undefined;
      if (SESSION_ENDING_CODES.has(code)) this.#sessions.delete(session.id);
    }
    for (const ws of this.#sockets) ws.close(code, 'Disconnected by the fake');
  }

  waitForReady(options: WaitForReadyOptions = {}): Promise<void> {
    const { timeoutMs = 5000, sessions = 1 } = options;
    if (this.readySessions >= sessions) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const onReady = (): void => {
        if (this.readySessions < sessions) return;
        cleanup();
        resolve();
      };
      const onClose = (): void => {
        cleanup();
        reject(new Error('waitForGatewayReady: the fake Discord closed'));
      };
      const timer = setTimeout(() => {
        cleanup();
        const stats = this.stats();
        reject(new Error(`waitForGatewayReady: expected ${sessions} ready session(s) within ${timeoutMs} ms; gateway stats ${JSON.stringify(stats)}`));
      }, timeoutMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.#events.off('ready', onReady);
        this.#events.off('close', onClose);
      };
      this.#events.on('ready', onReady);
      this.#events.on('close', onClose);
    });
  }

  /** Drops every connection at once (no close handshake) so the HTTP server can close. */
  close(): void {
    this.#events.emit('close');
    for (const ws of this.#sockets) ws.terminate();
    this.#sockets.clear();
    for (const session of this.#sessions.values()) session.socket = undefined;
    this.#wss.close();
  }
}

function rejectUpgrade(socket: Duplex, status: number, text: string): void {
  // end() flushes the answer before closing, so the client sees the status, not a reset.
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

function send(ws: WebSocket, payload: Payload): void {
  if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(payload));
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function parsePayload(text: string): Payload | undefined {
  try {
    const value = asRecord(JSON.parse(text));
    return typeof value?.op === 'number' ? (value as unknown as Payload) : undefined;
  } catch {
    return undefined;
  }
}
