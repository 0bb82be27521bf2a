/** An OAuth app (client id and secret) and a Reddit account allowed to use the password grant. */
export interface FakeRedditClient {
  id: string;
  secret: string;
}
export interface FakeRedditAccount {
  username: string;
  password: string;
}

interface Token {
  clientId: string;
  username: string;
  expiresAtMs: number;
  revoked: boolean;
}

export type TokenCheck = { ok: true; clientId: string } | { ok: false };

/** Bearer tokens issued by the token endpoint: fake strings, numbered so runs are reproducible. */
export class TokenRegistry {
  private readonly tokens = new Map<string, Token>();
  private issued = 0;

  constructor(
    private readonly now: () => number,
    readonly ttlSeconds: number,
  ) {}

  issue(clientId: string, username: string): string {
    this.issued += 1;
    const token = `fake-reddit-token-${this.issued}`;
    this.tokens.set(token, { clientId, username, expiresAtMs: this.now() + this.ttlSeconds * 1000, revoked: false });
    return token;
  }

  /** Reads `Authorization: bearer <token>`; unknown, expired and revoked tokens fail. */
  check(authorization: string | undefined): TokenCheck {
    const match = /^bearer\s+(\S+)$/i.exec(authorization ?? '');
    const token = match?.[1] === undefined ? undefined : this.tokens.get(match[1]);
    if (token === undefined || token.revoked || this.now() >= token.expiresAtMs) return { ok: false };
    return { ok: true, clientId: token.clientId };
  }

  /** Revokes every token issued so far (or one); returns how many were live. */
  revoke(only?: string): number {
    let count = 0;
    for (const [value, token] of this.tokens) {
      if (only !== undefined && value !== only) continue;
      if (!token.revoked && this.now() < token.expiresAtMs) count += 1;
      token.revoked = true;
    }
    return count;
  }
}

/** Parses `Authorization: Basic base64(id:secret)`. */
export function basicCredentials(authorization: string | undefined): FakeRedditClient | undefined {
  const match = /^basic\s+(\S+)$/i.exec(authorization ?? '');
  if (match?.[1] === undefined) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}
