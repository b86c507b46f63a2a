"use client";

import { StaffError } from "../_components/staff-error";

export default function AuthoringError({ reset }: { error: Error; reset: () => void }) {
  return (
    <StaffError reset={reset} words={(common) => ({ title: common.editorErrorTitle, body: common.editorErrorBody })} />
  );
}
