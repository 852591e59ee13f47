#!/usr/bin/env python3
"""Redis-side cost of the guarded write script against raw HSETs, same Redis, same run, alternating.

usage: benchmarks/guarded-write-cost.py HOST:PORT [--rows N] [--rounds N] [RedisScripts.cs ...]

Each source file (default: the current online/FeatureStore.Online/Redis/RedisScripts.cs; pass an older one from
`git show REV:PATH > FILE` to compare texts) gives its GuardedWriteMany script. Per round, on a flushed Redis: N new keys
as raw pipelined HSETs, then as EVALSHA calls of 256 rows each (the materializer's call size), pipelined from one
connection. Prints seconds per row for each and the ratio to the raw HSETs of the same round. FLUSHALL: use a throwaway Redis.
"""
import os, re, socket, sys, textwrap, threading, time

ROWS_PER_CALL = 256
DEFAULT_SOURCE = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'online', 'FeatureStore.Online', 'Redis', 'RedisScripts.cs')


def resp(*args):
    out = [b'*%d\r\n' % len(args)]
    for a in args:
        a = a.encode() if isinstance(a, str) else a
        out.append(b'$%d\r\n%s\r\n' % (len(a), a))
    return b''.join(out)


def script_text(source):
    text = open(source, encoding='utf-8').read()
    consts = {m.group(1): textwrap.dedent(m.group(2)) for m in re.finditer(r'private const string (\w+) = """\n(.*?)\n\s*""";', text, re.S)}
    m = re.search(r'GuardedWriteMany = new\(([\w\s+]+?)\+ """\n(.*?)\n\s*"""\);', text, re.S)
    if not m:
        sys.exit(f'{source}: no GuardedWriteMany script found')
    parts = [p.strip() for p in m.group(1).split('+') if p.strip()]
    missing = [p for p in parts if p not in consts]
    if missing:
        sys.exit(f'{source}: GuardedWriteMany uses {", ".join(missing)}, not found as string constants')
    return '\n'.join(consts[p] for p in parts) + '\n' + textwrap.dedent(m.group(2))


class Redis:
    def __init__(self, address):
        host, port = address.rsplit(':', 1)
        self.sock = socket.create_connection((host, int(port)))
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def call(self, *args):
        self.sock.sendall(resp(*args))
        reply = self.sock.recv(1 << 20)
        if reply.startswith(b'-'):
            sys.exit(f'redis: {reply.decode().strip()}')
        return reply

    def pipelined(self, payloads, replies):
        """Sends every payload while a reader takes the replies (each a one-line integer); returns the seconds taken
        and the sum of the integers (rows written)."""
        received = []

        def read():
            need = replies
            while need > 0:
                chunk = self.sock.recv(1 << 20)
                received.append(chunk)
                need -= chunk.count(b'\n')  # one line per reply

        reader = threading.Thread(target=read)
        started = time.perf_counter()
        reader.start()
        for p in payloads:
            self.sock.sendall(p)
        reader.join()
        took = time.perf_counter() - started
        lines = b''.join(received).split(b'\r\n')[:-1]
        bad = next((line for line in lines if not line.startswith(b':')), None)
        if bad is not None:
            sys.exit(f'redis answered {bad[:200]!r} during the run')
        return took, sum(int(line[1:]) for line in lines)


def check(written, rows, name):
    if written != rows:
        sys.exit(f'{name}: {written:,} rows written of {rows:,} new keys')


def main():
    args = sys.argv[1:]
    if not args or args[0].startswith('-'):
        sys.exit(__doc__)
    address, rest = args[0], args[1:]
    options = {'--rows': 1_000_000, '--rounds': 3}
    sources = []
    i = 0
    while i < len(rest):
        if rest[i] in options and i + 1 < len(rest):
            options[rest[i]] = int(rest[i + 1])
            i += 2
        else:
            sources.append(rest[i])
            i += 1
    sources = sources or [DEFAULT_SOURCE]
    rows = options['--rows']
    redis = Redis(address)
    row = os.urandom(8) + b'\x00' + os.urandom(40)  # event ticks, no expiry flag, then value bytes
    keys = [b'fs:bench:{%d}' % i for i in range(rows)]
    hset = [b''.join(resp('HSET', k, 'v1', row) for k in keys[s:s + ROWS_PER_CALL]) for s in range(0, rows, ROWS_PER_CALL)]
    scripts = []
    for source in sources:
        sha = redis.call('SCRIPT', 'LOAD', script_text(source)).split(b'\r\n')[1]
        calls = [resp('EVALSHA', sha, str(len(keys[s:s + ROWS_PER_CALL])), *keys[s:s + ROWS_PER_CALL], 'v1', '0',
                      *([row] * len(keys[s:s + ROWS_PER_CALL]))) for s in range(0, rows, ROWS_PER_CALL)]
        scripts.append((os.path.relpath(source), calls))
    print(f'guarded write script against raw HSET: {rows:,} new keys per run, {ROWS_PER_CALL} rows per script call, '
          f'{options["--rounds"]} alternating rounds, Redis {address}')
    for r in range(options['--rounds']):
        redis.call('FLUSHALL')
        took, written = redis.pipelined(hset, rows)
        check(written, rows, 'raw HSET')
        raw = took / rows
        print(f'round {r + 1}: raw HSET {raw * 1e6:.2f} us/row')
        for name, calls in scripts:
            redis.call('FLUSHALL')
            took, written = redis.pipelined(calls, len(calls))
            check(written, rows, name)
            took /= rows
            print(f'round {r + 1}: {name}: {took * 1e6:.2f} us/row, {took / raw:.2f}x raw HSET')
    redis.call('FLUSHALL')


if __name__ == '__main__':
    main()
