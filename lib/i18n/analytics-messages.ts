// The words of a course's analytics page and its CSV downloads, in both languages: chart titles and
// their text summaries, table headers, the reasons a quiz item is flagged, and the definitions the
// page states (time to first pass, discrimination).
import type { Locale } from "../courses/content-schema";
import type { ItemFlag, TimeToPassBucket } from "../analytics/statistics";

const percent = (value: number) => `${Math.round(value * 100)}%`;

const en = {
  nav: "Analytics",
  title: (course: string) => `${course}: analytics · Instructor`,
  crumb: "Analytics",
  heading: (course: string) => `${course}: analytics`,
  intro:
    "Where the class stands and where it is stuck. Only graded work counts: practice runs are never included. Every chart has its numbers in a table below it, and every table can be downloaded as CSV.",
  loading: "Loading the analytics…",
  csv: (what: string) => `Download CSV: ${what}`,
  csvShort: "CSV",
  showTable: "Numbers as a table",
  enrolment: {
    heading: "Enrolment and completion",
    chart: "Learners enrolled and certificates issued over time",
    summary: (enrolled: number, completed: number, from: string, to: string) =>
      `${enrolled} learners enrolled and ${completed} certificates issued between ${from} and ${to}.`,
    empty: "Nobody has enrolled in this course as a learner yet.",
    note: "A completion is a certificate issued and not revoked.",
    period: (granularity: "day" | "week"): string => (granularity === "day" ? "Day" : "Week from"),
    enrolled: "Enrolled",
    enrolledTotal: "Enrolled in all",
    completed: "Certificates",
    completedTotal: "Certificates in all",
    axisCount: "Learners",
    axisDate: "Date",
  },
  labs: {
    heading: "Labs",
    intro:
      "Pass rate: learners who passed among those who made at least one graded attempt. Attempts do not include the platform's failures or code the grader refused before running it, as for learners' attempt limits.",
    empty: "This course has no labs.",
    lab: "Lab",
    practiceOnly: "(practice)",
    tried: "Learners who tried",
    passed: "Learners who passed",
    passRate: "Pass rate",
    attempts: "Graded attempts",
    medianAttemptsToPass: "Median attempts to pass",
    medianHoursToPass: "Median time to first pass",
    medianHoursFromEnrolment: "Median time from enrolment to pass",
    passRateChart: "Pass rate per lab",
    /** One lab's part of the pass-rate chart's summary; the page joins them. */
    passRateItem: (lab: string, rate: number | null) => `${lab}: ${rate === null ? "no attempts" : percent(rate)}`,
    listSeparator: "; ",
    noAttempts: "No learner has submitted work for this lab yet.",
    attemptsChart: (lab: string) => `${lab}: learners by number of attempts`,
    attemptsSummary: (lab: string, tried: number, passed: number, median: number | null) =>
      `${lab}: ${tried} learners made graded attempts, ${passed} passed` +
      (median === null ? "." : `, after a median of ${median} attempts.`),
    attemptCount: "Attempts",
    inAll: "Learners, by attempts in all",
    untilPass: "Learners, by the attempt that first passed",
    timeChart: (lab: string) => `${lab}: time to first pass`,
    timeDefinition:
      "Time to first pass runs from the learner's first graded attempt at the lab to the submission that first passed it.",
    timeSummary: (lab: string, passed: number, medianHours: number | null) =>
      `${lab}: ${passed} learners passed` +
      (medianHours === null ? "." : `; the median time from first attempt to first pass is ${hoursText(medianHours)}.`),
    bucket: "Time to first pass",
    buckets: {
      first_try: "First attempt",
      under_hour: "Under an hour",
      under_day: "Under a day",
      under_3_days: "1 to 3 days",
      under_week: "3 to 7 days",
      longer: "Over a week",
    } satisfies Record<TimeToPassBucket, string>,
    learners: "Learners",
    failures: (lab: string) => `${lab}: failures by kind`,
    noFailures: "No failed submissions.",
    kind: "Whose failure",
    kinds: { LEARNER: "The learner's code", PLATFORM: "The platform", none: "Not classified" },
    code: "Code",
    count: "Submissions",
    messages: (lab: string) => `${lab}: most common messages`,
    messagesNote: "Messages are grouped by their first line, with numbers shown as #.",
    message: "Message",
    noMessages: "No failure messages.",
  },
  quizzes: {
    heading: "Quiz and exam items",
    intro:
      "Each learner's first submitted attempt, scored by the quiz grader. Difficulty is the proportion of correct answers. Discrimination is the point-biserial correlation between the item (right or wrong) and the learner's score on the attempt's other questions: near 0 or below, the item does not separate stronger learners from weaker ones.",
    empty: "This course has no quizzes.",
    noAttempts: "No learner has submitted this quiz yet.",
    quizHeading: (title: string, kind: "LESSON" | "EXAM", learners: number) =>
      `${kind === "EXAM" ? "Exam" : "Quiz"}: ${title} (${learners} learners)`,
    item: "Question",
    responses: "Responses",
    blanks: "Blank",
    difficulty: "Difficulty",
    discrimination: "Discrimination",
    flags: "Check",
    ok: "—",
    choices: "Choices picked",
    key: "(right answer)",
    numeric: "Numeric answer",
    flagReasons: {
      too_easy:
        "Almost everyone gets it right (difficulty above 0.95): it tells learners apart no better than a free point.",
      too_hard: "Almost everyone gets it wrong (difficulty below 0.2): check the answer key and the wording.",
      low_discrimination:
        "Discrimination below 0.1: learners who do well on the rest of the quiz are hardly more likely to get it right.",
      distractor_beats_key: "A wrong choice is picked more often than the right answer: check the key and that choice.",
    } satisfies Record<ItemFlag, string>,
    flagged: (count: number) => (count === 1 ? "1 item to check" : `${count} items to check`),
    showItems: (count: number) => (count === 1 ? "The item's statistics" : `Statistics of the ${count} items`),
  },
  exam: {
    heading: "Exam scores",
    empty: "This course has no exam.",
    noAttempts: "No learner has submitted the exam yet.",
    chart: (exam: string) => `${exam}: learners by best score`,
    summary: (exam: string, learners: number, passed: number, median: number | null, passPercent: number) =>
      `${exam}: ${learners} learners, ${passed} at or above the pass mark of ${passPercent}%` +
      (median === null ? "." : `; median best score ${Math.round(median)}%.`),
    bin: "Score",
    learners: "Learners",
    axisScore: "Best score (%)",
  },
  datasets: {
    enrolment: "enrolment and completion",
    labs: "labs",
    "lab-attempts": "attempts per learner",
    "lab-time-to-pass": "time to first pass",
    "lab-failures": "failures by kind",
    "lab-messages": "failure messages",
    "quiz-items": "quiz items",
    "quiz-choices": "choices picked",
    "exam-scores": "exam scores",
  },
};

