// The words a lesson page adds for visitors who are not signed in, and those of its runnable
// code snippets, in both languages. Plain data, so the browser-side parts can read them too.
import type { Locale } from "../courses/content-schema";

const en = {
  /** Shown where a signed-in reader's quiz and progress would be. */
  signInForQuiz:
    "The quiz and your progress need an account. Sign in to take the quiz; the lesson itself is open to all.",
  signIn: "Sign in",
  signUp: "Create an account",
  snippets: {
    /** The label of a snippet's code, numbered in reading order. */
    code: (n: number) => `Code example ${n}, editable`,
    run: "Run",
    running: "Running…",
    reset: "Reset",
    output: (n: number) => `Output of code example ${n}`,
    hint: "Runs in your browser with TensorFlow.js. Edit the code and run it again; Reset brings back the original.",
    backend: (name: string) => `Ran on the ${name} backend.`,
    noOutput: "The code ran and printed nothing.",
    errorAt: (line: number, message: string) => `Error on line ${line}: ${message}`,
    error: (message: string) => `Error: ${message}`,
    timedOut: (seconds: number) => `Stopped: the code was still running after ${seconds} seconds.`,
    workerFailed: "The code could not be started in this browser.",
  },
};
export type LessonMessages = typeof en;

const zhCN: LessonMessages = {
  signInForQuiz: "测验和学习进度需要账号。登录后即可参加测验；课时内容对所有人开放。",
  signIn: "登录",
  signUp: "注册账号",
  snippets: {
    code: (n) => `代码示例 ${n}（可编辑）`,
    run: "运行",
    running: "运行中…",
    reset: "重置",
    output: (n) => `代码示例 ${n} 的输出`,
    hint: "代码在你的浏览器中用 TensorFlow.js 运行。可以修改后再次运行；“重置”恢复原始代码。",
    backend: (name) => `运行于 ${name} 后端。`,
    noOutput: "代码已运行，没有输出。",
    errorAt: (line, message) => `第 ${line} 行出错：${message}`,
    error: (message) => `出错：${message}`,
    timedOut: (seconds) => `已停止：代码运行超过 ${seconds} 秒。`,
    workerFailed: "无法在此浏览器中启动代码。",
  },
};

const MESSAGES: Record<Locale, LessonMessages> = { en, "zh-CN": zhCN };

export function lessonMessagesFor(locale: Locale): LessonMessages {
  return MESSAGES[locale];
}
