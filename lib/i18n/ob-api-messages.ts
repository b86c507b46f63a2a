// The words of the Open Badges consent page and the connected-apps page, in both languages. Plain
// data, so the browser-side buttons can read them as well as the server.
import type { Locale } from "../courses/content-schema";
import { CREDENTIAL_READ_SCOPE, PROFILE_READ_SCOPE, type SupportedScope } from "../ob-api/scopes";

const en = {
  consent: {
    pageTitle: "Connect an app",
    title: "Connect an app to your Gradient account",
    asks: (app: string) => `${app} would like to:`,
    scopes: {
      [CREDENTIAL_READ_SCOPE]: "Read your certificates (the signed credentials Gradient issued to you)",
      [PROFILE_READ_SCOPE]: "Read your name as it appears on your certificates",
    } satisfies Record<SupportedScope, string>,
    cannot: "It cannot change anything, see your submissions or grades, or act as you anywhere else.",
    site: "The app's site",
    terms: "Terms of service",
    privacy: "Privacy policy",
    signedInAs: (name: string) => `Signed in as ${name}.`,
    later: "You can disconnect it at any time under Account → Connected apps.",
    allow: "Allow",
    deny: "Deny",
    allowLabel: (app: string) => `Allow ${app} to read your certificates`,
    denyLabel: (app: string) => `Deny ${app} access`,
    sending: "Sending you back to the app…",
    unreachable: "Your answer could not be sent: the server could not be reached. Try again.",
    errorTitle: "This connection request cannot be used",
    problems: {
      "unknown-client": "The app that sent you here is not registered with Gradient. Go back to the app and try again.",
      "bad-redirect-uri":
        "The app asked to send you back to an address it did not register, so Gradient will not send you there.",
      malformed: "The link that brought you here is damaged. Go back to the app and start again.",
    },
  },
  apps: {
    title: "Connected apps",
    intro:
      "Wallets and badge backpacks you have allowed to read your certificates through the Open Badges API. Disconnecting an app ends its access at once.",
    empty: "No app is connected. When you connect a wallet, it will appear here.",
    caption: "Apps connected to your account",
    app: "App",
    access: "Access",
    connected: "Connected",
    lastUsed: "Last new token",
    never: "Never",
    actions: "Actions",
    disconnect: "Disconnect",
    disconnectLabel: (app: string) => `Disconnect ${app}`,
    disconnecting: "Disconnecting…",
    unreachable: "Not disconnected: the server could not be reached. Try again.",
    loading: "Loading your connected apps…",
    errorTitle: "Your connected apps could not be loaded",
    errorBody: "Something went wrong on our side; it is usually temporary.",
    tryAgain: "Try again",
    scopes: {
      [CREDENTIAL_READ_SCOPE]: "Reads your certificates",
      [PROFILE_READ_SCOPE]: "Reads your name",
    } satisfies Record<SupportedScope, string>,
  },
};

export type ObApiMessages = typeof en;

const zhCN: ObApiMessages = {
  consent: {
    pageTitle: "连接应用",
    title: "将应用连接到你的 Gradient 账户",
    asks: (app) => `${app} 请求：`,
    scopes: {
      [CREDENTIAL_READ_SCOPE]: "读取你的证书（Gradient 为你签发的已签名凭证）",
      [PROFILE_READ_SCOPE]: "读取你在证书上显示的姓名",
    },
    cannot: "它不能修改任何内容，不能查看你的提交或成绩，也不能在其他地方代表你操作。",
    site: "应用网站",
    terms: "服务条款",
    privacy: "隐私政策",
    signedInAs: (name) => `当前登录：${name}。`,
    later: "你可以随时在“账户 → 已连接的应用”中断开它。",
    allow: "允许",
    deny: "拒绝",
    allowLabel: (app) => `允许 ${app} 读取你的证书`,
    denyLabel: (app) => `拒绝 ${app} 的访问`,
    sending: "正在返回应用…",
    unreachable: "无法发送你的选择：连接不到服务器。请再试一次。",
    errorTitle: "无法使用此连接请求",
    problems: {
      "unknown-client": "把你带到这里的应用没有在 Gradient 注册。请返回该应用再试一次。",
      "bad-redirect-uri": "该应用要求把你送回一个它没有注册的地址，因此 Gradient 不会把你送到那里。",
      malformed: "带你来到这里的链接已损坏。请返回该应用重新开始。",
    },
  },
  apps: {
    title: "已连接的应用",
    intro: "你允许通过开放徽章（Open Badges）API 读取你证书的钱包和徽章收藏应用。断开后，该应用的访问立即终止。",
    empty: "还没有连接任何应用。连接钱包后，它会显示在这里。",
    caption: "连接到你账户的应用",
    app: "应用",
    access: "权限",
    connected: "连接时间",
    lastUsed: "最近获取令牌",
    never: "从未",
    actions: "操作",
    disconnect: "断开",
    disconnectLabel: (app) => `断开 ${app}`,
    disconnecting: "正在断开…",
    unreachable: "未能断开：连接不到服务器。请再试一次。",
    loading: "正在加载已连接的应用…",
    errorTitle: "无法加载已连接的应用",
    errorBody: "我们这边出了问题，通常是暂时的。",
    tryAgain: "重试",
    scopes: {
      [CREDENTIAL_READ_SCOPE]: "读取你的证书",
      [PROFILE_READ_SCOPE]: "读取你的姓名",
    },
  },
};

const MESSAGES: Record<Locale, ObApiMessages> = { en, "zh-CN": zhCN };

export function obApiMessagesFor(locale: Locale): ObApiMessages {
  return MESSAGES[locale];
}
