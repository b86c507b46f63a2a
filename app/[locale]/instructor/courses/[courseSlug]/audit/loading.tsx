export default function AuditLoading() {
  return (
    <p className="muted" aria-busy="true">
      Loading the audit log…
    </p>
  );
}
