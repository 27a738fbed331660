// Starts @open-rpc/mock-server for one OpenRPC document on 127.0.0.1, on a port the OS picks.
// Usage: node mock_server.js SPEC.json  ->  prints "ready <port>" on stdout once it listens;
// everything else (the mock's own logging) goes to stderr.
// The mock's CLI listens on every interface, on a port chosen in advance (a race when tests pick
// "free" ports); this builds the same server with the package's own factory and changes only
// where its HTTP transport listens.
"use strict";
const ready = (port) => process.stdout.write(`ready ${port}\n`);
console.log = console.error;
// The package names no "main": its factory is required by path.
const mockServer = require("@open-rpc/mock-server/build/index.js").default;
const { parseOpenRPCDocument } = require("@open-rpc/schema-utils-js");

async function main(path) {
  const document = await parseOpenRPCDocument(path);
  const transport = mockServer(0, document).transports[0];
  transport.server.listen(0, "127.0.0.1", () => ready(transport.server.address().port));
}

main(process.argv[2]).catch((error) => {
  console.error(`cannot serve ${process.argv[2]}: ${error.message.split("\n")[0]}`);
  process.exit(1);
});
