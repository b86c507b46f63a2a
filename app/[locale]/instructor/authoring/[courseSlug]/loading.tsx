export default function AuthoringLoading() {
  return (
    <p className="muted" aria-busy="true">
      Loading the course editor…
    </p>
  );
}
