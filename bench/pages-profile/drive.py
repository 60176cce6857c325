# Seeds N benchmark members on Lansinghage (POST /benchmark/members), warms each page up, then views each page
# N times one after another and prints the hub's CPU time per view (from /proc/PID/stat) and the wall time.
#   WARM=300 taskset -c 1 python3 bench/pages-profile/drive.py PORT HUB_PID VIEWS [MEMBERS] [/Dashboard,/Boards,/Directory]
import http.client, json, os, sys, time, urllib.request
port, pid, n = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
members = int(sys.argv[4]) if len(sys.argv) > 4 else 1000
paths = sys.argv[5].split(',') if len(sys.argv) > 5 else ['/Dashboard', '/Boards', '/Directory']
warm = int(os.environ.get('WARM', '300'))
tck = os.sysconf('SC_CLK_TCK')

def cpu_ms():
    f = open(f'/proc/{pid}/stat').read().rsplit(')', 1)[1].split()
    return (int(f[11]) + int(f[12])) * 1000 / tck

cache = f'/tmp/pages-profile-members-{port}.json'
if os.path.exists(cache):
    seeded = json.load(open(cache))
else:
    req = urllib.request.Request(f'http://127.0.0.1:{port}/benchmark/members', data=json.dumps({'count': members, 'estateSlug': 'lansinghage'}).encode(),
                                 headers={'Content-Type': 'application/json'})
    seeded = json.load(urllib.request.urlopen(req))
    json.dump(seeded, open(cache, 'w'))
cookies = [m['cookie'] for m in seeded['members']]
conn = http.client.HTTPConnection('127.0.0.1', port)

def get(path, i):
    conn.request('GET', path, headers={'Cookie': 'pps.auth=' + cookies[i % len(cookies)]})
    r = conn.getresponse()
    body = r.read()
    assert r.status == 200, (path, r.status, r.getheader('Location'))
    return len(body)

for p in paths:
    for i in range(warm):
        get(p, i)
for p in paths:
    c0, t0, size = cpu_ms(), time.time(), 0
    for i in range(n):
        size = get(p, i)
    print(f'{p:12s} n={n} hub cpu {(cpu_ms() - c0) / n:6.2f} ms/view  wall {(time.time() - t0) * 1000 / n:6.2f} ms/view  {size} bytes')
