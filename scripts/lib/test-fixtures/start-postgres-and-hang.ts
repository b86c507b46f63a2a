// Starts an embedded Postgres for the data folder named on the command line, prints its URL, and
// then waits to be killed, so a test can check the server does not outlive this process.
import pino from "pino";
import { startEmbeddedPostgres } from "../services";

void startEmbeddedPostgres(process.argv[2] ?? "", pino({ enabled: false })).then((service) => {
  process.stdout.write(`${service.url}\n`);
  setInterval(() => undefined, 60_000);
});
