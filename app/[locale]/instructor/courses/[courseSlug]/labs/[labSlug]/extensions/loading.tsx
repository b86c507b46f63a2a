export default function ExtensionsLoading() {
  return (
    <p className="muted" aria-busy="true">
      Loading the extensions…
    </p>
  );
}
