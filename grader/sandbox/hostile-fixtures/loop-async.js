// Yields all the time, so the event loop stays alive forever.
let ticks = 0;
function again() {
  ticks += 1;
  setImmediate(again);
}
again();
setInterval(() => console.log(JSON.stringify({ ticks })), 500);
