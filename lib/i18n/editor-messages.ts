// The words of the lab page's code editor and its submit form, in both languages. Plain data, so the browser-side
// form can read them as well as the server.
import type { Locale } from "../courses/content-schema";

/** Why a draft was not stored, as the form tells it. */
export type DraftFailure = "stale" | "tooLarge" | "notEnrolled" | "signedOut" | "invalid" | "unreachable";

const en = {
  formName: "Submit your solution",
  label: "Your model code",
  keyboardHint: "Tab indents. To leave the editor from the keyboard, press Escape, then Tab.",
  bytes: (bytes: number, max: number) => `${bytes.toLocaleString("en")} of ${max.toLocaleString("en")} bytes.`,
  draftSaved: "Saved",
  draftSaving: "Saving…",
  draftNotSaved: (reason: string) => `Not saved: ${reason}`,
  draftFailure: {
    stale: "a newer draft was saved from another tab or device. Reload the page to see it.",
    tooLarge: "your code is larger than this lab accepts.",
    notEnrolled: "drafts are kept once you enrol in this course.",
    signedOut: "you are signed out. Sign in again in another tab; your code is still here.",
    invalid: "the server did not accept it.",
    unreachable: "the server could not be reached; your code is still here.",
  } satisfies Record<DraftFailure, string>,
  draftLocalOnly: "Drafts are kept once you enrol in this course.",
  language: "Language",
  upload: "Or upload a file instead (.js, .mjs or .ts)",
  submit: "Submit for grading",
  submitting: "Submitting…",
  reset: "Reset to the starter code",
  resetConfirm: "Replace your code with the starter code? Your draft will be lost.",
  unreachable:
    "Your submission could not be sent: the server could not be reached. Your code is still here; try again in a moment.",
  problemAt: (line: number, column: number) => `Line ${line}, column ${column}`,
  gradedProblem: "Your last graded submission stopped here:",
  goTo: (line: number, column: number) => `Go to line ${line}, column ${column} in the editor`,
};

export type EditorMessages = typeof en;

const zhCN: EditorMessages = {
  formName: "提交你的答案",
  label: "你的模型代码",
  keyboardHint: "Tab 键用于缩进。要用键盘离开编辑器，请先按 Esc，再按 Tab。",
  bytes: (bytes, max) => `${bytes.toLocaleString("zh-CN")} / ${max.toLocaleString("zh-CN")} 字节。`,
  draftSaved: "已保存",
  draftSaving: "正在保存…",
  draftNotSaved: (reason) => `未保存：${reason}`,
  draftFailure: {
    stale: "另一个标签页或设备保存了更新的草稿。请重新加载页面查看。",
    tooLarge: "你的代码超过了本实验允许的大小。",
    notEnrolled: "选修本课程后才会保存草稿。",
    signedOut: "你已退出登录。请在另一个标签页重新登录；你的代码仍在这里。",
    invalid: "服务器没有接受它。",
    unreachable: "连接不到服务器；你的代码仍在这里。",
  },
  draftLocalOnly: "选修本课程后才会保存草稿。",
  language: "语言",
  upload: "或者上传一个文件（`.js`、`.mjs` 或 `.ts`）",
  submit: "提交评分",
  submitting: "正在提交…",
  reset: "恢复为初始代码",
  resetConfirm: "要用初始代码替换你的代码吗？你的草稿将会丢失。",
  unreachable: "无法发送你的提交：连接不到服务器。你的代码仍在这里，请稍后再试。",
  problemAt: (line, column) => `第 ${line} 行，第 ${column} 列`,
  gradedProblem: "你上一次评分的提交在这里停止：",
  goTo: (line, column) => `在编辑器中转到第 ${line} 行，第 ${column} 列`,
};

const MESSAGES: Record<Locale, EditorMessages> = { en, "zh-CN": zhCN };

export function editorMessagesFor(locale: Locale): EditorMessages {
  return MESSAGES[locale];
}
