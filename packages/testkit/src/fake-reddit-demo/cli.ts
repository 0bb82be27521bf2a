#!/usr/bin/env node
/**
 * Runs the demo's simulated Reddit standalone (`npm start` in demo mode):
 *   node dist/fake-reddit-demo/cli.js [--port 0] [--host 127.0.0.1] [--state-file path] [--stop-when-stdin-ends]
 * Prints one JSON line {reddit, users}: `reddit` is the `reddit:` section of HERALD_CONFIG for this
 * fake (its URL and fake credentials, accepted only here, so printing them leaks nothing), `users`
 * the registrations to make ({registeredAs, name, hidden, createdUtc, registeredBy}); writes the same
 * JSON to --state-file. Then one plain-text line on stdout per thing the story does (`npm start`
 * relays those as log lines, as the simulated Cosmos chains' lines). Its port is chosen by the
 * system unless --port is given (a port in use ends it with one line naming --port and exit 2).
 * --stop-when-stdin-ends: stop when the parent that started it with a stdin pipe is gone.
 */
import { fakeCli } from '../cli-support.js';
import { demoRedditRegistrations, demoRedditSettings } from './settings.js';
import { RedditDemo } from './simulator.js';

const cli = fakeCli('fake-reddit-demo');
const args = cli.args({ options: ['port', 'host', 'state-file'] });
const portText = args.options.get('port') ?? '0';
const port = /^\d{1,5}$/.test(portText) && Number(portText) <= 65535 ? Number(portText) : cli.fail(`--port must be a port number (0 to 65535), got ${portText}`);
const host = args.options.get('host') ?? '127.0.0.1';

let announced = false;
const pending: string[] = [];
const demo = await RedditDemo.start({
  port,
  host,
  // Activity lines wait for the JSON line: whoever reads stdout finds the state first.
  onActivity: (line) => (announced ? process.stdout.write(`${line}\n`) : pending.push(line)),
}).catch(cli.portInUse(host, port));
await cli.publish({ reddit: demoRedditSettings(demo.fake), users: demoRedditRegistrations(demo.fake) }, args.options.get('state-file'));
announced = true;
for (const line of pending) process.stdout.write(`${line}\n`);
demo.run();
cli.stopOn(args, () => demo.close());
