import { localize } from "@/lib/courses/localize";
import { listCourses } from "@/lib/courses/list-courses";
import { Link } from "@/lib/i18n/navigation";

export default async function HomePage() {
  const courses = await listCourses();
  return (
    <>
      <h1>Learn machine learning by building models that get graded for real</h1>
      <p className="muted" style={{ maxWidth: "46rem" }}>
        Gradient teaches deep learning with TensorFlow.js. Read the lessons, take the quizzes, then submit model code: a
        sandboxed grader trains it on the lab&apos;s training data and scores it on held-out data your code never sees.
        Pass the course and you earn a signed certificate anyone can verify.
      </p>
      <h2>Courses</h2>
      {courses.length === 0 ? (
        <p className="empty">No course is published yet. Instructors can add one from the instructor workspace.</p>
      ) : (
        <ul className="grid" style={{ listStyle: "none", padding: 0 }}>
          {courses.map((course) => (
            <li key={course.id} className="card">
              <h3 style={{ marginTop: 0 }}>{localize(course.title)}</h3>
              <p>{localize(course.summary)}</p>
              <p className="muted">
                {course._count.lessons} lessons · {course._count.assignments} graded labs
              </p>
              <Link href={`/courses/${course.slug}`}>Open the course</Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
