export default function AttemptLoading() {
  return (
    <p className="muted" aria-busy="true" role="status">
      Loading your attempt… · 正在加载作答…
    </p>
  );
}
