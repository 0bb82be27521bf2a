import { z } from 'zod';
import type { Severity } from './severity.js';

/**
 * Event payloads, one schema per event type. An event is what a source observed; it is written
 * to Postgres (the outbox) by a poller and rendered into Discord messages by the notifier.
 */
export const servatriceAccountRegistered = z.object({
  /** Configured source name, e.g. "default"; lets one Herald watch several servers. */
  source: z.string().min(1),
  accountId: z.number().int().nonnegative(),
  name: z.string(),
  /** Present only when the operator allows real names to be posted and the account has one. */
  realName: z.string().optional(),
  /** Present only when the operator allows e-mail addresses to be posted. */
  email: z.string().optional(),
  /** ISO-8601 UTC, or null when Servatrice stored a zero date. */
  registeredAt: z.string().datetime().nullable(),
});
export type ServatriceAccountRegistered = z.infer<typeof servatriceAccountRegistered>;

/** Where an IBC light client lives and what it tracks: every client alert names all of it. */
const ibcClientRef = {
  /** The chain the client lives on (the host), e.g. "cosmoshub-4", and its configured display name. */
  chainId: z.string().min(1),
  chainName: z.string(),
  /** e.g. "07-tendermint-42". */
  clientId: z.string().min(1),
  /** The chain the client tracks (its client state's chain id) and its display name when configured. */
  trackedChainId: z.string(),
  trackedChainName: z.string().nullable(),
  /** The host-side connection over which the client was found, and the counterparty's connection and client. */
  connectionId: z.string().nullable(),
  counterpartyConnectionId: z.string().nullable(),
  counterpartyClientId: z.string().nullable(),
};

/** An IBC light client's state as a poll judged it (see packages/ibc/src/expiry.ts). */
export const ibcClientStates = ['ok', 'warning', 'critical', 'expired', 'frozen', 'unknown'] as const;
export type IbcClientState = (typeof ibcClientStates)[number];

/**
 * A light client changed state (warning, critical, expired, frozen, resolved, reactivated) or is
 * still critical (reminder). Emitted on transitions only; the state lives in Postgres.
 */
export const ibcClientAlert = z.object({
  ...ibcClientRef,
  /** The state before this event and now. */
  from: z.enum(ibcClientStates),
  to: z.enum(ibcClientStates),
  /** ISO-8601 UTC: the consensus state's timestamp at the latest height (the client's last update). */
  lastUpdateAt: z.string().datetime().nullable(),
  /** ISO-8601 UTC: last update + trusting period, the moment ibc-go will call the client expired. */
  expiresAt: z.string().datetime().nullable(),
  /** Seconds left, judged against the host chain's latest block time (negative once expired). */
  secondsLeft: z.number().nullable(),
  trustingPeriodSeconds: z.number().nullable(),
  /** Percent of the trusting period still left (0–100). */
  percentLeft: z.number().nullable(),
  /** ISO-8601 UTC: the host chain's block time the judgement used. */
  hostTime: z.string().datetime().nullable(),
});
export type IbcClientAlert = z.infer<typeof ibcClientAlert>;

/**
 * Every RPC endpoint of a chain failed (unreachable) or one answers again (recovered); or its blocks
 * stopped (halted: its clients' expiry is frozen with them) or come again (resumed).
 */
export const ibcChainAlert = z.object({
  chainId: z.string().min(1),
  chainName: z.string(),
  /** The last error, redacted of credentials in endpoint URLs. */
  error: z.string().nullable(),
  /** ISO-8601 UTC: when the chain was first seen unreachable. */
  since: z.string().datetime(),
  /** Number of endpoints configured (all of them failed for `unreachable`). */
  endpoints: z.number().int().nonnegative(),
  /** Halted/resumed: the latest block seen (height as a decimal string, time ISO-8601 UTC). */
  blockHeight: z.string().regex(/^\d+$/).optional(),
  blockTime: z.string().datetime().optional(),
});
export type IbcChainAlert = z.infer<typeof ibcChainAlert>;

/** A relayer wallet fell below its owner's threshold (low) or came back above it (resolved). */
export const ibcWalletAlert = z.object({
  chainId: z.string().min(1),
  chainName: z.string(),
  address: z.string().min(1),
  /** The Discord user who registered the wallet; the low-balance alert mentions them. */
  ownerId: z.string().regex(/^\d+$/),
  /** Exact amounts in base units (decimal strings) and the denoms to show them in. */
  balance: z.string().regex(/^\d+$/),
  threshold: z.string().regex(/^\d+$/),
  /** The balance (base units) from which a low wallet counts as resolved: the threshold plus the poller's hysteresis. */
  resolveAt: z.string().regex(/^\d+$/).optional(),
  denom: z.string(),
  displayDenom: z.string(),
  exponent: z.number().int().min(0).max(30),
  /** Seconds the balance lasts at the measured spend rate, or null when nothing is being spent. */
  runwaySeconds: z.number().nullable(),
});
export type IbcWalletAlert = z.infer<typeof ibcWalletAlert>;

/** A tracked Reddit account (canonical case) and what is known of its comments' place. */
const redditUserName = z.string().regex(/^[A-Za-z0-9_-]{1,30}$/);

/**
 * A tracked user's comment reached the high-score threshold (score at or below it: the seed's
 * README says "at and below"; its code used "strictly below"). Announced once per comment.
 */
export const redditCommentHighscore = z.object({
  /** Reddit's short comment id (no `t1_`). */
  commentId: z.string().min(1),
  author: redditUserName,
  score: z.number().int(),
  threshold: z.number().int(),
  /** A path such as `/r/sub/comments/abc/title/def/`. */
  permalink: z.string(),
  subreddit: z.string(),
  /** ISO-8601 UTC: when the comment was posted. */
  createdAt: z.string().datetime(),
});
export type RedditCommentHighscore = z.infer<typeof redditCommentHighscore>;

