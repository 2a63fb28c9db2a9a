// The same scenario as per-worker-counter: reads on every worker before, among and after the
// increments. Nothing in it is Express-specific, so a Python server is judged by exactly the same load.
export { counterScenario, READ_EVERY } from '../per-worker-counter/scenario.js';
