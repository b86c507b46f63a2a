import type { ReactNode } from "react";

// Pages render their <html> in app/[locale]/layout.tsx, in the language of their address. This layout
// only exists so the few things outside a locale (app/not-found.tsx) have a root to hang from.
export default function RootLayout({ children }: { children: ReactNode }) {
  return children;
}
