import type { Metadata } from "next";
import Link from "next/link";
import { requirePageRole } from "@/app/_lib/page-guards";
import { listExtensions } from "@/lib/instructor/list-extensions";
import { formatDateTime, orPageError } from "../../../../../_lib/page-errors";
import { ExtensionForm } from "./extension-form";
import { RevokeButton } from "./revoke-button";

export const metadata: Metadata = { title: "Extensions · Instructor" };

export default async function ExtensionsPage({ params }: { params: Promise<{ courseSlug: string; labSlug: string }> }) {
  const { courseSlug, labSlug } = await params;
  const viewer = await requirePageRole(`/instructor/courses/${courseSlug}/labs/${labSlug}/extensions`, "INSTRUCTOR", "ADMIN");
  const data = await orPageError(listExtensions({ viewer, courseSlug, assignmentSlug: labSlug }));
  const { course, assignment, limits } = data;
  return (
    <>
      <p className="muted">
        <Link href="/instructor">Instructor workspace</Link> / <Link href={`/instructor/courses/${course.slug}`}>{course.title}</Link> /{" "}
        <Link href={`/instructor/courses/${course.slug}/labs/${assignment.slug}`}>{assignment.title}</Link> / Extensions
      </p>
      <h1>{assignment.title}: extensions</h1>
      <p>
        For everyone: deadline {limits.deadline ? formatDateTime(limits.deadline) : "none"}, {limits.maxAttempts === null ? "unlimited attempts" : `${limits.maxAttempts} attempts`}.
        An extension gives one learner their own deadline and extra attempts.
      </p>

      <h2>Granted</h2>
      {data.extensions.length === 0 ? (
        <p className="empty">No learner has an extension for this lab.</p>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Learner</th>
                <th scope="col">Deadline</th>
                <th scope="col">Extra attempts</th>
                <th scope="col">Attempts used</th>
                <th scope="col">Reason</th>
                <th scope="col">Granted</th>
                <th scope="col">
                  <span className="muted">Revoke</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.extensions.map((extension) => (
                <tr key={extension.id}>
                  <td>
                    {extension.user.name}
                    <br />
                    <span className="muted">{extension.user.email}</span>
                  </td>
                  <td>{extension.deadline ? formatDateTime(extension.deadline) : "the lab's"}</td>
                  <td>{extension.extraAttempts}</td>
                  <td>{extension.usedAttempts}</td>
                  <td>{extension.reason}</td>
                  <td>{formatDateTime(extension.createdAt)}</td>
                  <td>
                    <RevokeButton courseSlug={course.slug} assignmentSlug={assignment.slug} learnerId={extension.userId} learnerName={extension.user.name} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2>Grant or replace an extension</h2>
      {data.learners.length === 0 ? (
        <p className="empty">Nobody is enrolled in this course as a learner yet.</p>
      ) : (
        <ExtensionForm courseSlug={course.slug} assignmentSlug={assignment.slug} learners={data.learners} />
      )}
    </>
  );
}
