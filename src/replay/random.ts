// Seeded PRNG for reproducible call orders and retry jitter: the one in src/stats (mulberry32).
export { mulberry32 as seededRandom } from '../stats/random.js';
