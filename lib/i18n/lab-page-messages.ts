// The lab page's own words (its rules, the submissions table, the take-home upload form) and the
// names of the metrics labs are scored by, in both languages. The editor, the practice check and
// the data preview have catalogues of their own.
import type { MetricSpec } from "../assignments/spec-schema";
import type { Locale } from "../courses/content-schema";
import { metricLabel } from "../submissions/format";

interface RuleFacts {
  metric: string;
  isAtLeast: boolean;
  threshold: string;
  heldOut: string;
  /** The size of the training split for labs trained in the sandbox; null for take-home labs. */
  trained: string | null;
}

const en = {
  crumb: "Lab",
  rulesLabel: "How this lab is graded",
  toPass: "To pass:",
  rule: ({ metric, isAtLeast, threshold, heldOut, trained }: RuleFacts) =>
    `${metric} ${isAtLeast ? "at least" : "at most"} ${threshold} on ${heldOut} held-out examples your code never sees` +
    (trained === null
      ? ". You train the model yourself and upload its weights."
      : `, after training on ${trained} examples in the grader's sandbox.`),
  attempts: "Attempts:",
  used: (used: number, max: number | null) => `${used} used${max === null ? " (no limit)" : ` of ${max}`}.`,
  whatCounts:
    "Grading failures caused by the platform never count, nor does code that fails before training starts (it does " +
    "not parse, imports a module the grader does not provide, or exports no `train`). “Check my code” never counts.",
  deadline: "Deadline:",
  deadlinePassed: " (passed)",
  briefLabel: "Brief",
  solution: "Your solution",
  submissions: "Your submissions",
  noSubmissions: "You have not submitted to this lab yet. Your graded attempts will appear here.",
  attempt: "Attempt",
  notCounted: "not counted",
  status: "Status",
  submitted: "Submitted",
  details: "Details",
  open: "Open",
  enrolToSubmit: "Enrol in this course to submit.",
  pastDeadline: "The deadline has passed.",
  noAttemptsLeft: "You have used all your attempts.",
  weights: {
    formName: "Upload your trained model",
    unreachable: "Your files could not be sent: the server could not be reached. Try again in a moment.",
    howBefore: "Train your model anywhere, save it with",
    howAfter: "and upload both files it writes.",
    weightsLabel: "Weights file (model.weights.bin)",
    uploading: "Uploading…",
    submit: "Submit for grading",
  },
};

export type LabPageMessages = typeof en;

const zhCN: LabPageMessages = {
  crumb: "实验",
  rulesLabel: "本实验如何评分",
  toPass: "通过要求：",
  rule: ({ metric, isAtLeast, threshold, heldOut, trained }) =>
    (trained === null ? "你自行训练模型并上传权重；" : `在评分沙箱中用 ${trained} 个样本训练后，`) +
    `在 ${heldOut} 个你的代码看不到的保留样本上，${metric}${isAtLeast ? "不低于" : "不高于"} ${threshold}。`,
  attempts: "提交次数：",
  used: (used, max) => `已用 ${used} 次${max === null ? "（不限次数）" : `，共 ${max} 次`}。`,
  whatCounts:
    "平台原因导致的评分失败从不计入；训练开始前就失败的代码（无法解析、导入了评分程序不提供的模块，或没有导出 `train`）" +
    "也不计入。“检查我的代码”从不计入。",
  deadline: "截止时间：",
  deadlinePassed: "（已过）",
  briefLabel: "实验说明",
  solution: "你的解答",
  submissions: "你的提交",
  noSubmissions: "你还没有向本实验提交过。评分后的提交会显示在这里。",
  attempt: "第几次",
  notCounted: "不计入",
  status: "状态",
  submitted: "提交时间",
  details: "详情",
  open: "打开",
  enrolToSubmit: "选修本课程后才能提交。",
  pastDeadline: "截止时间已过。",
  noAttemptsLeft: "你的提交次数已用完。",
  weights: {
    formName: "上传你训练好的模型",
    unreachable: "文件未能发送：无法连接服务器，请稍后再试。",
    howBefore: "在任意环境中训练模型，用",
    howAfter: "保存，然后上传它写出的两个文件。",
    weightsLabel: "权重文件（model.weights.bin）",
    uploading: "正在上传…",
    submit: "提交评分",
  },
};

const MESSAGES: Record<Locale, LabPageMessages> = { en, "zh-CN": zhCN };

export function labPageMessagesFor(locale: Locale): LabPageMessages {
  return MESSAGES[locale];
}

const ZH_METRIC_LABELS: Record<MetricSpec["name"], string> = {
  accuracy: "准确率",
  "macro-f1": "宏平均 F1",
  mse: "均方误差",
};

/** A metric's name as the reader's language says it (the terminal keeps format.ts's English). */
export function metricLabelIn(locale: Locale, name: MetricSpec["name"]): string {
  return locale === "zh-CN" ? ZH_METRIC_LABELS[name] : metricLabel(name);
}
