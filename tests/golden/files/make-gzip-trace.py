#!/usr/bin/env python3
"""Writes gzip.pcap: one HTTP/1.1 connection (10.0.0.1 -> 10.0.0.2:80)
with three replies whose bodies are compressed: gzip with Content-Length,
raw deflate sent chunked, and zlib-wrapped deflate. Prints each decoded
body's length and hashes, the values the golden test expects."""
import gzip, hashlib, struct, zlib

def csum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF

def tcp(src, dst, sp, dp, seq, ack, flags, data):
    h = struct.pack("!HHIIBBHHH", sp, dp, seq, ack, 5 << 4, flags, 8192, 0, 0)
    pseudo = bytes(src) + bytes(dst) + struct.pack("!BBH", 0, 6, 20 + len(data))
    h = h[:16] + struct.pack("!H", csum(pseudo + h + data)) + h[18:]
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 40 + len(data), 1, 0x4000, 64, 6, 0,
                     bytes(src), bytes(dst))
    ip = ip[:10] + struct.pack("!H", csum(ip)) + ip[12:]
    return b"\0\1\2\3\4\5\0\1\2\3\4\6\x08\x00" + ip + h + data

C, S, CP = [10, 0, 0, 1], [10, 0, 0, 2], 40001
packets, clock = [], [1400000100.0]

def add(p):
    clock[0] += 0.01
    packets.append((clock[0], p))

text = b"".join(b"line %05d of a page that compresses well\n" % i for i in range(400))
js = b'{"items": [' + b", ".join(b'"%d"' % i for i in range(900)) + b"]}"
css = b"body { color: #333; }\n" * 50
raw = zlib.compressobj(9, zlib.DEFLATED, -15)
deflated = raw.compress(js) + raw.flush()
chunked = b"".join(b"%x\r\n%s\r\n" % (len(deflated[i:i + 500]), deflated[i:i + 500])
                   for i in range(0, len(deflated), 500)) + b"0\r\n\r\n"
gz = gzip.compress(text, mtime=0)
zl = zlib.compress(css)
replies = [
    b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Encoding: gzip\r\n"
    b"Content-Length: %d\r\n\r\n" % len(gz) + gz,
    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: deflate\r\n"
    b"Transfer-Encoding: chunked\r\n\r\n" + chunked,
    b"HTTP/1.1 200 OK\r\nContent-Type: text/css\r\nContent-Encoding: deflate\r\n"
    b"Content-Length: %d\r\n\r\n" % len(zl) + zl,
]

cs, ss = 1001, 5001
add(tcp(C, S, CP, 80, 1000, 0, 2, b""))
add(tcp(S, C, 80, CP, 5000, 1001, 18, b""))
add(tcp(C, S, CP, 80, cs, ss, 16, b""))
for n, reply in enumerate(replies):
    req = b"GET /%d HTTP/1.1\r\nHost: example.com\r\nAccept-Encoding: gzip, deflate\r\n\r\n" % n
    add(tcp(C, S, CP, 80, cs, ss, 24, req))
    cs += len(req)
    for i in range(0, len(reply), 1400):
        seg = reply[i:i + 1400]
        add(tcp(S, C, 80, CP, ss, cs, 24, seg))
        ss += len(seg)
        add(tcp(C, S, CP, 80, cs, ss, 16, b""))
add(tcp(S, C, 80, CP, ss, cs, 17, b""))
add(tcp(C, S, CP, 80, cs, ss + 1, 17, b""))
add(tcp(S, C, 80, CP, ss + 1, cs + 1, 16, b""))

out = struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1)
for ts, p in packets:
    usec = int(round((ts - int(ts)) * 1e6))
    out += struct.pack("<IIII", int(ts), usec, len(p), len(p)) + p
open("gzip.pcap", "wb").write(out)
for body in (text, js, css):
    print(len(body), hashlib.md5(body).hexdigest(), hashlib.sha1(body).hexdigest())
