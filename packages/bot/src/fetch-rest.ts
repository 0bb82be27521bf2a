import type { RestLike } from './register.js';

/**
 * Discord's REST as `registerCommands` needs it, over plain fetch with a bot token: for command
 * tests against the fake Discord in packages that do not depend on discord.js (`@herald/bot/testing`).
 */
export function fetchRest(apiBaseUrl: string, token: string): RestLike {
  const call = async (method: string, route: string, body?: unknown) => {
    const response = await fetch(`${apiBaseUrl}/v10${route}`, {
      method,
      headers: { authorization: `Bot ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`${method} ${route}: ${response.status}`);
    return response.json() as Promise<unknown>;
  };
  return { get: (route) => call('GET', route), put: (route, { body }) => call('PUT', route, body) };
}
