/**
 * Did-you-mean for command names and choice values: the closest candidate within edit distance 2
 * and a third of its length (a swap of two neighbours counts as one edit), else the only candidate
 * the input is a prefix of.
 * Case is ignored when comparing, although command names themselves are case-sensitive.
 */
export function suggest(input: string, candidates: readonly string[], maxDistance = 2): string | undefined {
  const typed = input.toLowerCase();
  if (typed === '') return undefined;
  let best: string | undefined;
  let bestDistance = maxDistance + 1;
  for (const candidate of candidates) {
    const distance = boundedDistance(typed, candidate.toLowerCase(), maxDistance);
    // More than a third of a name changed is no typo: "reg" is not "sep" (two edits of three letters).
    if (distance * 3 > candidate.length) continue;
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (best !== undefined) return best;
  const extensions = candidates.filter((c) => c.toLowerCase().startsWith(typed));
  return extensions.length === 1 ? extensions[0] : undefined;
}

/** Optimal-string-alignment distance, or `max + 1` as soon as it is known to exceed `max`. */
export function boundedDistance(a: string, b: string, max: number): number {
  // Inputs can be 100k characters of chatter: the length gap alone rules those out cheaply.
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const prev = rows[i - 1]!;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, rows[i - 2]![j - 2]! + 1);
      }
      row.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (i > 0 && rowMin > max) return max + 1;
    rows.push(row);
  }
  return Math.min(rows[a.length]![b.length]!, max + 1);
}
