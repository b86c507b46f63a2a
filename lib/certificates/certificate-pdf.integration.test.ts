// A certificate issued to a learner named in Chinese, printed for a Chinese and an English reader:
// poppler reads the learner's name and the course's title in the reader's language out of the PDF.
import "./test-signing-key";
import assert from "node:assert/strict";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { after, test } from "node:test";
import { parse as parseYaml } from "yaml";
import { db } from "../db";
import { CourseFileSchema } from "../courses/content-schema";
import { getCertificatePdf } from "./get-certificate-pdf";
import { issueCertificate } from "./issue-certificate";
import { pdfText } from "./read-pdf-with-poppler";

after(() => db.$disconnect());

const course = CourseFileSchema.parse(
  parseYaml(
    fs.readFileSync(path.join(import.meta.dirname, "../../content/courses/ml-foundations/course.yaml"), "utf8"),
  ),
);
const run = crypto.randomBytes(4).toString("hex");

async function issueTo(name: string, title: Record<string, string>) {
  const courseRow = await db.course.create({
    data: {
      slug: `pdf-course-${run}-${crypto.randomBytes(3).toString("hex")}`,
      title,
      summary: title,
      passRule: course.passRule,
    },
    select: { id: true },
  });
  const learner = await db.user.create({
    data: { email: `pdf-${run}-${crypto.randomBytes(3).toString("hex")}@example.com`, name, passwordHash: "not-used" },
    select: { id: true, email: true, name: true, role: true },
  });
  await db.enrolment.create({ data: { userId: learner.id, courseId: courseRow.id } });
  const outcome = await issueCertificate({
    userId: learner.id,
    courseId: courseRow.id,
    score: 91,
    passMark: 70,
    evidence: [],
  });
  assert.ok(outcome.isIssued);
  return { learner, publicId: outcome.publicId, courseId: courseRow.id };
}

test("a learner named in Chinese gets a PDF with their name, and the Chinese title for a Chinese reader", async () => {
  const chineseTitle = course.title["zh-CN"];
  assert.ok(chineseTitle);
  const { learner, publicId } = await issueTo("李小龙", course.title);

  const chinese = pdfText(await getCertificatePdf(publicId, learner, "zh-CN"));
  assert.match(chinese, /李小龙/);
  assert.ok(chinese.includes(chineseTitle), `"${chineseTitle}" is in:\n${chinese}`);
  assert.match(chinese, /结业证书/);

  const english = pdfText(await getCertificatePdf(publicId, null, "en"));
  assert.match(english, /李小龙/);
  assert.ok(english.includes(course.title.en), "an English reader gets the title the credential was signed with");
  assert.ok(!english.includes(chineseTitle));
});

test("once the course's English title changes, every reader's PDF prints the title that was signed", async () => {
  const { learner, publicId, courseId } = await issueTo("王小雨", course.title);
  await db.course.update({
    where: { id: courseId },
    data: { title: { en: "Renamed Course", "zh-CN": "改名后的课程" } },
  });
  const chinese = pdfText(await getCertificatePdf(publicId, learner, "zh-CN"));
  assert.match(chinese, /王小雨/);
  assert.ok(chinese.includes(course.title.en), `the signed title is in:\n${chinese}`);
  assert.ok(!chinese.includes("改名后的课程"));
});
