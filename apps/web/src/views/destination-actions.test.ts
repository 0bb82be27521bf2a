import { describe, expect, it } from 'vitest';
import type { DestinationView } from '../data/overview.js';
import { destinationActions } from './destination-actions.js';

const destination = (status: string): DestinationView => ({
  id: 7,
  label: 'Moderators',
  kind: 'webhook',
  status,
  quarantineReason: null,
  quarantinedAt: null,
  failureStreak: 0,
  lastError: null,
});

describe('destination actions', () => {
  it('offer Pause for an active destination and Resume for a paused or quarantined one, as forms posting to the admin routes', () => {
    expect(String(destinationActions(destination('active'), true))).toBe(
      '<form class="inline" method="post" action="/admin/destinations/7/pause"><button>Pause</button></form>',
    );
    for (const status of ['paused', 'quarantined']) {
      expect(String(destinationActions(destination(status), true))).toBe(
        '<form class="inline" method="post" action="/admin/destinations/7/resume"><button>Resume</button></form>',
      );
    }
  });

  it('offer nothing without admin routes, or for a status with no action', () => {
    for (const status of ['active', 'paused', 'quarantined']) expect(String(destinationActions(destination(status), false))).toBe('');
    expect(String(destinationActions(destination('something-else'), true))).toBe('');
  });
});
