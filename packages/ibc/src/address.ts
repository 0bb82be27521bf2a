/**
 * Account addresses: is this a valid bech32 address of that chain? (The seed checked nothing: a
 * typo was stored, then failed every cycle.)
 */
import { fromBech32 } from '@cosmjs/encoding';

/** BIP-173's maximum length of a bech32 string; also the limit `fromBech32` needs (see below). */
export const MAX_BECH32_LENGTH = 90;

/** Cosmos account addresses: 20 bytes (secp256k1 / ed25519 keys), 32 bytes (module and interchain accounts). */
const ACCOUNT_ADDRESS_BYTES = new Set([20, 32]);

export type AddressCheck =
  | { readonly ok: true; /** Lower case: bech32's canonical form, used as the key of a subscription. */ readonly address: string }
  | { readonly ok: false; readonly reason: string };

/**
 * Checks that `address` is a bech32 account address (checksum, characters, length) whose prefix is
 * `chain.bech32Prefix`. The reason completes a sentence about the address, e.g. `is an osmo
 * address; chain cosmoshub-4 uses cosmos` or `is not a bech32 address (bad checksum)`.
 *
 * `fromBech32` from `@cosmjs/encoding` 0.39 throws for every input unless given a length limit
 * (with `@scure/base` ≥ 2.3: "limit: expected safe integer, got Infinity"), hence the 90.
 */
export function checkAddress(address: string, chain: { readonly chainId: string; readonly bech32Prefix: string }): AddressCheck {
  const typed = address.trim();
  if (typed === '') return { ok: false, reason: 'is empty' };
  let decoded: { prefix: string; data: Uint8Array };
  try {
    decoded = fromBech32(typed, MAX_BECH32_LENGTH);
  } catch (error) {
    return { ok: false, reason: `is not a bech32 address (${explain(error, typed)})` };
  }
  if (decoded.prefix !== chain.bech32Prefix) {
    return { ok: false, reason: `is ${article(decoded.prefix)} ${decoded.prefix} address; chain ${chain.chainId} uses ${chain.bech32Prefix}` };
  }
  if (!ACCOUNT_ADDRESS_BYTES.has(decoded.data.length)) {
    return { ok: false, reason: `is not an account address (${decoded.data.length} bytes of data; accounts have 20 or 32)` };
  }
  return { ok: true, address: typed.toLowerCase() };
}

/** @scure/base's error messages, said for a person who typed an address. */
function explain(error: unknown, typed: string): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/checksum/i.test(message)) return 'bad checksum';
  if (/separator/i.test(message)) return 'no "1" between the prefix and the data';
  if (/mixed-case/i.test(message)) return 'mixes upper and lower case';
  if (/string length/i.test(message)) {
    return typed.length > MAX_BECH32_LENGTH ? `${typed.length} characters, at most ${MAX_BECH32_LENGTH}` : `${typed.length} characters, too short`;
  }
  const letter = /Unknown letter "(.)"/.exec(message)?.[1];
  if (letter !== undefined) return `"${letter}" cannot appear in bech32 data: 1, b, i and o never do`;
  return 'malformed';
}

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}
