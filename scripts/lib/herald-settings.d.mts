export function readHeraldConfig(env: Record<string, string | undefined>): Promise<{ kind: 'none' } | { kind: 'unreadable' } | { kind: 'ok'; settings: Record<string, unknown> }>;
export function heraldSetting(env: Record<string, string | undefined>, path: string[]): Promise<string | undefined>;
