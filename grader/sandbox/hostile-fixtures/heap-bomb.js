// Grows the JavaScript heap without bound.
const held = [];
for (;;) held.push(new Array(1024 * 1024).fill(held.length));
