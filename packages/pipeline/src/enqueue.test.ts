import { describe, expect, it } from 'vitest';
import { deliverJobs } from './enqueue.js';

const event = (id: number, destinations: number[]) => ({ id: BigInt(id), fingerprint: `test.account.${id}`, destinations });

describe('delivery jobs', () => {
  it('puts consecutive events with the same destinations in one job, named by the first fingerprint', () => {
    const jobs = deliverJobs([event(1, [1, 2]), event(2, [1, 2]), event(3, [1]), event(4, []), event(5, [1, 2])]);
    expect(jobs.map((j) => [j.opts.jobId, j.data.events.map((e) => e.eventId), j.data.destinations])).toEqual([
      ['deliver.test.account.1', ['1', '2'], [1, 2]],
      ['deliver.test.account.3', ['3'], [1]],
      ['deliver.test.account.5', ['5'], [1, 2]],
    ]);
  });

  it('splits a long run at the job size limit, keeping order', () => {
    const jobs = deliverJobs(Array.from({ length: 5 }, (_, i) => event(i + 1, [7])), 2);
    expect(jobs.map((j) => j.data.events.map((e) => e.eventId))).toEqual([['1', '2'], ['3', '4'], ['5']]);
  });
});
