export default function CourseLoading() {
  return (
    <p className="muted" aria-busy="true">
      Loading the course…
    </p>
  );
}
