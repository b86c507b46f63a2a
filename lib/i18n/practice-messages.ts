// The words of "Check my code" (practice runs) on the lab page, in both languages. Plain data, so
// the browser-side practice panel can read them as well as the server.
import type { Locale } from "../courses/content-schema";
import type { PracticeStatusName } from "../practice/practice-status";

const en = {
  check: "Check my code",
  checking: "Checking…",
  heading: "Practice check",
  badge: "Practice: not graded, not counted",
  explain: (practiceRows: number, validationRows: number, seconds: number) =>
    `“Check my code” runs your code in the grading sandbox on ${practiceRows.toLocaleString("en")} public practice ` +
    `examples for at most ${seconds} s of training, then scores it on ${validationRows.toLocaleString("en")} other ` +
    `public validation examples, all taken from the training split. The held-out split is never used, and no attempt is counted.`,
  empty: "No practice checks yet. Check your code as often as you like: it never uses an attempt.",
  status: {
    QUEUED: "Waiting for a grader (graded work goes first)",
    RUNNING: "Running",
    COMPLETED: "It runs",
    FAILED: "Your code did not run to the end",
    ERROR: "The check could not run",
  } satisfies Record<PracticeStatusName, string>,
  where: (line: number, column: number) => `Line ${line}, column ${column}`,
  outputShape: "Output shape",
  parameters: "Parameters",
  validationMetric: (metric: string) => `${metric} on the validation sample`,
  epochs: (count: number) => `${count} epoch${count === 1 ? "" : "s"} trained`,
  lossCurve: "Loss per epoch",
  logs: "What your code printed",
  platformNote: "This was the platform's fault, not your code's. Check again in a moment.",
  connectionLost: "Live updates are paused; reconnecting…",
  unreachable: "Your code could not be checked: the server could not be reached. Try again in a moment.",
  history: "Your recent checks",
  historyWhen: "Started",
  historyStatus: "Result",
  historyMetric: "Validation metric",
  show: "Show",
  shown: "Shown above",
  enrolToCheck: "Enrol in this course to check your code.",
};

export type PracticeMessages = typeof en;

const zhCN: PracticeMessages = {
  check: "检查我的代码",
  checking: "正在检查…",
  heading: "练习检查",
  badge: "练习：不评分，不计入次数",
  explain: (practiceRows, validationRows, seconds) =>
    `“检查我的代码”会在评分沙箱中用 ${practiceRows} 个公开练习样本训练你的代码（最多 ${seconds} 秒），` +
    `再用另外 ${validationRows} 个公开验证样本评估它，这些样本都取自训练集。不会使用保留测试集，也不计入提交次数。`,
  empty: "还没有练习检查。你可以随时检查代码，不会用掉提交次数。",
  status: {
    QUEUED: "等待评分程序（正式评分优先）",
    RUNNING: "正在运行",
    COMPLETED: "可以运行",
    FAILED: "你的代码没有运行完成",
    ERROR: "检查无法运行",
  },
  where: (line, column) => `第 ${line} 行，第 ${column} 列`,
  outputShape: "输出形状",
  parameters: "参数数量",
  validationMetric: (metric) => `验证样本上的${metric}`,
  epochs: (count) => `已训练 ${count} 轮`,
  lossCurve: "每轮的损失",
  logs: "你的代码输出的内容",
  platformNote: "这是平台的问题，不是你的代码的问题。请稍后再检查一次。",
  connectionLost: "实时更新已暂停，正在重新连接…",
  unreachable: "无法检查你的代码：连接不到服务器。请稍后再试。",
  history: "最近的检查",
  historyWhen: "开始时间",
  historyStatus: "结果",
  historyMetric: "验证指标",
  show: "显示",
  shown: "显示在上方",
  enrolToCheck: "选修本课程后才能检查代码。",
};

const MESSAGES: Record<Locale, PracticeMessages> = { en, "zh-CN": zhCN };

export function practiceMessagesFor(locale: Locale): PracticeMessages {
  return MESSAGES[locale];
}
