// The words of LTI deep linking (the picker an instructor opens from their learning platform, its
// refusals and the step that returns to the platform), in both languages. Plain data, so the
// picker's browser-side form and the /lti return page read the same catalogue.
import type { Locale } from "../courses/content-schema";
import type { DeepLinkRefusal } from "../lti/deep-linking/deep-link-refusal";

type Kind = "course" | "lab" | "quiz" | "exam";
export type DeepLinkProblem = "pickOne" | "unknownItem" | "tooMany" | "titleTooLong" | "titleForOne";

const en = {
  picker: {
    title: "Add Gradient content",
    intro: (platform: string) =>
      `Choose what to add to your course in ${platform}. Learners who open it arrive in Gradient, ` +
      `and their scores are sent back to ${platform}.`,
    chooseOne: "Choose one item.",
    chooseMany: "Choose one or more items.",
    kinds: { course: "Whole course", lab: "Lab", quiz: "Lesson quiz", exam: "Final exam" } satisfies Record<
      Kind,
      string
    >,
    afterLesson: (lesson: string) => `Lesson: ${lesson}`,
    gradeColumn: "A grade column will be created",
    noGradeColumn: "No grade column",
    titleLabel: "Title in your course (optional)",
    titleHint: "Replaces the item's own title. Only when you choose one item.",
    add: "Add to course",
    adding: "Adding…",
    cancel: "Cancel",
    cancelling: "Cancelling…",
    empty: "No course is published on Gradient yet, so there is nothing to add. Cancel and come back later.",
    expires: (time: string) => `This selection stays open until ${time}.`,
    unreachable: "Gradient could not be reached. Check your connection and try again.",
    returning: (platform: string) => `Returning to ${platform}…`,
    returnButton: (platform: string) => `Return to ${platform}`,
    problems: {
      pickOne: "Choose an item to add.",
      unknownItem: "One of the chosen items is no longer available. Reload the page and choose again.",
      tooMany: "This learning platform accepts only one item at a time.",
      titleTooLong: "The title can be at most 255 characters.",
      titleForOne: "A title can replace only one item's title. Choose one item or clear the title.",
    } satisfies Record<DeepLinkProblem, string>,
    notAdded: "Nothing was added.",
  },
  refusals: {
    missing: {
      title: "No such content selection",
      body: "This content selection does not exist, or it was started by someone else. Start it again from your learning platform.",
    },
    expired: {
      title: "This content selection has expired",
      body: "It stays open for 30 minutes. Start it again from your learning platform.",
    },
    used: {
      title: "This content selection is finished",
      body: "Its answer was already sent to your learning platform. To add more, start a new selection there.",
    },
    unsupported: {
      title: "Gradient cannot give what was asked for",
      body: "Your learning platform asked for a kind of content Gradient cannot give: Gradient adds LTI resource links, and this placement does not accept them. Add Gradient from a placement that accepts external tool links or assignments.",
    },
    disabled: {
      title: "This learning platform is disabled",
      body: "An administrator of Gradient has disabled this learning platform. Ask them to enable it again.",
    },
    unconfirmed: {
      title: "Your choice could not be sent",
      body: "Gradient could not confirm this answer. Start the content selection again from your learning platform.",
    },
  } satisfies Record<DeepLinkRefusal, { title: string; body: string }>,
  returnPage: {
    title: "Returning to your learning platform",
    body: (platform: string) => `Gradient is sending your choice to ${platform}.`,
    noScript: "If nothing happens, press the button.",
    button: (platform: string) => `Return to ${platform}`,
  },
  /** The platform shows it (the response's msg) when the instructor cancels. */
  cancelled: "Nothing from Gradient was added.",
};

export type LtiDeepLinkMessages = typeof en;

const zhCN: LtiDeepLinkMessages = {
  picker: {
    title: "添加 Gradient 内容",
    intro: (platform) =>
      `选择要添加到你在 ${platform} 中的课程的内容。学习者打开后会进入 Gradient，其成绩会回传到 ${platform}。`,
    chooseOne: "请选择一项。",
    chooseMany: "请选择一项或多项。",
    kinds: { course: "整门课程", lab: "实验", quiz: "课时测验", exam: "期末考试" },
    afterLesson: (lesson) => `课时：${lesson}`,
    gradeColumn: "将创建成绩列",
    noGradeColumn: "不创建成绩列",
    titleLabel: "在课程中显示的标题（可选）",
    titleHint: "替换该项原有的标题，仅在只选择一项时可用。",
    add: "添加到课程",
    adding: "正在添加…",
    cancel: "取消",
    cancelling: "正在取消…",
    empty: "Gradient 上还没有已发布的课程，暂无可添加的内容。请先取消，稍后再来。",
    expires: (time) => `此次选择在 ${time} 之前有效。`,
    unreachable: "无法连接 Gradient。请检查网络后重试。",
    returning: (platform) => `正在返回 ${platform}…`,
    returnButton: (platform) => `返回 ${platform}`,
    problems: {
      pickOne: "请选择要添加的内容。",
      unknownItem: "所选内容中有一项已不可用。请刷新页面后重新选择。",
      tooMany: "此学习平台一次只接受一项内容。",
      titleTooLong: "标题最多 255 个字符。",
      titleForOne: "自定义标题只能替换一项内容的标题。请只选择一项，或清空标题。",
    },
    notAdded: "未添加任何内容。",
  },
  refusals: {
    missing: {
      title: "没有这次内容选择",
      body: "这次内容选择不存在，或由其他人发起。请从你的学习平台重新开始。",
    },
    expired: {
      title: "这次内容选择已过期",
      body: "内容选择的有效期为 30 分钟。请从你的学习平台重新开始。",
    },
    used: {
      title: "这次内容选择已完成",
      body: "结果已发送到你的学习平台。如需添加更多内容，请在平台上重新发起选择。",
    },
    unsupported: {
      title: "Gradient 无法提供所请求的内容",
      body: "你的学习平台请求了 Gradient 无法提供的内容类型：Gradient 添加的是外部工具资源链接，而此位置不接受这种链接。请从接受外部工具链接或作业的位置添加 Gradient。",
    },
    disabled: {
      title: "此学习平台已停用",
      body: "Gradient 的管理员已停用此学习平台。请联系管理员重新启用。",
    },
    unconfirmed: {
      title: "无法发送你的选择",
      body: "Gradient 无法确认这次结果。请从你的学习平台重新发起内容选择。",
    },
  },
  returnPage: {
    title: "正在返回你的学习平台",
    body: (platform) => `Gradient 正在把你的选择发送到 ${platform}。`,
    noScript: "如果页面没有跳转，请点击按钮。",
    button: (platform) => `返回 ${platform}`,
  },
  cancelled: "未从 Gradient 添加任何内容。",
};

const MESSAGES: Record<Locale, LtiDeepLinkMessages> = { en, "zh-CN": zhCN };

export function ltiDeepLinkMessagesFor(locale: Locale): LtiDeepLinkMessages {
  return MESSAGES[locale];
}
