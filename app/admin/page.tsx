import type { Metadata } from "next";
import { listUsers } from "@/lib/users/list-users";
import { requirePageRole } from "../_lib/page-guards";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminPage() {
  await requirePageRole("/admin", "ADMIN");
  const users = await listUsers();
  return (
    <>
      <h1>Admin</h1>
      <h2>Users</h2>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Joined</th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr key={user.id}>
                <td>{user.name}</td>
                <td>{user.email}</td>
                <td>{user.role.toLowerCase()}</td>
                <td>{user.createdAt.toISOString().slice(0, 10)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
