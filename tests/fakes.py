"""Local fake servers for delivery tests and `make load`: an SMTP server (optionally slow) and the
LINE Messaging API (push). Each records what it accepted."""
import json
import socketserver
import threading
import time
from email import message_from_bytes
from email.policy import default as default_policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class _SMTPHandler(socketserver.StreamRequestHandler):
    def _say(self, line):
        self.wfile.write(line.encode() + b"\r\n")
        self.wfile.flush()

    def handle(self):
        server = self.server
        self._say("220 fake-smtp ready")
        while True:
            line = self.rfile.readline()
            if not line:
                return
            cmd = line.decode("utf-8", "replace").strip().upper()
            if cmd.startswith(("EHLO", "HELO")):
                self._say("250-fake-smtp")
                self._say("250 8BITMIME")
            elif cmd.startswith("MAIL FROM"):
                if server.delay:
                    time.sleep(server.delay)  # a slow server: the message is not taken until this is over
                self._say("250 ok")
            elif cmd.startswith("RCPT TO"):
                self._say("250 ok")
            elif cmd == "DATA":
                self._say("354 go ahead")
                data = b""
                while not data.endswith(b"\r\n.\r\n"):
                    chunk = self.rfile.readline()
                    if not chunk:
                        return  # client went away mid-message: nothing accepted
                    data += chunk
                body = data[:-5].replace(b"\r\n..", b"\r\n.")
                with server.lock:
                    server.messages.append(message_from_bytes(body, policy=default_policy))
                self._say("250 accepted")
            elif cmd == "QUIT":
                self._say("221 bye")
                return
            else:
                self._say("250 ok")


class FakeSMTP(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, port, delay=0.0):
        super().__init__(("127.0.0.1", port), _SMTPHandler)
        self.delay, self.messages, self.lock = delay, [], threading.Lock()
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.shutdown()
        self.server_close()

    def message_ids(self):
        with self.lock:
            return [m["Message-ID"] for m in self.messages]


class _LineHandler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_POST(self):
        server = self.server
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
        key = self.headers.get("X-Line-Retry-Key")
        with server.lock:
            repeat = key is not None and key in server.retry_keys
            if not repeat and self.path == "/v2/bot/message/push":
                server.pushes.append({"to": body.get("to"), "text": body["messages"][0]["text"], "key": key,
                                      "auth": self.headers.get("Authorization")})
                if key:
                    server.retry_keys.add(key)
        if repeat:
            self._reply(409, {"message": "The retry key is already accepted"})
        else:
            self._reply(200, {"sentMessages": [{"id": "1", "quoteToken": "q"}]})

    def _reply(self, status, payload):
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


class FakeLine(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, port):
        super().__init__(("127.0.0.1", port), _LineHandler)
        self.pushes, self.retry_keys, self.lock = [], set(), threading.Lock()
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server_address[1]}"

    def stop(self):
        self.shutdown()
        self.server_close()
