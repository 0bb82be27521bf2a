/**
 * Resolves once `url` (the web app's /healthz) answers 200, polling every 250 ms; resolves false
 * instead if `gaveUp()` becomes true first (an app died and Herald is stopping). After 30 s
 * without an answer it says once what it is waiting for, since a database that is down keeps it waiting.
 */
export async function waitForHealthy(url, gaveUp) {
  const started = Date.now();
  let told = false;
  let last = 'no answer yet';
  while (!gaveUp()) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return true;
      last = `${response.status} ${await response.text()}`;
    } catch (error) {
      last = error.cause?.code ?? error.message;
    }
    if (!told && Date.now() - started > 30_000) {
      told = true;
      console.log(`… still waiting for ${url} to answer OK (last: ${last})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}
