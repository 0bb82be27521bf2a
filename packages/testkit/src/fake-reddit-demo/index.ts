export { RedditDemo, demoHistoryLength as redditDemoHistoryLength, type RedditDemoOptions } from './simulator.js';
export { demoRedditRegistrations, demoRedditSettings } from './settings.js';
export {
  demoBudget as redditDemoBudget,
  demoStory as redditDemoStory,
  demoUsers as redditDemoUsers,
  type RedditDemoUserSpec,
  type ScoreStep as RedditDemoScoreStep,
} from './scenario.js';
