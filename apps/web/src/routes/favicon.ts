import type { FastifyInstance } from 'fastify';

/**
 * Herald's icon, a white "H" on the header's dark grey (32×32): an ICO file holding one PNG (170
 * bytes), as every browser reads it. Made once with a few lines of Python (zlib and struct) drawing
 * the pixels; kept inline so the app serves it without a file to find.
 */
const FaviconIco = Buffer.from(
  'AAABAAEAICAAAAEAIACUAAAAFgAAAIlQTkcNChoKAAAADUlIRFIAAAAgAAAAIAgGAAAAc3p69AAAAFtJREFUeNpjYEADKpr6/2mJGXABWluM1yH0thzDEQPqgIGyHO6IUQcQUoAOqK1+1AGjDhh1AMkOIBWMOmD4OWA0F4w6YNQBdHfAaJtwWPcNBk/XbMA7pwPZPQcASmd1uofe9QsAAAAASUVORK5CYII=',
  'base64',
);

/**
 * `GET /favicon.ico`: browsers ask for it on every page (pages link no icon, so the strict "nothing
 * but the page" tests of the views stay simple); without it each page load logged a 404 in the
 * browser's console. Open without the login (routes/auth.ts AlwaysOpenRoutes); it shows nothing.
 */
export async function faviconRoute(app: FastifyInstance): Promise<void> {
  app.get('/favicon.ico', async (_request, reply) => reply.type('image/x-icon').header('cache-control', 'public, max-age=86400').send(FaviconIco));
}
