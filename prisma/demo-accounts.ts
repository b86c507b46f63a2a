// Demo accounts for trying the platform locally; `npm start` prints them. Change or remove them
// on any deployment that strangers can reach.
export const DEMO_ACCOUNTS = [
  { role: "LEARNER", name: "Lin Learner", email: "learner@gradient.local", password: "learner-demo-pass" },
  { role: "INSTRUCTOR", name: "Ivy Instructor", email: "instructor@gradient.local", password: "instructor-demo-pass" },
  { role: "ADMIN", name: "Ada Admin", email: "admin@gradient.local", password: "admin-demo-pass" },
] as const;
