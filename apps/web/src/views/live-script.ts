/**
 * The dashboard's live refresh, served as `/assets/live.js` (same origin, so a Content-Security-Policy
 * of `script-src 'self'` allows it; nothing is inline). Every `RefreshSeconds` while the tab is
 * visible it fetches the page's `data-live-source` (the changing parts, same filters and page) and
 * swaps each `[data-live][id]` element whose HTML changed — no full reload, no flicker, open
 * `<details>` stay open. Without JavaScript the page is complete and a reload updates it.
 * Plain ES2017 with no library: it is a dozen lines of DOM glue.
 */
export const RefreshSeconds = 5;

export const liveScript = `(() => {
  const source = document.querySelector('[data-live-source]');
  if (!source || !window.fetch || !window.DOMParser) return;
  const url = source.getAttribute('data-live-source');
  const state = document.getElementById('live-state');
  const say = (text) => { if (state) state.textContent = text; };
  const live = 'Live: updates every ${RefreshSeconds} s';
  let timer;
  let busy = false;
  const schedule = () => { clearTimeout(timer); timer = setTimeout(refresh, ${RefreshSeconds * 1000}); };
  async function refresh() {
    if (busy || document.hidden) return schedule();
    busy = true;
    try {
      const res = await fetch(url, { headers: { accept: 'text/html' }, credentials: 'same-origin', cache: 'no-store' });
      if (!res.ok) throw new Error('HTTP ' + res.status);
      const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
      for (const fresh of doc.querySelectorAll('[data-live][id]')) {
        const old = document.getElementById(fresh.id);
        if (!old || old.innerHTML === fresh.innerHTML) continue;
        const open = Array.from(old.querySelectorAll('details'), (d) => d.open);
        fresh.querySelectorAll('details').forEach((d, i) => { if (open[i]) d.open = true; });
        old.replaceWith(document.importNode(fresh, true));
      }
      say(live);
    } catch (error) {
      say('Live updates paused (' + error.message + '); retrying');
    } finally {
      busy = false;
    }
    schedule();
  }
  document.addEventListener('visibilitychange', () => { if (!document.hidden) refresh(); });
  say(live);
  schedule();
})();
`;
