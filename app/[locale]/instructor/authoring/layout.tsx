import "katex/dist/katex.min.css";
import "highlight.js/styles/github.css";
import "@/app/course.css";
import "./authoring.css";
import type { ReactNode } from "react";
import { requirePageRole } from "@/app/_lib/page-guards";

// Previews render Markdown in the page, so the math and code styles of the course pages load here.
// The role is checked here as well as in every page: a layout renders before the loading boundary
// below it, so a refusal is still a real 403 rather than a streamed page with status 200.
export default async function AuthoringLayout({ children }: { children: ReactNode }) {
  await requirePageRole("/instructor/authoring", "INSTRUCTOR", "ADMIN");
  return children;
}
