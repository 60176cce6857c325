// The Socket.IO 4 peer of the PPS Hub benchmark: every "m" event a sender emits is broadcast unchanged to every
// connected socket (io.emit), the same fan-out the raw WebSocket peer and the hub's group send do.
// Usage: node --expose-gc server.js PORT   (loopback only; stopped by the harness with SIGTERM)
// POST /gc runs V8's full collection (as the .NET peers' /gc do theirs), so the density scenario reads resident memory
// with only live objects in it.
"use strict";
const http = require("http");
const { Server } = require("socket.io");

const port = Number(process.argv[2] || 0);
const server = http.createServer((req, res) => {
  if (req.url === "/health") { res.writeHead(200); res.end("ok"); return; }
  if (req.url === "/gc" && req.method === "POST" && typeof global.gc === "function") {
    global.gc();
    global.gc();
    res.writeHead(200, { "Content-Type": "application/json" });
    res.end(JSON.stringify({ heapBytes: process.memoryUsage().heapUsed }));
    return;
  }
  res.writeHead(404); res.end();
});
const io = new Server(server, {
  transports: ["websocket"],
  perMessageDeflate: false,
  maxHttpBufferSize: 64 * 1024,
  pingInterval: 25000,
  pingTimeout: 20000,
  serveClient: false,
  cors: { origin: false },
});
io.on("connection", (socket) => {
  socket.on("m", (message) => io.emit("m", message));
});
server.listen(port, "127.0.0.1", () => console.log("listening " + server.address().port));
process.on("SIGTERM", () => { io.close(); server.close(() => process.exit(0)); setTimeout(() => process.exit(0), 2000).unref(); });
