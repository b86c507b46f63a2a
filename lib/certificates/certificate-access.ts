// Who may do what with a certificate: the holder owns it; admins, and the course's instructors,
// manage its status and may see it even when the holder made it private.
import type { CurrentUser } from "../auth";
import { canTeachCourse } from "../courses/roles";

export async function canManageCertificates(viewer: CurrentUser | null, courseId: string): Promise<boolean> {
  return viewer !== null && (await canTeachCourse(viewer, courseId));
}

/** Whether the viewer may see the holder's details and download the credential. */
export async function canSeeCertificateDetails(
  viewer: CurrentUser | null,
  certificate: { userId: string; courseId: string; isPublic: boolean },
): Promise<boolean> {
  if (certificate.isPublic || viewer?.id === certificate.userId) return true;
  return canManageCertificates(viewer, certificate.courseId);
}
