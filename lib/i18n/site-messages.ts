// The words of the site's frame (skip link, header, account links, language switch), the home page
// and the pages every route can fall back on (error, not found, forbidden), in both languages.
// Plain data, so the browser-side header and error pages can read them as well as the server.
import type { Locale } from "../courses/content-schema";

const en = {
  skipLink: "Skip to content",
  mainNav: "Main",
  nav: {
    signIn: "Sign in",
    signUp: "Sign up",
    dashboard: "Dashboard",
    instructor: "Instructor",
    admin: "Admin",
    tokens: "Tokens",
    apps: "Apps",
    signOut: "Sign out",
    signingOut: "Signing out…",
  },
  language: {
    label: "Language",
    refused: "Choose English or Simplified Chinese.",
  },
  form: {
    saving: "Saving…",
    unreachable: "Not saved: the server could not be reached. Your text is still here; try again.",
  },
  home: {
    title: "Learn machine learning",
    description: "Learn machine learning with TensorFlow.js, get your models graded, earn a verifiable certificate.",
    heading: "Learn machine learning by building models that get graded for real",
    intro:
      "Gradient teaches deep learning with TensorFlow.js. Read the lessons, take the quizzes, then submit model code: " +
      "a sandboxed grader trains it on the lab's training data and scores it on held-out data your code never sees. " +
      "Pass the course and you earn a signed certificate anyone can verify.",
    courses: "Courses",
    noCourses: "No course is published yet. Instructors can add one from the instructor workspace.",
    counts: (lessons: number, labs: number) =>
      `${lessons} lesson${lessons === 1 ? "" : "s"} · ${labs} graded lab${labs === 1 ? "" : "s"}`,
    openCourse: "Open the course",
  },
  unavailable: {
    title: "Temporarily unavailable",
    body:
      "This page could not be loaded because part of Gradient is briefly unavailable. This is on our side, not yours, " +
      "and nothing you submitted is lost.",
    retryIn: (seconds: number) => `Trying again in ${seconds} s…`,
    tryNow: "Try again now",
  },
  pageError: {
    title: "This page could not be loaded",
    body: "Something went wrong on our side; it is usually temporary.",
    tryAgain: "Try again",
  },
  notFound: {
    title: "Page not found",
    heading: "404 · Page not found",
    body: "There is nothing at this address.",
    home: "Go to the home page",
  },
  forbidden: {
    title: "Not allowed",
    heading: "403 · Not allowed",
    body: "Your account does not have access to this page. If you think it should, ask an admin.",
    dashboard: "Back to your dashboard",
  },
  loading: "Loading…",
};

export type SiteMessages = typeof en;

const zhCN: SiteMessages = {
  skipLink: "跳到正文",
  mainNav: "主导航",
  nav: {
    signIn: "登录",
    signUp: "注册",
    dashboard: "仪表板",
    instructor: "教师",
    admin: "管理",
    tokens: "令牌",
    apps: "应用",
    signOut: "退出登录",
    signingOut: "正在退出…",
  },
  language: {
    label: "语言",
    refused: "请选择英语或简体中文。",
  },
  form: {
    saving: "正在保存…",
    unreachable: "未保存：无法连接服务器。你输入的内容仍在这里，请重试。",
  },
  home: {
    title: "学习机器学习",
    description: "用 TensorFlow.js 学习机器学习，让你的模型得到真实评分，并获得可验证的证书。",
    heading: "动手构建模型、接受真实评分，在实践中学习机器学习",
    intro:
      "Gradient 用 TensorFlow.js 讲授深度学习。阅读课时、完成测验，然后提交模型代码：沙箱中的评分程序用实验的训练数据训练它，" +
      "再用你的代码从未见过的留出数据为它评分。通过课程后，你将获得一份任何人都能验证的签名证书。",
    courses: "课程",
    noCourses: "还没有已发布的课程。教师可以在教师工作区中添加课程。",
    counts: (lessons, labs) => `${lessons} 个课时 · ${labs} 个评分实验`,
    openCourse: "打开课程",
  },
  unavailable: {
    title: "暂时无法使用",
    body: "Gradient 的部分服务暂时不可用，因此无法加载此页面。问题出在我们这边，与你无关，你提交的内容都不会丢失。",
    retryIn: (seconds) => `${seconds} 秒后重试…`,
    tryNow: "立即重试",
  },
  pageError: {
    title: "页面无法加载",
    body: "我们这边出了点问题，通常很快就会恢复。",
    tryAgain: "重试",
  },
  notFound: {
    title: "页面不存在",
    heading: "404 · 页面不存在",
    body: "这个地址上没有任何内容。",
    home: "返回首页",
  },
  forbidden: {
    title: "无权访问",
    heading: "403 · 无权访问",
    body: "你的账户无权访问此页面。如果你认为应当可以访问，请联系管理员。",
    dashboard: "返回仪表板",
  },
  loading: "正在加载…",
};

const MESSAGES: Record<Locale, SiteMessages> = { en, "zh-CN": zhCN };

export function siteMessagesFor(locale: Locale): SiteMessages {
  return MESSAGES[locale];
}
