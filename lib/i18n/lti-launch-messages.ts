// The words of the pages an LTI launch answers with inside the LMS's frame: each refusal reason,
// the step that checks the browser kept the sign-in, and the first-party fallback. The same keys in
// both languages; the launch picks the language the platform asked for (launch_presentation.locale)
// or the browser's.
import type { Locale } from "../courses/content-schema";
import type { LaunchRefusalReason } from "../lti/launch-errors";

interface LtiLaunchMessages {
  refusedTitle: string;
  refusals: Record<LaunchRefusalReason, string>;
  advice: string;
  reasonCode: (code: string) => string;
  opening: {
    title: string;
    checking: string;
    blockedTitle: string;
    blocked: string;
    openInNewTab: string;
    newTabNote: string;
    noScript: string;
    continueHere: string;
  };
  ticket: { title: string; body: string };
  openTarget: { notFound: string };
}

const en: LtiLaunchMessages = {
  refusedTitle: "Gradient could not open this activity",
  refusals: {
    bad_request: "The learning platform's request to open Gradient was incomplete or malformed.",
    platform_error: "The learning platform reported an error instead of signing you in.",
    unknown_platform: "This learning platform is not registered with Gradient, or its registration has been disabled.",
    ambiguous_platform:
      "Several registrations match this learning platform and it did not say which one it is (no client id).",
    state_invalid: "This launch was already used or has expired. A launch can be used only once, within ten minutes.",
    keys_unavailable: "Gradient could not fetch the learning platform's public keys to check the launch.",
    unknown_key: "The launch was signed with a key the learning platform does not publish.",
    bad_signature: "The launch's signature does not match its content: it may have been altered on the way.",
    malformed_token: "The launch's signed message could not be read.",
    wrong_algorithm: "The launch was signed with an algorithm Gradient does not accept (only RS256).",
    wrong_issuer: "The launch claims to come from a different learning platform than the one that started it.",
    wrong_audience: "The launch was meant for another tool, not for Gradient.",
    wrong_azp: "The launch names another tool as the party it was issued to.",
    expired: "The launch has expired. Open the activity again.",
    bad_issue_time: "The launch's issue time is too far in the past or in the future; check the platform's clock.",
    wrong_nonce: "The launch does not match the sign-in that started it (wrong nonce).",
    unregistered_deployment: "This deployment of Gradient on the learning platform is not registered with Gradient.",
    unsupported_message: "Gradient cannot handle this kind of LTI message.",
    wrong_version: "The launch uses an LTI version other than 1.3.0.",
    invalid_claims: "The launch is missing information Gradient needs, or some of it is malformed.",
    target_mismatch: "The launch opens a different activity than the one the sign-in started for.",
    not_a_target:
      "This link does not open a Gradient course, lab or quiz. Ask your instructor to place the activity again with Gradient's picker.",
    unknown_target: "The course, lab or quiz this link opens no longer exists in Gradient.",
    not_teaching: "Only instructors of the course can choose Gradient activities to add to it.",
  },
  advice:
    "Go back to your course in the learning platform and open the activity again. If it keeps happening, tell your instructor or the platform's administrator, and mention the reason code below.",
  reasonCode: (code) => `Reason code: ${code}`,
  opening: {
    title: "Opening Gradient…",
    checking: "One moment: checking that your browser kept you signed in.",
    blockedTitle: "Open Gradient in a new tab",
    blocked:
      "Your browser does not let Gradient keep you signed in inside the learning platform's page (it blocks third-party cookies).",
    openInNewTab: "Open Gradient in a new tab",
    newTabNote: "The link works once, for five minutes.",
    noScript: "Your browser runs no scripts here. Continue to Gradient:",
    continueHere: "Continue here",
  },
  ticket: {
    title: "This link has already been used or has expired",
    body: "For your security, the link that opens Gradient in a new tab works once, for five minutes. Go back to your course in the learning platform and open the activity again.",
  },
  openTarget: { notFound: "There is no such course, lab or quiz." },
};

const zhCN: LtiLaunchMessages = {
  refusedTitle: "Gradient 无法打开此活动",
  refusals: {
    bad_request: "学习平台打开 Gradient 的请求不完整或格式有误。",
    platform_error: "学习平台报告了错误，没有完成登录。",
    unknown_platform: "此学习平台尚未在 Gradient 注册，或其注册已被停用。",
    ambiguous_platform: "有多个注册与此学习平台相符，而平台没有说明是哪一个（缺少客户端 ID）。",
    state_invalid: "此次启动已被使用或已过期。每次启动只能使用一次，且须在十分钟内完成。",
    keys_unavailable: "Gradient 无法获取学习平台的公钥来核验此次启动。",
    unknown_key: "此次启动所用的签名密钥不在学习平台公布的密钥之中。",
    bad_signature: "此次启动的签名与内容不符：内容可能在传输途中被篡改。",
    malformed_token: "无法读取此次启动的签名消息。",
    wrong_algorithm: "此次启动使用了 Gradient 不接受的签名算法（只接受 RS256）。",
    wrong_issuer: "此次启动声称来自另一个学习平台，而不是发起登录的那个。",
    wrong_audience: "此次启动是发给另一个工具的，不是发给 Gradient 的。",
    wrong_azp: "此次启动的授权方是另一个工具。",
    expired: "此次启动已过期。请重新打开该活动。",
    bad_issue_time: "此次启动的签发时间过早或在未来；请检查学习平台的时钟。",
    wrong_nonce: "此次启动与发起它的登录不匹配（nonce 不符）。",
    unregistered_deployment: "学习平台上的这个 Gradient 部署尚未在 Gradient 注册。",
    unsupported_message: "Gradient 无法处理这种 LTI 消息。",
    wrong_version: "此次启动使用的不是 LTI 1.3.0 版本。",
    invalid_claims: "此次启动缺少 Gradient 需要的信息，或部分信息格式有误。",
    target_mismatch: "此次启动要打开的活动与登录时指定的不同。",
    not_a_target: "此链接打开的不是 Gradient 的课程、实验或测验。请让教师用 Gradient 的选择器重新添加该活动。",
    unknown_target: "此链接指向的课程、实验或测验已不在 Gradient 中。",
    not_teaching: "只有课程的教师才能选择要添加的 Gradient 活动。",
  },
  advice: "请回到学习平台中的课程，重新打开该活动。如果问题反复出现，请告知教师或平台管理员，并附上下面的原因代码。",
  reasonCode: (code) => `原因代码：${code}`,
  opening: {
    title: "正在打开 Gradient…",
    checking: "请稍候：正在确认浏览器保留了你的登录状态。",
    blockedTitle: "在新标签页中打开 Gradient",
    blocked: "你的浏览器不允许 Gradient 在学习平台的页面内保持登录（它阻止了第三方 Cookie）。",
    openInNewTab: "在新标签页中打开 Gradient",
    newTabNote: "该链接只能使用一次，五分钟内有效。",
    noScript: "你的浏览器在此处不运行脚本。继续前往 Gradient：",
    continueHere: "在此继续",
  },
  ticket: {
    title: "此链接已被使用或已过期",
    body: "为保障安全，在新标签页中打开 Gradient 的链接只能使用一次，五分钟内有效。请回到学习平台中的课程，重新打开该活动。",
  },
  openTarget: { notFound: "没有这样的课程、实验或测验。" },
};

const MESSAGES: Record<Locale, LtiLaunchMessages> = { en, "zh-CN": zhCN };

export function ltiLaunchMessagesFor(locale: Locale): LtiLaunchMessages {
  return MESSAGES[locale];
}
