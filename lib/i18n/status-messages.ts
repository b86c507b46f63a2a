// A graded submission's status in the reader's language: the one vocabulary of badges and filters,
// so a filter never offers "Failed" where the badges say "Not passed".
import type { Locale } from "../courses/content-schema";
import { STATUS_TEXT, type SubmissionStatusName } from "../submissions/format";

const zhCN: Record<SubmissionStatusName, string> = {
  QUEUED: "排队中",
  RUNNING: "评分中",
  PASSED: "已通过",
  FAILED: "未通过",
  ERROR: "无法评分",
};

const MESSAGES: Record<Locale, Record<SubmissionStatusName, string>> = { en: STATUS_TEXT, "zh-CN": zhCN };

export function submissionStatusText(locale: Locale): Record<SubmissionStatusName, string> {
  return MESSAGES[locale];
}
