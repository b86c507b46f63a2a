"use client";

import { StaffError } from "./_components/staff-error";

export default function InstructorError({ reset }: { error: Error; reset: () => void }) {
  return <StaffError reset={reset} words={(common) => ({ title: common.errorTitle, body: common.errorBody })} />;
}
