// `npm run db:migrate`: applies committed migrations to DATABASE_URL.
import { z } from "zod";
import { parseCommandLine } from "../lib/command-line";
import { requireDatabaseUrl } from "../lib/env";
import { migrate } from "./lib/stack";

parseCommandLine({
  usage: "usage: DATABASE_URL=postgresql://... npm run db:migrate",
  options: {},
  schema: z.object({}),
});
migrate(requireDatabaseUrl());
