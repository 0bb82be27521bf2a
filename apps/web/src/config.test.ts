import { describe, expect, it } from 'vitest';
import { ConfigErrors } from '@herald/config';
import { adminCredentials, loadWebConfig } from './config.js';

const base = { DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/herald' };

describe('web config', () => {
  it('has defaults for everything but the database', () => {
    const config = loadWebConfig(base);
    expect(config.web).toEqual({ host: '127.0.0.1', port: 3000, public: false });
    expect(config.redis).toEqual({ url: 'redis://127.0.0.1:6379', prefix: 'herald' });
    expect(adminCredentials(config)).toBeUndefined();
    expect(config.demo.discordUrl).toBeUndefined();
  });

  it('reads its own environment variables', () => {
    const config = loadWebConfig({
      ...base,
      HERALD_WEB_HOST: '127.0.0.1',
      HERALD_WEB_PORT: '8080',
      HERALD_WEB_PUBLIC: 'yes',
      HERALD_ADMIN_USER: 'op',
      HERALD_ADMIN_PASSWORD: 'pw',
      HERALD_DEMO_DISCORD_URL: 'http://127.0.0.1:4000',
    });
    expect(config.web).toEqual({ host: '127.0.0.1', port: 8080, public: true });
    expect(adminCredentials(config)).toEqual({ user: 'op', password: 'pw', publicPages: true });
    expect(config.demo.discordUrl).toBe('http://127.0.0.1:4000');
  });

  it('names DATABASE_URL\'s key when it is missing', () => {
    expect(() => loadWebConfig({})).toThrow(/postgres\.url/);
  });

  it('refuses half an admin credential and a bad port, naming the variables as the user set them', () => {
    try {
      loadWebConfig({ ...base, HERALD_ADMIN_USER: 'op', HERALD_WEB_PORT: '99999', HERALD_WEB_PUBLIC: 'maybe' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigErrors);
      const keys = (error as ConfigErrors).errors.map((e) => e.key).sort();
      expect(keys).toEqual(['HERALD_WEB_PORT', 'HERALD_WEB_PUBLIC', 'admin']);
      expect((error as ConfigErrors).message).toContain('set both HERALD_ADMIN_USER and HERALD_ADMIN_PASSWORD');
    }
  });

  it('reads the Reddit client id (whose budget /reddit shows) from reddit.clientId or REDDIT_CLIENT_ID, and nothing else of the section', () => {
    expect(loadWebConfig(base).reddit).toEqual({ clientId: undefined });
    expect(loadWebConfig({ ...base, REDDIT_CLIENT_ID: 'XaiUdR5UBKl_FY' }).reddit).toEqual({ clientId: 'XaiUdR5UBKl_FY' });
  });
});
