// The privacy notice and terms that the Open Badges Service Description Document links to (it must
// name both), in both languages. They describe what the software does; an installation's operator
// adds who they are and how to reach them.
import type { Locale } from "../courses/content-schema";

const en = {
  privacy: {
    title: "Privacy",
    paragraphs: [
      "Gradient keeps what it needs to teach, grade and certify you: your name, your email address, a hash of your password, your language, your course progress, your quiz answers, the code you submit with its grading results, and the certificates issued to you.",
      "A certificate carries the name you chose and your results. Anyone with its link can verify it while it is public; you can hide it from your dashboard.",
      "An app you connect through the Open Badges API (a wallet or badge backpack) reads only what you allowed on the consent page: your certificates, your name, or both. It never sees your email, password, submissions or grades. Disconnect it under Account → Apps and its access ends at once.",
      "Gradient stores only hashes of passwords, access tokens and app secrets. It sends your data to no one else.",
    ],
  },
  terms: {
    title: "Terms of use",
    paragraphs: [
      "Use Gradient to learn and to have your own work graded. Submit only code you wrote or may share; code that tries to escape the grading sandbox or harm the service is refused and may close your account.",
      "A certificate states what the grader measured on your submissions and what the course's pass rule required. It may be revoked if it was issued in error or obtained dishonestly, and verifiers will then see it as revoked.",
      "Apps you connect act under their own terms; Gradient lets them read only what you allow, and you may disconnect them at any time.",
    ],
  },
};

export type PolicyMessages = typeof en;

const zhCN: PolicyMessages = {
  privacy: {
    title: "隐私",
    paragraphs: [
      "Gradient 只保存教学、评分和颁发证书所需的信息：你的姓名、电子邮箱、密码的哈希值、语言、课程进度、测验答案、你提交的代码及其评分结果，以及颁发给你的证书。",
      "证书上载有你选择的姓名和成绩。证书公开期间，任何拿到链接的人都可以验证它；你可以在仪表板上隐藏它。",
      "你通过开放徽章（Open Badges）API 连接的应用（钱包或徽章收藏应用）只能读取你在授权页面上允许的内容：你的证书、你的姓名，或两者。它永远看不到你的电子邮箱、密码、提交或成绩。在“账户 → 应用”中断开后，它的访问立即终止。",
      "Gradient 只保存密码、访问令牌和应用密钥的哈希值，不会把你的数据发送给任何其他人。",
    ],
  },
  terms: {
    title: "使用条款",
    paragraphs: [
      "请用 Gradient 学习并为你自己的作业评分。只提交你自己编写或有权分享的代码；试图逃出评分沙箱或损害服务的代码会被拒绝，并可能导致账户被关闭。",
      "证书说明评分程序在你的提交上测得的结果以及课程的通过规则。若证书是误发或以不诚实的方式获得的，它可能被撤销，验证者随后会看到它已被撤销。",
      "你连接的应用受其自身条款约束；Gradient 只允许它们读取你允许的内容，你可以随时断开它们。",
    ],
  },
};

const MESSAGES: Record<Locale, PolicyMessages> = { en, "zh-CN": zhCN };

export function policyMessagesFor(locale: Locale): PolicyMessages {
  return MESSAGES[locale];
}
