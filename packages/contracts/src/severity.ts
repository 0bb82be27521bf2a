/** How much an event matters, lowest first. Routes deliver an event only where it reaches the minimum. */
export const severities = ['info', 'warning', 'critical'] as const;
export type Severity = (typeof severities)[number];

export function isSeverity(value: string): value is Severity {
  return (severities as readonly string[]).includes(value);
}

/** True when `severity` is at least `minimum`. */
export function reaches(severity: Severity, minimum: Severity): boolean {
  return severities.indexOf(severity) >= severities.indexOf(minimum);
}
