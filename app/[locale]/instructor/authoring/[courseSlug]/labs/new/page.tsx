import type { Metadata } from "next";
import { requirePageRole } from "@/app/_lib/page-guards";
import { getAuthoringCourse } from "@/lib/authoring/get-authoring-course";
import { orPageError } from "@/app/[locale]/instructor/_lib/page-errors";
import { AssignmentForm } from "../assignment-form";
import { Link } from "@/lib/i18n/navigation";
import { getLocale } from "@/lib/i18n/locale";
import { authoringMessagesFor } from "@/lib/i18n/authoring-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: authoringMessagesFor(await getLocale()).titles.newLab };
}

// A small, complete lab to start from: every field an author has to decide is there to edit.
const SPEC_TEMPLATE = `slug: new-lab
title:
  en: "Lab: a new lab"
  zh-CN: 实验：新的实验
mode: train
dataset:
  kind: synthetic-regression
  features: 4
  noise: 0.5
split:
  trainSize: 1000
  heldOutSize: 500
  seed: 1
metric:
  name: mse
  threshold: 0.35
  direction: lower
budget:
  maxEpochs: 50
  trainingSeconds: 20
  maxParameters: 100
`;

const STARTER_TEMPLATE = `// Build, train and return a tf.LayersModel.
export async function train({ tf, data, budget }) {
  const model = tf.sequential();
  return model;
}
`;

export default async function NewLabPage({ params }: { params: Promise<{ courseSlug: string }> }) {
  const { courseSlug } = await params;
  const viewer = await requirePageRole(`/instructor/authoring/${courseSlug}/labs/new`, "INSTRUCTOR", "ADMIN");
  const locale = await getLocale();
  const t = authoringMessagesFor(locale);
  const course = await orPageError(getAuthoringCourse({ viewer, courseSlug, locale }));
  return (
    <>
      <p className="muted">
        <Link href="/instructor/authoring">{t.crumbs.authoring}</Link> /{" "}
        <Link href={`/instructor/authoring/${course.slug}`}>{course.title || course.slug}</Link> / {t.crumbs.newLab}
      </p>
      <h1>{t.crumbs.newLab}</h1>
      <AssignmentForm
        courseSlug={course.slug}
        assignmentSlug={null}
        initial={{ specYaml: SPEC_TEMPLATE, brief: { en: "", "zh-CN": "" }, starter: STARTER_TEMPLATE }}
        locale={locale}
      />
    </>
  );
}
