// Every worker reads the price first (so that a cache, if there is one, holds it), then the price
// changes `requests` times; after each change, every worker is asked again. Each request opens a
// fresh connection, so the cluster hands consecutive requests to the workers in turn.
const read = () => ({ op: 'read', path: '/price/espresso', seen: (body) => body.cents });
const change = (cents) => ({ op: 'write', value: cents, method: 'PUT', path: '/price/espresso', body: { cents }, seen: (body) => body.cents });

export function priceScenario({ requests, spreadReads }) {
  const steps = [{ kind: 'fresh', label: 'every worker reads the price', count: spreadReads, request: read }];
  for (let round = 1; round <= requests; round++) {
    steps.push({ kind: 'fresh', label: `price change ${round}`, count: 1, request: () => change(300 + 10 * round) });
    steps.push({ kind: 'fresh', label: `every worker reads again (${round})`, count: spreadReads, request: read });
  }
  return { steps };
}
