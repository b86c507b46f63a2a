// Writes to stdout and stderr as fast as it can, forever.
const line = `${"x".repeat(1023)}\n`;
for (;;) {
  process.stdout.write(line.repeat(64));
  process.stderr.write(line);
}
