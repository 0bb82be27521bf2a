import { afterEach, describe, expect, it } from 'vitest';
import { FakeDiscord } from '@herald/testkit';
import { probeGateway } from './gateway-probe.js';

let fake: FakeDiscord | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe('probeGateway', () => {
  it('resolves when the gateway accepts a WebSocket, without identifying', async () => {
    fake = await FakeDiscord.start();
    await probeGateway(fake.gatewayUrl);
    expect(fake.gatewayStats()).toMatchObject({ identifies: 0, refused: 0 });
  });

  it('rejects while the gateway refuses connections', async () => {
    fake = await FakeDiscord.start();
    fake.disconnectGateway({ refuseForMs: 60_000 });
    await expect(probeGateway(fake.gatewayUrl)).rejects.toThrow('the gateway answered HTTP 503 instead of accepting a WebSocket');
  });

  it('rejects when nothing listens, and for URLs that are not WebSocket URLs', async () => {
    fake = await FakeDiscord.start();
    const url = fake.gatewayUrl;
    await fake.close();
    fake = undefined;
    await expect(probeGateway(url)).rejects.toThrow(/ECONNREFUSED/);
    await expect(probeGateway('https://example.invalid/')).rejects.toThrow('not a WebSocket URL');
    await expect(probeGateway('nonsense')).rejects.toThrow('not a URL');
  });
});
