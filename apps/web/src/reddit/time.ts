import { formatDuration } from '../views/format.js';

const seconds = (from: Date, to: Date) => (to.getTime() - from.getTime()) / 1000;

/** `5 min ago` (`in 5 min` if `date` is after `now`: clocks of two hosts may disagree a little). */
export function ago(date: Date, now: Date): string {
  const s = seconds(date, now);
  return s >= 0 ? `${formatDuration(s)} ago` : `in ${formatDuration(-s)}`;
}

/** `in 3 min`, or `overdue 5 min` once `date` has passed. */
export function dueIn(date: Date, now: Date): string {
  const s = seconds(now, date);
  return s > 0 ? `in ${formatDuration(s)}` : `overdue ${formatDuration(-s)}`;
}
