import type { ServerResponse } from 'node:http';
import { writeResponse, type PlannedResponse } from './http.js';

/** Responses withheld by a `hold` fault until released (or until the fake closes). */
export class HeldResponses {
  #held: { res: ServerResponse; response: PlannedResponse }[] = [];

  add(res: ServerResponse, response: PlannedResponse): void {
    this.#held.push({ res, response });
  }

  get count(): number {
    return this.#held.length;
  }

  /** Sends every withheld response; returns how many were still waiting (clients may have given up). */
  releaseAll(): number {
    const held = this.#held;
    this.#held = [];
    let delivered = 0;
    for (const { res, response } of held) {
      if (res.destroyed || res.writableEnded) continue;
      writeResponse(res, response);
      delivered += 1;
    }
    return delivered;
  }

  destroyAll(): void {
    for (const { res } of this.#held) res.destroy();
    this.#held = [];
  }
}
