// Every checker, by name, and the helpers that build a checker's result: what the package exports for
// a lab author (harness/index.ts). A new checker file gets its line here (tests/harness/exports.test.ts
// fails until it does).
export * from './bank.js';
export * from './broadcast.js';
export * from './counter.js';
export * from './duplicated.js';
export * from './growth.js';
export * from './pure.js';
export * from './result.js';
export * from './session.js';
export * from './set.js';
export * from './stale.js';
