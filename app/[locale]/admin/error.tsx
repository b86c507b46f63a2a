"use client";

import { StaffError } from "../instructor/_components/staff-error";

export default function AdminError({ reset }: { error: Error; reset: () => void }) {
  return <StaffError reset={reset} words={(common) => ({ title: common.errorTitle, body: common.adminErrorBody })} />;
}
