"""net_client.py: a WebSocket client of the classroom protocol for the shell tests, on the
standard library only (the tests/net_client.h of the C tests, in Python). One Client is one
browser tab: it connects, sends JSON messages, reads the answers; kill() drops the connection
without a goodbye, as a laptop that sleeps or a tab that crashes does."""
import base64, json, os, socket, struct, time


class Client:
    def __init__(self, port, timeout=10):
        self.s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
        key = base64.b64encode(os.urandom(16)).decode()
        self.s.sendall((f"GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n"
                        f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                        f"Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: closedloop.v1\r\n"
                        f"Origin: http://127.0.0.1:{port}\r\n\r\n").encode())
        head = b""
        while b"\r\n\r\n" not in head:
            c = self.s.recv(1)
            if not c:
                raise EOFError("no upgrade")
            head += c
        self.status = head.split(b"\r\n")[0].decode()

    def send(self, m):
        d = json.dumps(dict({"v": 1}, **m)).encode()
        mask = os.urandom(4)
        n = len(d)
        h = bytes([0x81]) + (bytes([0x80 | n]) if n < 126 else bytes([0x80 | 126]) + struct.pack(">H", n))
        self.s.sendall(h + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(d)))

    def _read(self, n):
        b = b""
        while len(b) < n:
            c = self.s.recv(n - len(b))
            if not c:
                raise EOFError("closed")
            b += c
        return b

    def recv(self):
        """The next text message as a dict (other frames are skipped)."""
        while True:
            h = self._read(2)
            n = h[1] & 127
            if n == 126:
                n = struct.unpack(">H", self._read(2))[0]
            elif n == 127:
                n = struct.unpack(">Q", self._read(8))[0]
            body = self._read(n)
            if h[0] & 15 == 1:
                return json.loads(body)
            if h[0] & 15 == 8:
                raise EOFError("closed by the server")

    def ask(self, m):
        """Sends m and returns the answers up to the one that carries its seq (a state pushed in
        between is skipped)."""
        self.send(m)
        got = []
        while True:
            a = self.recv()
            got.append(a)
            if a.get("seq") == m.get("seq") and a.get("type") != "seat":
                return got

    def wait_for(self, kind, seconds=20):
        end = time.time() + seconds
        while time.time() < end:
            a = self.recv()
            if a.get("type") == kind:
                return a
        raise TimeoutError(kind)

    def kill(self):
        """Gone without a close frame: the socket reset under the server."""
        self.s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.s.close()
