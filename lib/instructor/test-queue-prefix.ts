// Imported first by this folder's integration tests, before lib/env reads the environment: their
// regrade jobs go to a queue prefix of their own, so the grader's tests (which run workers and
// count and empty the shared test queue, in parallel processes) neither take nor see them.
process.env.QUEUE_PREFIX = `${process.env.QUEUE_PREFIX ?? "gradient-test"}-instructor-${process.pid}`;
