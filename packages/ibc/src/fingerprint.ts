/**
 * Fingerprint segments. A fingerprint is segments joined by '.', each of /^[A-Za-z0-9_-]+$/ (it is
 * also a BullMQ job id). Chain ids may contain '.' and IBC identifiers (ICS-24) may contain
 * `._+#[]<>`, so every other byte is escaped: '_' becomes '__' and any other byte '_xx' (two
 * lowercase hex digits of its UTF-8 encoding). The escape is injective — after '_' comes either
 * '_' or a hex digit, never ambiguous — so two different ids never share a segment.
 */
export function fingerprintSegment(value: string): string {
  if (value === '') return '_';
  let out = '';
  for (const byte of new TextEncoder().encode(value)) {
    const char = String.fromCharCode(byte);
    if (char === '_') out += '__';
    else if (/[A-Za-z0-9-]/.test(char)) out += char;
    else out += `_${byte.toString(16).padStart(2, '0')}`;
  }
  return out;
}

/** `ibc.client.<chain>.<client>.<n>`: the n-th event of one light client (n = its `transitions` after the increment). */
export function clientFingerprint(chainId: string, clientId: string, n: number): string {
  return `ibc.client.${fingerprintSegment(chainId)}.${fingerprintSegment(clientId)}.${n}`;
}

/** `ibc.chain-halt.<chain>.<n>`: the n-th halted/resumed event of a chain. */
export function chainHaltFingerprint(chainId: string, n: number): string {
  return `ibc.chain-halt.${fingerprintSegment(chainId)}.${n}`;
}

/** `ibc.chain.<chain>.<n>`: the n-th unreachable/recovered event of a chain. */
export function chainFingerprint(chainId: string, n: number): string {
  return `ibc.chain.${fingerprintSegment(chainId)}.${n}`;
}

/**
 * `ibc.wallet.<address>.<registered ms>.<n>`: the n-th event of one wallet registration. The
 * registration time is part of it because `deregister` deletes the row (and its counter): a
 * wallet registered again must not collide with the events of its earlier registration.
 */
export function walletFingerprint(address: string, registeredAt: Date, n: number): string {
  return `ibc.wallet.${fingerprintSegment(address)}.${registeredAt.getTime()}.${n}`;
}
