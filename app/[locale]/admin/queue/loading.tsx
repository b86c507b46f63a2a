export default function QueueLoading() {
  return (
    <p className="muted" aria-busy="true">
      Reading the queue…
    </p>
  );
}
