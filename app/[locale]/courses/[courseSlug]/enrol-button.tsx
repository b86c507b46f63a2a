"use client";

import { FormMessage, useSave } from "@/app/_components/use-save";
import { enrolAction } from "./enrol-action";
import { useRouter } from "@/lib/i18n/navigation";

interface EnrolButtonProps {
  courseSlug: string;
  labels: { enrol: string; enrolling: string; failed: string };
}

export function EnrolButton({ courseSlug, labels }: EnrolButtonProps) {
  const router = useRouter();
  const { message, isPending, save } = useSave(labels.failed);

  function onClick() {
    void save(
      () => enrolAction(courseSlug),
      () => router.refresh(),
    );
  }

  return (
    <>
      <FormMessage message={message} />
      <button type="button" className="button" onClick={onClick} disabled={isPending}>
        {isPending ? labels.enrolling : labels.enrol}
      </button>
    </>
  );
}
