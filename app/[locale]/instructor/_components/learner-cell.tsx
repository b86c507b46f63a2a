/** A learner as the instructor's tables name one: the name, the email beneath it. */
export function LearnerCell({ user }: { user: { name: string; email: string } }) {
  return (
    <>
      {user.name}
      <br />
      <span className="muted">{user.email}</span>
    </>
  );
}
