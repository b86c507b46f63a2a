// `npm run db:migrate`: applies committed migrations to DATABASE_URL.
import { requireDatabaseUrl } from "../lib/env";
import { migrate } from "./lib/stack";

migrate(requireDatabaseUrl());
