import type { Metadata } from "next";
import Link from "next/link";
import { requirePageRole } from "@/app/_lib/page-guards";
import { getGradebook } from "@/lib/instructor/gradebook";
import { orPageError } from "../../../_lib/page-errors";

export const metadata: Metadata = { title: "Gradebook · Instructor" };

const KIND_LABEL = { lab: "Lab", quiz: "Quiz", exam: "Exam" } as const;

export default async function GradebookPage({ params }: { params: Promise<{ courseSlug: string }> }) {
  const { courseSlug } = await params;
  const viewer = await requirePageRole(`/instructor/courses/${courseSlug}/gradebook`, "INSTRUCTOR", "ADMIN");
  const book = await orPageError(getGradebook({ viewer, courseSlug }));
  return (
    <>
      <p className="muted">
        <Link href="/instructor">Instructor workspace</Link> / <Link href={`/instructor/courses/${book.course.slug}`}>{book.course.title}</Link> / Gradebook
      </p>
      <h1>{book.course.title}: gradebook</h1>
      <p>
        Each cell shows the learner&apos;s best result (lab metric, or quiz percent) and whether it is passed.{" "}
        <a href={`/instructor/courses/${book.course.slug}/gradebook/csv`} download className="button secondary">
          Download CSV
        </a>
      </p>
      {book.rows.length === 0 ? (
        <p className="empty">Nobody is enrolled in this course as a learner yet.</p>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Learner</th>
                {book.columns.map((column) => (
                  <th scope="col" key={`${column.kind}:${column.slug}`}>
                    <span className="muted">{KIND_LABEL[column.kind]}</span>
                    <br />
                    {column.title || column.slug}
                  </th>
                ))}
                <th scope="col">Certificate</th>
              </tr>
            </thead>
            <tbody>
              {book.rows.map((row) => (
                <tr key={row.learner.id}>
                  <th scope="row" style={{ fontWeight: "normal" }}>
                    {row.learner.name}
                    <br />
                    <span className="muted">{row.learner.email}</span>
                  </th>
                  {row.cells.map((cell, index) => {
                    const column = book.columns[index];
                    return (
                      <td key={column ? `${column.kind}:${column.slug}` : index}>
                        {cell.tries === 0 ? (
                          <span className="muted">not tried</span>
                        ) : (
                          <>
                            {cell.best === null ? "—" : column?.kind === "lab" ? Number(cell.best.toPrecision(4)) : `${Math.round(cell.best)}%`}{" "}
                            <span className={`badge ${cell.isPassed ? "passed" : "failed"}`}>{cell.isPassed ? "passed" : "not passed"}</span>
                          </>
                        )}
                      </td>
                    );
                  })}
                  <td>{row.certificate}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
