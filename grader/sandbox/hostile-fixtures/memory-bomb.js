// Grabs memory outside V8's heap (so --max-old-space-size cannot stop it) until something does.
const held = [];
for (;;) {
  held.push(Buffer.alloc(32 * 1024 * 1024, 1));
  console.log(JSON.stringify({ heldMiB: held.length * 32 }));
}
