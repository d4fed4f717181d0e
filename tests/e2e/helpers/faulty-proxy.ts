// A tiny HTTP server in front of the sync server that can turn bad on demand: answer 500, or garbage
// instead of JSON. The browser reaches it cross-origin, so it answers CORS itself when it misbehaves.
import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http';

export type ProxyMode = 'pass' | 'error-500' | 'garbage';

export interface FaultyProxy {
  url: string;
  mode: ProxyMode;
  close(): Promise<void>;
}

function cors(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('Access-Control-Allow-Origin', req.headers.origin ?? '*');
  res.setHeader('Access-Control-Allow-Credentials', 'true');
  res.setHeader('Access-Control-Allow-Methods', 'GET, PUT, POST, HEAD, DELETE');
  res.setHeader('Access-Control-Allow-Headers', 'accept, authorization, content-type, origin, referer');
}

/** Listens on 127.0.0.1:`port` and forwards to `target` (an http origin) while the mode is 'pass'. */
export async function startFaultyProxy(port: number, target: string): Promise<FaultyProxy> {
  const to = new URL(target);
  const proxy: FaultyProxy = {
    url: `http://127.0.0.1:${port}`,
    mode: 'pass',
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server: Server = createServer((req, res) => {
    if (proxy.mode !== 'pass') {
      cors(req, res);
      if (req.method === 'OPTIONS') {
        res.writeHead(204).end();
        return;
      }
      if (proxy.mode === 'error-500') {
        res.writeHead(500, { 'Content-Type': 'application/json' });
        res.end('{"error":"internal_server_error","reason":"boom"}');
      } else {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end('<html>not json at all {');
      }
      return;
    }
    const upstream = request(
      {
        host: to.hostname,
        port: to.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: to.host },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return proxy;
}
