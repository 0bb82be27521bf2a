/**
 * The IBC messages' shared vocabulary: colours (the seed's, seed-behaviour §2.5), state icons, and the
 * small formatters every embed uses. Text from outside (chain names, errors) is escaped with
 * @herald/discord's one escaper; identifiers are shown as code.
 */
import type { IbcClientState } from '@herald/contracts';
import { escapeAndTruncate, formatDuration } from '@herald/discord/text';

/** Embed colours: the seed's yellow warning, red alert, green resolve and orange low balance; grey for "cannot tell". */
export const IbcColor = {
  warning: 0xffff00,
  critical: 0xfc0303,
  resolved: 0x20fc03,
  lowBalance: 0xffa000,
  unreachable: 0x95a5a6,
} as const;

export const clientStateIcon: Readonly<Record<IbcClientState, string>> = {
  ok: '✅',
  warning: '⚠️',
  critical: '🔴',
  expired: '⛔',
  frozen: '🧊',
  unknown: '❔',
};

export const clientStateColor: Readonly<Record<IbcClientState, number>> = {
  ok: IbcColor.resolved,
  warning: IbcColor.warning,
  critical: IbcColor.critical,
  expired: IbcColor.critical,
  frozen: IbcColor.critical,
  unknown: IbcColor.unreachable,
};

export const walletStateIcon = { ok: '✅', low: '🪫', unknown: '❔' } as const;

/** An identifier as inline code; a backtick or line break in it cannot end the code span. */
export function code(text: string): string {
  const clean = text.replace(/`/g, "'").replace(/[\r\n]+/g, ' ');
  return `\`${clean === '' ? ' ' : clean}\``;
}

/** A display name from configuration or a command, escaped and kept short. */
export function name(text: string, max = 80): string {
  return escapeAndTruncate(text, max);
}

/** `Cosmos Hub (`cosmoshub-4`)`, or just the id when the name is the id or unknown. */
export function chainText(chainId: string, chainName: string | null): string {
  return chainName === null || chainName === '' || chainName === chainId ? code(chainId) : `**${name(chainName)}** (${code(chainId)})`;
}

/** Discord's timestamp markdown (`<t:unix:R>` → "in 2 days", `f` → date and time), shown in each reader's zone. */
export function discordTime(at: string | Date, style: 'R' | 'f' | 'F' = 'R'): string {
  const seconds = Math.floor((typeof at === 'string' ? Date.parse(at) : at.getTime()) / 1000);
  return `<t:${seconds}:${style}>`;
}

/** `<t:…:f> (<t:…:R>)`: the moment and how far it is. */
export function whenText(at: string | Date): string {
  return `${discordTime(at, 'f')} (${discordTime(at, 'R')})`;
}

/**
 * Time to expiry in hours, and days too when it is long: `20.5 h`, `52 h (2.2 d)`, `336 h (14.0 d)`;
 * under an hour in minutes: `12 min`, `45 s`. Negative (expired) spans read `expired 3.0 h ago`.
 */
export function hoursText(seconds: number): string {
  const span = (s: number): string => {
    const hours = s / 3600;
    // Under an hour "0.2 h" reads as nothing left: minutes (and seconds) say it.
    if (hours < 1) return formatDuration(s);
    return hours < 48 ? `${hours.toFixed(1)} h` : `${Math.round(hours)} h (${(hours / 24).toFixed(1)} d)`;
  };
  return seconds > 0 ? span(seconds) : `expired ${span(-seconds)} ago`;
}

/** `9.2 % of 14 d` (percent of the trusting period left). */
export function percentText(percentLeft: number, trustingPeriodSeconds: number | null): string {
  const period = trustingPeriodSeconds === null ? 'the trusting period' : formatDuration(trustingPeriodSeconds);
  return `${percentLeft.toFixed(1)} % of ${period}`;
}
