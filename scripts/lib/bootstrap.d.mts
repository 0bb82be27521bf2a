/** The host and port a service URL names (its scheme's default port when it has none). */
export function serviceAddress(url: string): { host: string; port: number };
/** Fails early (exit 1), naming each service that does not accept a connection. */
export function checkServices(services: Record<string, string>): Promise<void>;
/** A filter for turbo's streamed log of `taskName`: a line to show, or undefined to drop it. */
export function turboProgress(taskName: string): (line: string) => string | undefined;
