import type { ReactNode } from "react";
import { requirePageRole } from "@/app/_lib/page-guards";

// The role is checked here as well as in every page: a layout renders before the loading
// boundaries below it, so a refusal is a real 403 rather than a streamed page with status 200.
// Whether an instructor teaches a given course is still checked by each page and in lib/.
export default async function InstructorLayout({ children }: { children: ReactNode }) {
  await requirePageRole("/instructor", "INSTRUCTOR", "ADMIN");
  return children;
}
