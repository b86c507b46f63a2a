// Imported first by the LTI service tests, before the modules under test: their score jobs go to a
// queue prefix of their own, so no other test file's workers take them, nor they another's jobs.
import { env, overrideEnvironmentForTest } from "../../env";

overrideEnvironmentForTest({ QUEUE_PREFIX: `${env.QUEUE_PREFIX}-lti-${process.pid}` });
