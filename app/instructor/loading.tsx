export default function InstructorLoading() {
  return <p className="muted" aria-busy="true">Loading the instructor workspace…</p>;
}
