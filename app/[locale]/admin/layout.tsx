import type { ReactNode } from "react";
import { requirePageRole } from "@/app/_lib/page-guards";

// The role is checked here as well as in every page: a layout renders before the loading
// boundary below it, so a refusal is a real 403 rather than a streamed page with status 200.
export default async function AdminLayout({ children }: { children: ReactNode }) {
  await requirePageRole("/admin", "ADMIN");
  return children;
}
