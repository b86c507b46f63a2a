export default function AdminLoading() {
  return (
    <p className="muted" aria-busy="true">
      Loading…
    </p>
  );
}
