export default function GradebookLoading() {
  return (
    <p className="muted" aria-busy="true">
      Loading the gradebook…
    </p>
  );
}
