// Imported first by this folder's integration tests, before the modules under test: their regrade
// jobs go to a queue prefix of their own, so the grader's tests (which run workers and count and
// empty the shared test queue, in parallel processes) neither take nor see them.
import { env, overrideEnvironmentForTest } from "../env";

overrideEnvironmentForTest({ QUEUE_PREFIX: `${env.QUEUE_PREFIX}-instructor-${process.pid}` });
