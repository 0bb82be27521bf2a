export function readHeraldConfig(env: Record<string, string | undefined>): Promise<{ kind: 'none' } | { kind: 'unreadable' } | { kind: 'ok'; settings: Record<string, unknown> }>;
export function heraldSetting(env: Record<string, string | undefined>, path: string[]): Promise<string | undefined>;
/** The web app's effective login (its own settings code): the user and whether the read-only pages are open (`web.public`). */
export function webLogin(env: Record<string, string | undefined>): Promise<{ user: string; publicPages: boolean } | undefined>;
