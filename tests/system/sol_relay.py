"""A lossy UDP relay for the SOL tests: listens on LISTEN_ADDR:PORT and
forwards to BMC_ADDR:PORT (same port: clients compare the SOL port with
the one they talk to), dropping SOL payloads (RMCP+ payload type 1) in a
fixed pattern: every Nth one each way.  Prints the counts on SIGTERM.
Usage: sol_relay.py LISTEN_ADDR BMC_ADDR PORT N"""
import select, signal, socket, sys

listen, bmc, port, every = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
front = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
front.bind((listen, port))
ups = {}  # client address -> socket toward the BMC
count = {"up": 0, "down": 0}
dropped = {"up": 0, "down": 0}

def lossy(way, d):
    if len(d) > 5 and d[4] == 0x06 and (d[5] & 0x3f) == 0x01:
        count[way] += 1
        if count[way] % every == 0:
            dropped[way] += 1
            return True
    return False

def stop(*_):
    print("sol packets up %d (dropped %d), down %d (dropped %d)" %
          (count["up"], dropped["up"], count["down"], dropped["down"]),
          flush=True)
    sys.exit(0)

signal.signal(signal.SIGTERM, stop)
print("ready", flush=True)
while True:
    socks = [front] + list(ups.values())
    r, _, _ = select.select(socks, [], [])
    for s in r:
        if s is front:
            d, a = front.recvfrom(2048)
            if a not in ups:
                u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                u.connect((bmc, port))
                ups[a] = u
            if not lossy("up", d):
                ups[a].send(d)
        else:
            d = s.recv(2048)
            a = [k for k, v in ups.items() if v is s][0]
            if not lossy("down", d):
                front.sendto(d, a)
