export default function LabSubmissionsLoading() {
  return (
    <p className="muted" aria-busy="true">
      Loading the submissions…
    </p>
  );
}
