// Tries to reach the database, the queue, the internet and DNS from inside the sandbox.
const net = require("node:net");
const dns = require("node:dns/promises");

function connect(host, port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve("err:timeout");
    }, 2000);
    socket.once("connect", () => {
      clearTimeout(timer);
      socket.destroy();
      resolve("ok:connected");
    });
    socket.once("error", (error) => {
      clearTimeout(timer);
      resolve(`err:${error.code}`);
    });
  });
}

async function attempt(run) {
  try {
    return `ok:${await run()}`;
  } catch (error) {
    return `err:${error.code ?? error.cause?.code ?? error.message}`;
  }
}

async function main() {
  const results = {
    postgres: await connect("127.0.0.1", 5432),
    redis: await connect("127.0.0.1", 6379),
    internet: await connect("1.1.1.1", 80),
    ipv6: await connect("::1", 5432),
    dns: await attempt(async () => JSON.stringify(await dns.lookup("example.com"))),
    fetch: await attempt(async () => (await fetch("http://127.0.0.1:6379/")).status),
  };
  console.log(JSON.stringify(results));
}

main();