function hoursText(hours: number): string {
  return hours < 48 ? `${Number(hours.toFixed(1))} h` : `${Number((hours / 24).toFixed(1))} days`;
}

function hoursTextZh(hours: number): string {
  return hours < 48 ? `${Number(hours.toFixed(1))} 小时` : `${Number((hours / 24).toFixed(1))} 天`;
}

export type AnalyticsMessages = typeof en;

const zhCN: AnalyticsMessages = {
  nav: "数据分析",
  title: (course) => `${course}：数据分析 · 教师`,
  crumb: "数据分析",
  heading: (course) => `${course}：数据分析`,
  intro:
    "全班的进度，以及大家卡在哪里。只统计计分的作业：练习运行从不计入。每张图表下方都有同样数字的表格，每个表格都可以下载为 CSV。",
  loading: "正在加载数据分析…",
  csv: (what) => `下载 CSV：${what}`,
  csvShort: "CSV",
  showTable: "以表格查看数字",
  enrolment: {
    heading: "选课与结业",
    chart: "随时间累计的选课学员与颁发的证书",
    summary: (enrolled, completed, from, to) =>
      `${from} 至 ${to} 期间，共有 ${enrolled} 名学员选课，颁发了 ${completed} 张证书。`,
    empty: "还没有学员选修本课程。",
    note: "结业指已颁发且未被撤销的证书。",
    period: (granularity) => (granularity === "day" ? "日期" : "起始周"),
    enrolled: "选课",
    enrolledTotal: "累计选课",
    completed: "证书",
    completedTotal: "累计证书",
    axisCount: "学员",
    axisDate: "日期",
  },
  labs: {
    heading: "实验",
    intro:
      "通过率：在至少提交过一次计分尝试的学员中，已通过的比例。尝试次数不包括平台自身的故障，也不包括评分器在运行前就拒绝的代码，与学员的尝试次数上限的计算方式相同。",
    empty: "本课程没有实验。",
    lab: "实验",
    practiceOnly: "（练习）",
    tried: "尝试过的学员",
    passed: "已通过的学员",
    passRate: "通过率",
    attempts: "计分尝试",
    medianAttemptsToPass: "通过所需尝试次数的中位数",
    medianHoursToPass: "首次通过用时的中位数",
    medianHoursFromEnrolment: "从选课到通过用时的中位数",
    passRateChart: "各实验的通过率",
    passRateItem: (lab, rate) => `${lab}：${rate === null ? "尚无尝试" : percent(rate)}`,
    listSeparator: "；",
    noAttempts: "还没有学员为这个实验提交作业。",
    attemptsChart: (lab) => `${lab}：按尝试次数统计的学员`,
    attemptsSummary: (lab, tried, passed, median) =>
      `${lab}：${tried} 名学员提交过计分尝试，${passed} 名已通过` +
      (median === null ? "。" : `，通过所需尝试次数的中位数为 ${median} 次。`),
    attemptCount: "尝试次数",
    inAll: "学员（按总尝试次数）",
    untilPass: "学员（按首次通过是第几次尝试）",
    timeChart: (lab) => `${lab}：首次通过用时`,
    timeDefinition: "首次通过用时：从学员对该实验的第一次计分尝试，到第一次通过的那份提交为止。",
    timeSummary: (lab, passed, medianHours) =>
      `${lab}：${passed} 名学员已通过` +
      (medianHours === null ? "。" : `；从第一次尝试到首次通过用时的中位数为 ${hoursTextZh(medianHours)}。`),
    bucket: "首次通过用时",
    buckets: {
      first_try: "第一次尝试",
      under_hour: "不到一小时",
      under_day: "不到一天",
      under_3_days: "1 到 3 天",
      under_week: "3 到 7 天",
      longer: "超过一周",
    },
    learners: "学员",
    failures: (lab) => `${lab}：按类型统计的失败`,
    noFailures: "没有失败的提交。",
    kind: "谁的问题",
    kinds: { LEARNER: "学员的代码", PLATFORM: "平台", none: "未分类" },
    code: "代码",
    count: "提交数",
    messages: (lab) => `${lab}：最常见的消息`,
    messagesNote: "消息按第一行分组，其中的数字显示为 #。",
    message: "消息",
    noMessages: "没有失败消息。",
  },
  quizzes: {
    heading: "测验与考试题目",
    intro:
      "统计每名学员第一次提交的尝试，由测验评分器评分。难度是答对的比例。区分度是题目得分（对或错）与学员在该次尝试其余题目上的得分之间的点二列相关系数：接近 0 或为负时，这道题不能把较强和较弱的学员区分开。",
    empty: "本课程没有测验。",
    noAttempts: "还没有学员提交这个测验。",
    quizHeading: (title, kind, learners) => `${kind === "EXAM" ? "考试" : "测验"}：${title}（${learners} 名学员）`,
    item: "题目",
    responses: "作答数",
    blanks: "未作答",
    difficulty: "难度",
    discrimination: "区分度",
    flags: "需检查",
    ok: "—",
    choices: "各选项被选次数",
    key: "（正确答案）",
    numeric: "数值答案",
    flagReasons: {
      too_easy: "几乎所有人都答对（难度高于 0.95）：它区分学员的作用不比白送一分更大。",
      too_hard: "几乎所有人都答错（难度低于 0.2）：请检查答案和题目措辞。",
      low_discrimination: "区分度低于 0.1：在测验其余部分表现好的学员，答对这道题的可能性几乎没有更高。",
      distractor_beats_key: "某个错误选项被选的次数多于正确答案：请检查答案和该选项。",
    },
    flagged: (count) => `${count} 道题需要检查`,
    showItems: (count) => `${count} 道题的统计`,
  },
  exam: {
    heading: "考试成绩",
    empty: "本课程没有考试。",
    noAttempts: "还没有学员提交考试。",
    chart: (exam) => `${exam}：按最高分统计的学员`,
    summary: (exam, learners, passed, median, passPercent) =>
      `${exam}：${learners} 名学员，其中 ${passed} 名达到 ${passPercent}% 的及格线` +
      (median === null ? "。" : `；最高分的中位数为 ${Math.round(median)}%。`),
    bin: "分数",
    learners: "学员",
    axisScore: "最高分（%）",
  },
  datasets: {
    enrolment: "选课与结业",
    labs: "实验",
    "lab-attempts": "每名学员的尝试次数",
    "lab-time-to-pass": "首次通过用时",
    "lab-failures": "按类型统计的失败",
    "lab-messages": "失败消息",
    "quiz-items": "测验题目",
    "quiz-choices": "各选项被选次数",
    "exam-scores": "考试成绩",
  },
};

export function analyticsMessagesFor(locale: Locale): AnalyticsMessages {
  return locale === "zh-CN" ? zhCN : en;
}

/** A duration in hours as the page words it: hours under two days, days beyond. */
export function hoursIn(locale: Locale, hours: number): string {
  return locale === "zh-CN" ? hoursTextZh(hours) : hoursText(hours);
}
