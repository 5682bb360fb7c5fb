"""A plain HTTP server for the calendar tests: serves the files of a folder with an ETag
(SHA-1 of the bytes) and answers 304 to a matching If-None-Match. GET /_log lists what was
answered ("<status> <path>"), so a test can see that an unchanged calendar cost one 304.
Prints "ready <port>" once listening on 127.0.0.1 (port 0: any free port)."""
import hashlib, http.server, json, os, sys

root = sys.argv[1]
log = []

class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def answer(self, status, body=b"", headers=()):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path == "/_log":
            return self.answer(200, json.dumps(log).encode(), [("Content-Type", "application/json")])
        path = os.path.join(root, os.path.basename(self.path))
        if not os.path.isfile(path):
            log.append(f"404 {self.path}")
            return self.answer(404, b"not found")
        body = open(path, "rb").read()
        etag = '"' + hashlib.sha1(body).hexdigest() + '"'
        if self.headers.get("If-None-Match") == etag:
            log.append(f"304 {self.path}")
            return self.answer(304, headers=[("ETag", etag)])
        log.append(f"200 {self.path}")
        self.answer(200, body, [("Content-Type", "text/calendar"), ("ETag", etag)])

server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(f"ready {server.server_address[1]}", flush=True)
server.serve_forever()
