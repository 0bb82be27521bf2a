import type { ZodError } from 'zod';

/** A configuration problem. `key` names the setting (dotted path, env var or ini key) so the operator can fix it. */
export class ConfigError extends Error {
  constructor(
    readonly key: string,
    readonly problem: string,
  ) {
    super(`${key}: ${problem}`);
    this.name = 'ConfigError';
  }
}

/** Several problems found at once; reported together so one fix-and-retry cycle suffices. */
export class ConfigErrors extends Error {
  constructor(readonly errors: ConfigError[]) {
    super(errors.map((e) => e.message).join('\n'));
    this.name = 'ConfigErrors';
  }
}

/**
 * The `params` of a zod issue whose message mentions other settings by their dotted paths from the
 * settings' root (`retention.events`): {@link fromZodError} writes each as the user wrote it (the
 * environment variable that set it, when one did), as it names the issue's own setting. Use:
 * `ctx.addIssue({ code: 'custom', path, message: 'must not be longer than retention.events', params: mentioning('retention.events') })`.
 */
export function mentioning(...paths: string[]): { settings: string[] } {
  return { settings: paths };
}

/**
 * One ConfigError per issue; `nameOf` may rename a path (relative to the parsed object, e.g. to the
 * environment variable that set it), for the issue's own key and for the settings its message
 * mentions (see {@link mentioning}; their paths are from the root, so `prefix` is taken off first).
 */
export function fromZodError(error: ZodError, prefix = '', nameOf: (path: string) => string | undefined = () => undefined): ConfigErrors {
  const asWritten = (path: string) => {
    const relative = prefix === '' ? path : path.startsWith(`${prefix}.`) ? path.slice(prefix.length + 1) : undefined;
    return (relative === undefined ? undefined : nameOf(relative)) ?? path;
  };
  return new ConfigErrors(
    error.issues.map((issue) => {
      const path = issue.path.map(String).join('.');
      const mentioned = issue.code === 'custom' && Array.isArray(issue.params?.settings) ? (issue.params.settings as unknown[]).filter((p) => typeof p === 'string') : [];
      const message = mentioned.reduce((text, mention) => renameSetting(text, mention, asWritten(mention)), issue.message);
      return new ConfigError(nameOf(path) ?? ([prefix, path].filter(Boolean).join('.') || '(root)'), message);
    }),
  );
}

/** `text` with each mention of the setting `path` (whole paths only: not inside `retention.eventsKept`) replaced by `name`. */
function renameSetting(text: string, path: string, name: string): string {
  const escaped = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text.replace(new RegExp(`(?<![\\w.])${escaped}(?!\\w|\\.\\w)`, 'g'), () => name);
}
