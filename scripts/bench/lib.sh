# lib.sh: shell helpers shared by the benchmarks (source it; bash).
# shellcheck shell=bash

# bench_private_bin DIR TOOL...: copy the tools from $AX_BIN into DIR and
# print DIR, so a rebuild during a long run cannot swap a binary under it.
bench_private_bin() {
	local dir=$1 t
	shift
	mkdir -p "$dir"
	for t in "$@"; do cp "${AX_BIN:?}/$t" "$dir/$t" || return 1; done
	printf '%s' "$dir"
}

# bench_timed OUT CMD...: run CMD under /usr/bin/time; OUT gets
# "wall_s user_s sys_s maxrss_kb". CMD's stdin, stdout, status pass through.
bench_timed() {
	local out=$1 status=0
	shift
	/usr/bin/time -f "%e %U %S %M" -o "$out" "$@" || status=$?
	# time puts "Command exited with non-zero status N" above the figures.
	if [ "$(wc -l < "$out")" -gt 1 ]; then tail -n 1 "$out" > "$out.last" && mv "$out.last" "$out"; fi
	return "$status"
}

# bench_now: wall clock in seconds, with nanoseconds.
bench_now() { date +%s.%N; }

# bench_each FILE CMD...: run `CMD LINE` once per line of FILE, one process
# each, stdout and stderr discarded; print a JSON object of wall times in
# ms: {"n", "p50", "p95", "max", "cpu_p50", "failed"}; failed counts the
# runs that exited with neither 0 nor 1 (1: no result, a valid answer).
bench_each() {
	local file=$1
	shift
	python3 - "$file" "$@" <<'PY'
import json, resource, subprocess, sys, time
qs = [l.rstrip("\n") for l in open(sys.argv[1]) if l.strip()]
cmd = sys.argv[2:]
wall, cpu, failed = [], [], 0
for q in qs:
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    rc = subprocess.run(cmd + [q], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                        stderr=subprocess.DEVNULL).returncode
    failed += rc not in (0, 1)
    wall.append((time.perf_counter() - t0) * 1000)
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu.append((r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime) * 1000)
def pct(v, p):
    v = sorted(v)
    return round(v[min(len(v) - 1, int(round(p / 100.0 * (len(v) - 1))))], 1) if v else None
print(json.dumps({"n": len(qs), "p50": pct(wall, 50), "p95": pct(wall, 95),
                  "max": round(max(wall), 1) if wall else None, "cpu_p50": pct(cpu, 50),
                  "failed": failed}))
PY
}

# bench_machine: the machine and the moment as a JSON object.
bench_machine() {
	jq -n --arg host "$(hostname)" --arg date "$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
		--argjson nproc "$(nproc)" --arg load "$(cut -d' ' -f1-3 /proc/loadavg)" \
		--arg commit "$(git -C "${AX_ROOT:?}" rev-parse --short HEAD 2>/dev/null || echo unknown)" \
		--arg dirty "$(git -C "$AX_ROOT" status --porcelain 2>/dev/null | grep -c . || true)" \
		--arg cpu "$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)" \
		--argjson mem_kb "$(awk '/^MemTotal/ {print $2}' /proc/meminfo)" \
		'{host: $host, date: $date, nproc: $nproc, cpu: $cpu, mem_kb: $mem_kb,
		  loadavg_start: $load, commit: $commit, dirty_files: ($dirty | tonumber)}'
}
