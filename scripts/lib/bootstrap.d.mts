/** The host and port a service URL names (its scheme's default port when it has none). */
export function serviceAddress(url: string): { host: string; port: number };
/** Fails early (exit 1), naming each service that does not accept a connection. */
export function checkServices(services: Record<string, string>): Promise<void>;