/**
 * A tracked account was found suspended or deleted (a 403/404 on its listing, confirmed by
 * `/about`), or came back (the resurrections watcher). Each transition is announced once.
 */
export const redditUserStatus = z.object({
  name: redditUserName,
  /** What the account was before: alive, suspended or deleted (404 on /about). */
  from: z.enum(['alive', 'suspended', 'deleted']),
  to: z.enum(['alive', 'suspended', 'deleted']),
});
export type RedditUserStatus = z.infer<typeof redditUserStatus>;

export const eventSchemas = {
  'servatrice.account.registered': servatriceAccountRegistered,
  'ibc.client.warning': ibcClientAlert,
  'ibc.client.critical': ibcClientAlert,
  'ibc.client.expired': ibcClientAlert,
  'ibc.client.frozen': ibcClientAlert,
  'ibc.client.resolved': ibcClientAlert,
  'ibc.client.reactivated': ibcClientAlert,
  'ibc.client.reminder': ibcClientAlert,
  'ibc.chain.unreachable': ibcChainAlert,
  'ibc.chain.recovered': ibcChainAlert,
  'ibc.chain.halted': ibcChainAlert,
  'ibc.chain.resumed': ibcChainAlert,
  'ibc.wallet.low': ibcWalletAlert,
  'ibc.wallet.resolved': ibcWalletAlert,
  'reddit.comment.highscore': redditCommentHighscore,
  'reddit.user.suspended': redditUserStatus,
  'reddit.user.deleted': redditUserStatus,
  'reddit.user.resurrected': redditUserStatus,
} as const;

export type EventType = keyof typeof eventSchemas;

/** The severity an event of each type has unless its source says otherwise (e.g. an expiry that is close). */
export const defaultSeverity: Record<EventType, Severity> = {
  'servatrice.account.registered': 'info',
  'ibc.client.warning': 'warning',
  'ibc.client.critical': 'critical',
  'ibc.client.expired': 'critical',
  'ibc.client.frozen': 'critical',
  // A resolve is recorded with the severity of the state it ends, so it reaches whoever saw the alert.
  'ibc.client.resolved': 'info',
  'ibc.client.reactivated': 'info',
  'ibc.client.reminder': 'critical',
  'ibc.chain.unreachable': 'warning',
  'ibc.chain.recovered': 'warning',
  'ibc.chain.halted': 'warning',
  'ibc.chain.resumed': 'warning',
  'ibc.wallet.low': 'warning',
  'ibc.wallet.resolved': 'warning',
  'reddit.comment.highscore': 'info',
  'reddit.user.suspended': 'info',
  'reddit.user.deleted': 'info',
  'reddit.user.resurrected': 'info',
};
export type EventPayload<T extends EventType> = z.infer<(typeof eventSchemas)[T]>;
export const eventTypes = Object.keys(eventSchemas) as EventType[];

export function isEventType(value: string): value is EventType {
  return Object.hasOwn(eventSchemas, value);
}

/** Parses a stored payload; throws a ZodError naming the bad field if it does not match its type. */
export function parseEventPayload<T extends EventType>(type: T, payload: unknown): EventPayload<T> {
  return eventSchemas[type].parse(payload) as EventPayload<T>;
}

/**
 * What of an event identifies a person, and goes once `retention.personalData` has passed
 * (packages/pipeline/src/retention-sql.ts): payload fields removed, payload fields replaced by a
 * placeholder (kept so a page can still say "an account"), and whether the subject (the dashboard's
 * label and search key, e.g. an account name) and the fingerprint (built from the same names or
 * addresses) are replaced too.
 */
export interface PersonalData {
  remove: readonly string[];
  replace: readonly string[];
  subject: boolean;
}

const nothingPersonal: PersonalData = { remove: [], replace: [], subject: false };
const walletOwner: PersonalData = { remove: ['ownerId'], replace: ['address'], subject: true };
const redditAccount: PersonalData = { remove: [], replace: ['name'], subject: true };

/**
 * Every event type's personal data: a Record over all of them, so a new event type cannot be added
 * without deciding. A sign-up's name, real name and e-mail; a wallet's owner (a Discord user id) and
 * address (which the owner ties to them); a Reddit account's name. IBC clients and chains name no one.
 */
export const personalData: Record<EventType, PersonalData> = {
  'servatrice.account.registered': { remove: ['email', 'realName'], replace: ['name'], subject: true },
  'ibc.client.warning': nothingPersonal,
  'ibc.client.critical': nothingPersonal,
  'ibc.client.expired': nothingPersonal,
  'ibc.client.frozen': nothingPersonal,
  'ibc.client.resolved': nothingPersonal,
  'ibc.client.reactivated': nothingPersonal,
  'ibc.client.reminder': nothingPersonal,
  'ibc.chain.unreachable': nothingPersonal,
  'ibc.chain.recovered': nothingPersonal,
  'ibc.chain.halted': nothingPersonal,
  'ibc.chain.resumed': nothingPersonal,
  'ibc.wallet.low': walletOwner,
  'ibc.wallet.resolved': walletOwner,
  // The comment's id and permalink lead straight to its author on Reddit.
  'reddit.comment.highscore': { remove: [], replace: ['author', 'commentId', 'permalink'], subject: true },
  'reddit.user.suspended': redditAccount,
  'reddit.user.deleted': redditAccount,
  'reddit.user.resurrected': redditAccount,
};
