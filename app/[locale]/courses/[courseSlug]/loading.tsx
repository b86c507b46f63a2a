export default function CourseLoading() {
  return (
    <p className="muted" aria-busy="true" role="status">
      Loading… · 正在加载…
    </p>
  );
}
