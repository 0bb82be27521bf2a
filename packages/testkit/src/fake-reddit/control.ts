import type { Answer } from './http.js';
import type { FakeReddit } from './fake-reddit.js';
import type { FakeRedditFault, FakeRedditFaultScope } from './types.js';
import { FakeRedditControlError } from './users.js';

type Body = Record<string, unknown>;

/**
 * The control API over HTTP (for the fake run as a process), under `/_fake`; bodies are JSON
 * objects. Routes and bodies are listed in README.md; errors answer `{error}` with 400 or 404.
 */
export function routeControl(fake: FakeReddit, method: string, path: string, query: URLSearchParams, rawBody: string): Answer {
  try {
    const body = parseBody(rawBody);
    const result = dispatch(fake, `${method} ${path}`, query, body);
    return result === undefined ? { status: 404, body: { error: `no control route ${method} ${path}` } } : { status: 200, body: result };
  } catch (error) {
    if (error instanceof FakeRedditControlError) return { status: error.status, body: { error: error.message } };
    if (error instanceof RangeError || error instanceof TypeError) return { status: 400, body: { error: error.message } };
    throw error;
  }
}

function dispatch(fake: FakeReddit, route: string, query: URLSearchParams, body: Body): unknown {
  const user = /^(GET|POST) \/users\/([^/]+)(\/comments)?$/.exec(route);
  if (user?.[2] !== undefined) {
    const name = decodeURIComponent(user[2]);
    if (user[3] !== undefined && user[1] === 'GET') return fake.comments(name, { ...optional('after', query.get('after') ?? undefined), ...optional('limit', numberOrUndefined(query.get('limit'))) });
    if (user[3] !== undefined) return fake.addComment(name, pick(body, { body: 'string', score: 'number', subreddit: 'string', createdUtc: 'number' }));
    if (user[1] === 'GET') return fake.user(name);
    const change = pick(body, { suspended: 'boolean', deleted: 'boolean', commentsHidden: 'boolean' });
    let info = fake.user(name);
    if (change.suspended !== undefined) info = change.suspended ? fake.suspend(name) : fake.unsuspend(name);
    if (change.deleted !== undefined) info = change.deleted ? fake.deleteUser(name) : fake.undeleteUser(name);
    if (change.commentsHidden !== undefined) info = fake.hideComments(name, change.commentsHidden);
    return info;
  }
  const comment = /^POST \/comments\/([^/]+)$/.exec(route);
  if (comment?.[1] !== undefined) return fake.setScore(decodeURIComponent(comment[1]), required(body, 'score', 'number'));
  switch (route) {
    case 'GET /stats': return fake.stats();
    case 'POST /stats/reset': return act(() => fake.resetStats(), {});
    case 'GET /users': return fake.listUsers();
    case 'POST /users': {
      const input = pick(body, { name: 'string', createdUtc: 'number', suspended: 'boolean', deleted: 'boolean', commentsHidden: 'boolean' });
      const comments = body.comments;
      if (comments !== undefined && typeof comments !== 'number' && (typeof comments !== 'object' || comments === null)) throw new TypeError('comments must be a number or an object');
      return fake.addUser({ ...input, name: required(body, 'name', 'string'), ...(comments !== undefined && { comments: comments as number }) });
    }
    case 'POST /faults': return setFaults(fake, body);
    case 'POST /faults/clear': return act(() => fake.clearFaults(), {});
    case 'POST /latency': return act(() => fake.setLatency(required(body, 'ms', 'number')), {});
    case 'POST /tokens/revoke': return { revoked: fake.revokeTokens(pick(body, { token: 'string' }).token) };
    case 'GET /budget': return fake.requestBudget;
    case 'POST /budget': return act(() => fake.setBudget({ requests: required(body, 'requests', 'number'), windowMs: required(body, 'windowMs', 'number') }), () => fake.requestBudget);
    case 'GET /clock': return { now: fake.now() };
    case 'POST /clock': return act(() => fake.advanceClock(required(body, 'advanceMs', 'number')), () => ({ now: fake.now() }));
    default: return undefined;
  }
}

/** `{count}` queues the next N failures, `{fraction, seed?}` sets a failure rate; both take status, reset, scope. */
function setFaults(fake: FakeReddit, body: Body): { ok: true } {
  const fields = pick(body, { count: 'number', fraction: 'number', seed: 'number', status: 'number', reset: 'boolean', scope: 'string' });
  if (fields.scope !== undefined && !['api', 'token', 'all'].includes(fields.scope)) throw new RangeError('scope must be api, token or all');
  const fault: FakeRedditFault = { ...optional('status', fields.status), ...optional('reset', fields.reset), ...optional('scope', fields.scope as FakeRedditFaultScope | undefined) };
  if (fields.count === undefined && fields.fraction === undefined) throw new TypeError('give count or fraction');
  if (fields.count !== undefined) fake.failNext(fields.count, fault);
  if (fields.fraction !== undefined) fake.failRate(fields.fraction, fault, fields.seed);
  return { ok: true };
}

/** Runs a control action, then answers `result` (a value, or a function read after the action). */
function act(action: () => void, result: unknown): unknown {
  action();
  return typeof result === 'function' ? (result as () => unknown)() : result;
}

function parseBody(raw: string): Body {
  if (raw.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new TypeError('body must be JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new TypeError('body must be a JSON object');
  return value as Body;
}

type Kinds = { string: string; number: number; boolean: boolean };

function pick<S extends Record<string, keyof Kinds>>(body: Body, spec: S): { [K in keyof S]?: Kinds[S[K]] } {
  const out: Record<string, unknown> = {};
  for (const [key, kind] of Object.entries(spec)) {
    const value = body[key];
    if (value === undefined) continue;
    if (typeof value !== kind) throw new TypeError(`${key} must be a ${kind}`);
    out[key] = value;
  }
  return out as { [K in keyof S]?: Kinds[S[K]] };
}

function required<K extends keyof Kinds>(body: Body, key: string, kind: K): Kinds[K] {
  const value = body[key];
  if (typeof value !== kind) throw new TypeError(`${key} must be a ${kind}`);
  return value as Kinds[K];
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function numberOrUndefined(raw: string | null): number | undefined {
  return raw === null ? undefined : Number(raw);
}
