import type { FakeReddit } from '../fake-reddit/fake-reddit.js';
import { demoStory, demoUsers } from './scenario.js';

/**
 * The `reddit:` section of HERALD_CONFIG that points Herald at the demo's fake Reddit, as plain JSON
 * (the YAML writer dumps it): its credentials (fakes, accepted only there), a 20 s scan interval so a
 * change shows within seconds, the resurrections watcher every minute (its minimum), full scans every
 * hour (so the silent account turns inactive within the demo), the story's threshold. The request
 * budget is not set: Herald learns it from the fake's `X-Ratelimit-*` headers, as from Reddit's.
 */
export function demoRedditSettings(fake: Pick<FakeReddit, 'url' | 'client' | 'account'>) {
  return {
    clientId: fake.client.id,
    clientSecret: fake.client.secret,
    username: fake.account.username,
    password: fake.account.password,
    userAgent: `{{.OS}}:herald-demo:v{{.Version}} (by /u/${fake.account.username})`,
    apiBase: fake.url,
    scanInterval: '20s',
    resurrectionsInterval: '1m',
    fullScanInterval: '1h',
    highscoreThreshold: demoStory.threshold,
  };
}

/**
 * The demo's registrations, as members of the fake Discord's demo server made them: the name as typed
 * (`registeredAs`), Reddit's canonical name and creation date as `/about` answers them, who registered it.
 */
export function demoRedditRegistrations(fake: Pick<FakeReddit, 'user'>) {
  return demoUsers.map((user) => ({
    registeredAs: user.registeredAs,
    name: user.name,
    hidden: user.hidden,
    createdUtc: fake.user(user.name).createdUtc,
    registeredBy: user.registeredBy,
  }));
}
