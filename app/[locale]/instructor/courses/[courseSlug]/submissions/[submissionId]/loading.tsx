export default function SubmissionLoading() {
  return (
    <p className="muted" aria-busy="true">
      Loading the submission…
    </p>
  );
}
