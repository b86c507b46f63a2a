// lib/ refuses in English: its tests, the API and the English pages read those words as they are.
// A reader of another language gets each refusal a page can show worded in their language here, at
// the action that hands it to the page (app/_lib/action-result.ts). A refusal this list does not
// know stays as it is; `npm test -- unit lib/i18n` checks that every English one is still written in
// lib/, so a reworded refusal cannot quietly fall out of the list.
import type { Locale } from "../courses/content-schema";
import { type RefusalMessages, translatedRefusal } from "./translated-refusal";

interface Refusal {
  en: RegExp;
  /** Words of the refusal exactly as lib/ writes them, for the test that it still does. */
  source: string;
  /** The same refusal in Simplified Chinese, given the English one's captured values. */
  zhCN: (...values: string[]) => string;
}

const fixed = (en: string, zhCN: string): Refusal => ({
  en: new RegExp(`^${en.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`),
  source: en,
  zhCN: () => zhCN,
});

/** Refusals of lib/ that pages show, in English as lib/ writes them. */
export const REFUSALS: readonly Refusal[] = [
  fixed("Please sign in first.", "请先登录。"),
  fixed("Please correct the highlighted fields.", "请更正标出的字段。"),
  fixed("There is no such lab.", "没有这个实验。"),
  fixed("There is no such course.", "没有这门课程。"),
  fixed("There is no such failed score.", "没有这个发送失败的分数。"),
  fixed("This LMS course is not linked to this course.", "这个 LMS 课程没有关联到本课程。"),
  fixed("There is no such course to enrol in.", "没有这门可选修的课程。"),
  fixed("There is no such lesson.", "没有这个课时。"),
  fixed("There is no such submission.", "没有这份提交。"),
  fixed("There is no such submission in this course.", "这门课程中没有这份提交。"),
  fixed("There is no such quiz.", "没有这个测验。"),
  fixed("There is no such token.", "没有这个令牌。"),
  fixed("There is no such practice run.", "没有这次练习检查。"),
  fixed("There is no such account.", "没有这个账户。"),
  fixed("That attempt does not exist.", "这次作答不存在。"),
  fixed("No such certificate.", "没有这张证书。"),
  fixed("No such certificate among yours.", "你的证书中没有这一张。"),
  fixed("Your submission was not accepted.", "你的提交未被接受。"),
  fixed("Your code could not be checked.", "你的代码无法检查。"),
  fixed("Your draft could not be saved.", "你的草稿无法保存。"),
  fixed("Your answers were not saved.", "你的答案没有保存。"),
  fixed("This attempt is closed; its answers can no longer change.", "这次作答已经结束，答案不能再修改。"),
  fixed("This attempt has already been submitted.", "这次作答已经提交。"),
  fixed("This quiz has no questions yet.", "这个测验还没有题目。"),
  fixed(
    "Your previous check of this lab is still running; its result will show here.",
    "你对本实验的上一次检查仍在运行，结果会显示在这里。",
  ),
  fixed(
    "This submission is still being graded; regrade it once it has finished.",
    "这份提交仍在评分中，请在评分结束后再重新评分。",
  ),
  fixed(
    "There is nothing to regrade: this lab has no finished submissions.",
    "没有可以重新评分的内容：本实验还没有已完成的提交。",
  ),
  fixed("This learner has no extension for this lab.", "这位学员在本实验没有延期。"),
  fixed("This certificate is revoked; revocation is final.", "这张证书已被撤销，撤销不可恢复。"),
  fixed("This certificate is not suspended.", "这张证书没有被暂停。"),
  fixed("This certificate is already suspended.", "这张证书已经被暂停。"),
  fixed(
    "Someone else changed this certificate's status just now; reload and try again.",
    "刚才有人更改了这张证书的状态；请重新加载后再试。",
  ),
  fixed(
    "Only a valid certificate can be printed; its verify page explains why this one is not.",
    "只有有效的证书可以打印；它的验证页面说明了这张证书为何无效。",
  ),
  fixed(
    "Only admins and the course's instructors can change a certificate's status.",
    "只有管理员和本课程的教师可以更改证书的状态。",
  ),
  fixed("Only the instructors of this course and admins can see this.", "只有本课程的教师和管理员可以查看。"),
  fixed("Only admins can do this.", "只有管理员可以这样做。"),
  fixed("Enrol in this course to take its quizzes.", "选修本课程后才能参加它的测验。"),
  fixed("Enrol in this course to keep drafts of its labs.", "选修本课程后才会保存草稿。"),
  fixed("Enrol in this course before submitting to its labs.", "请先选修本课程，再提交它的实验。"),
  fixed("Enrol in this course before checking code for its labs.", "请先选修本课程，再检查它的实验代码。"),
  fixed(
    "That token is not valid: it may be mistyped, revoked or expired.",
    "这个令牌无效：可能输错了、已被撤销或已过期。",
  ),
  fixed("This authorization request is not valid.", "这个授权请求无效。"),
  fixed("That application is not known.", "无法识别这个应用。"),
  {
    en: /^You have used all (\d+) attempts for this lab\.$/,
    source: "attempts for this lab.",
    zhCN: (attempts = "") => `你已用完本实验的全部 ${attempts} 次评分机会。`,
  },
  {
    en: /^Your code is (\d+) bytes; this lab accepts at most (\d+)\.$/,
    source: "bytes; this lab accepts at most",
    zhCN: (bytes = "", max = "") => `你的代码有 ${bytes} 字节；本实验最多接受 ${max} 字节。`,
  },
  // Code similarity (lib/similarity).
  fixed("There is no such similarity analysis.", "没有这次相似度分析。"),
  fixed("There is no such pair.", "没有这个代码对。"),
  fixed("Give a number between 0.05 and 1.", "请填写 0.05 到 1 之间的数。"),
  fixed("Choose latest or best.", "请选择最新或最佳。"),
  fixed("Choose reviewed or flagged.", "请选择已审阅或标记。"),
  fixed("Keep the note under 1,000 characters.", "备注请少于 1,000 个字符。"),
  fixed("Say why you flag this pair (at least 3 characters).", "请说明标记这个代码对的原因（至少 3 个字符）。"),
  fixed("The archive is larger than 5 MB.", "压缩包超过 5 兆字节。"),
  fixed("This is not a zip archive that can be read.", "这不是可以读取的压缩包。"),
  fixed(
    "The archive holds a path that leaves its folder (.. or an absolute path).",
    "压缩包中有跳出其文件夹的路径（.. 或绝对路径）。",
  ),
  fixed("The archive holds too many files.", "压缩包中的文件太多。"),
  fixed("The archive's code adds up to more than 20 MB.", "压缩包中的代码总计超过 20 兆字节。"),
  fixed("The archive holds no .js or .ts files.", "压缩包中没有 JavaScript 或 TypeScript 文件。"),
  // The rate limits (lib/api/rate-limit.ts): what was too much, then when to try again.
  fixed("Too many API requests for this account.", "这个账户的 API 请求过多。"),
  fixed("Too many API requests from your address.", "来自你的地址的 API 请求过多。"),
  fixed("Too many requests with an invalid token from your address.", "来自你的地址、带无效令牌的请求过多。"),
  fixed("You are submitting too often.", "你提交得太频繁了。"),
  fixed("Too many submissions from your address.", "来自你的地址的提交过多。"),
  fixed("Too many new accounts from your address.", "来自你的地址的新账户过多。"),
  fixed("Too many client registrations from your address.", "来自你的地址的客户端注册过多。"),
  fixed("Too many token requests from your address.", "来自你的地址的令牌请求过多。"),
  // The review desk (lib/review).
  fixed("There is no such regrade request.", "没有这个复核申请。"),
  fixed("There is no such comment.", "没有这条评语。"),
  fixed("This lab has no rubric.", "本实验没有评分细则。"),
  fixed("Only a graded attempt can be reviewed.", "只有已评分的提交才能评阅。"),
  fixed("This request has already been answered.", "这个申请已经答复过了。"),
  fixed("There is no unreleased grade to release: save the rubric first.", "没有可发布的成绩：请先保存评分细则。"),
  fixed("You already have an open request for this; wait for its answer.", "你已经为此提交了申请，请等待答复。"),
  fixed("say why in at least 10 characters", "请用至少 10 个字符说明理由"),
  fixed("say why the request is declined", "请说明拒绝申请的理由"),
  fixed("write a comment", "请填写评语"),
  fixed("enter a number", "请输入数字"),
  fixed("choose a criterion of the released grade", "请选择已发布成绩中的一条标准"),
  fixed("only a request about a graded rubric criterion can change its score", "只有针对已评分标准的申请才能修改得分"),
  fixed("points cannot be negative", "得分不能为负数"),
  {
    en: /^at most (\d+) points$/,
    source: "points`]",
    zhCN: (points = "") => `最多 ${points} 分`,
  },
];

const TRY_AGAIN = /^(.*\.) Try again in (\d+) seconds?\.$/;

/** `text` in `locale` when it is a refusal REFUSALS knows (a rate limit's wait included); otherwise as it is. */
export function refusalText(text: string, locale: Locale): string {
  if (locale === "en") return text;
  const wait = TRY_AGAIN.exec(text);
  if (wait) return `${refusalText(wait[1] ?? "", locale)}请在 ${wait[2]} 秒后再试。`;
  for (const refusal of REFUSALS) {
    const match = refusal.en.exec(text);
    if (match) return refusal.zhCN(...match.slice(1));
  }
  return text;
}

/** A refusal's message and every field's messages in `locale`. */
export function refusalIn(locale: Locale, refusal: RefusalMessages): RefusalMessages {
  return translatedRefusal(refusal, (text) => refusalText(text, locale));
}
