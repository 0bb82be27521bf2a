export function warnIfNoPgDump(env: Record<string, string | undefined>): Promise<string | undefined>;
