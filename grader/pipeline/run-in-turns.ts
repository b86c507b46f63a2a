// Starts an attempt's runs at most `parallel` at a time, in order. Once a run has failed no new
// run starts, since the attempt is decided by that failure; runs already going are let finish,
// because a sandbox is cleaned up by its own run, never torn down from outside.
export async function runInTurns<Result>(
  count: number,
  parallel: number,
  start: (index: number) => Promise<Result>,
  hasFailed: (result: Result) => boolean,
): Promise<Result[]> {
  const results: Result[] = [];
  let next = 0;
  let isStopped = false;
  const lane = async () => {
    while (!isStopped && next < count) {
      const result = await start(next++);
      results.push(result);
      if (hasFailed(result)) isStopped = true;
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, count) }, lane));
  return results;
}
