#!/usr/bin/env python3
"""Resident memory of a server holding N idle keep-alive connections.

Usage: idle-connections-rss.py PID PORT [N]
Opens N connections to 127.0.0.1:PORT, sends one `GET /hello` on each, reads the response,
keeps every connection open, then prints the server's VmRSS before and after (from /proc).
"""
import resource, socket, sys, time

def rss_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS")

def main():
    pid, port = int(sys.argv[1]), int(sys.argv[2])
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 1000
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, max(soft, count + 64)), hard))
    before = rss_kib(pid)
    sockets = []
    for _ in range(count):
        s = socket.create_connection(("127.0.0.1", port))
        s.sendall(b"GET /hello HTTP/1.1\r\nHost: bench\r\n\r\n")
        sockets.append(s)
    answered = 0
    for s in sockets:
        s.settimeout(10)
        data = b""
        while b"\r\n\r\n" not in data or not data.endswith(b"ok"):
            chunk = s.recv(4096)
            if not chunk:
                break
            data += chunk
        answered += data.startswith(b"HTTP/1.1 200")
    time.sleep(1)
    after = rss_kib(pid)
    print(f"connections={count} answered={answered} rss_before={before/1024:.1f}MiB rss_after={after/1024:.1f}MiB")
    for s in sockets:
        s.close()

main()
