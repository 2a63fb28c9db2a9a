// The price service as it is: the app's own module, not a copy. Whoever brings a per-process cache
// back into src/prices.js turns this variant's cells red in CI.
import { defineVariant } from 'worker-state-lab';
import { pricesApp } from '../../src/prices.js';

export default defineVariant(({ store }) => pricesApp({ db: store }));
