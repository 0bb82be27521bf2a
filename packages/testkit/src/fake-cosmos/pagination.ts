import type { PageRequest, PageResponse } from 'cosmjs-types/cosmos/base/query/v1beta1/pagination';

/** The Cosmos SDK's `query.DefaultLimit`: a page request without a limit gets 100 items. */
export const DEFAULT_PAGE_LIMIT = 100;

const utf8 = new TextEncoder();
const fromUtf8 = (b: Uint8Array): string => new TextDecoder().decode(b);

/** Store order: ids compare as bytes, like keys in the IAVL store. */
export const byteOrder = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));

/** The first index whose key is ≥ `wanted` (binary search: `items` are in store order), or `items.length`. */
function lowerBound<T>(items: readonly T[], keyOf: (item: T) => string, wanted: string): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (byteOrder(keyOf(items[mid] as T), wanted) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Cosmos SDK key pagination over `items` (already in store order): `key` resumes at the item whose key is
 * `key`, else `offset`; `next_key` is the key of the first item not returned; `total` only on the first page.
 * A page costs O(log n + limit), so thousands of items stay fast.
 */
export function paginate<T>(items: readonly T[], keyOf: (item: T) => string, req: PageRequest | undefined): { page: T[]; pagination: PageResponse } | { error: string } {
  const key = req?.key ?? new Uint8Array();
  const offset = Number(req?.offset ?? 0n);
  const limit = Number(req?.limit ?? 0n) || DEFAULT_PAGE_LIMIT;
  if (key.length > 0 && offset > 0) return { error: 'paginate: invalid request, either offset or key is expected, got both' };
  const start = key.length > 0 ? lowerBound(items, keyOf, fromUtf8(key)) : offset;
  const page = items.slice(start, start + limit);
  const next = items[start + limit];
  return {
    page,
    pagination: {
      nextKey: next === undefined ? new Uint8Array() : utf8.encode(keyOf(next)),
      total: key.length === 0 ? BigInt(items.length) : 0n,
    },
  };
}
