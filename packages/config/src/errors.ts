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

/** One ConfigError per issue; `nameOf` may rename a path (e.g. to the environment variable that set it). */
export function fromZodError(error: ZodError, prefix = '', nameOf: (path: string) => string | undefined = () => undefined): ConfigErrors {
  return new ConfigErrors(
    error.issues.map((issue) => {
      const path = issue.path.map(String).join('.');
      return new ConfigError(nameOf(path) ?? ([prefix, path].filter(Boolean).join('.') || '(root)'), issue.message);
    }),
  );
}
