// What `import ... from 'worker-state-lab'` gives a lab author (package.json `exports`): the contract
// (defineLab, defineVariant, the step, scenario and verdict types), every checker by name, the shared
// store's types and the history a checker judges. Whole modules are re-exported, so that what the
// contract or the store gains is exported too.
export * from './contract.js';
export * from './checkers/index.js';
export * from './history.js';
export type * from './store/types.js';
// A value too: a lab's code may test `err instanceof StoreError`.
export { StoreError } from './store/types.js';
// What a checker of a subscribe step reads: the streams' records.
export * from './event-stream.js';
