"use client";

import { useEffect } from "react";
import { useRouter } from "@/lib/i18n/navigation";

/** Re-renders the server page every few seconds while something it shows is still changing. */
export function AutoRefresh({ seconds, isActive = true }: { seconds: number; isActive?: boolean }) {
  const router = useRouter();
  useEffect(() => {
    if (!isActive) return;
    const timer = setInterval(() => router.refresh(), seconds * 1000);
    return () => clearInterval(timer);
  }, [router, seconds, isActive]);
  return null;
}
