// Reports progress, echoes its stdin, then quits with its own exit code before finishing.
let input = "";
process.stdin.on("data", (chunk) => {
  input += chunk;
});
process.stdin.on("end", () => {
  console.log(JSON.stringify({ progress: 0.5, input }));
  process.stderr.write("giving up\n");
  process.exit(7);
});
