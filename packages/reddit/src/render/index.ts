/** `@herald/reddit/render`: the Reddit source's Discord messages (no Reddit client code). */
export { redditRenderers, renderDeath, renderHighscore, renderResurrection, userLink, type RedditEventType } from './renderers.js';
