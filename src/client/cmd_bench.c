/*
 * bmcsim bench: a closed-loop load generator.  S simulated consoles, each
 * with its own socket, keep exactly one operation in flight for T seconds:
 * an ASF ping (mode ping, the floor), an authenticated request (mode cmd)
 * or a whole login and logout (mode login).  Every reply is validated by
 * the initiator (integrity, decryption, checksums, sequence window) before
 * it counts.  The per-request path allocates nothing: buffers live in the
 * per-console state, the histogram is fixed-size.
 */

#include <sys/resource.h>

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "asf.h"
#include "client.h"
#include "cmd.h"
#include "ct.h"
#include "cursor.h"
#include "err.h"
#include "hexdump.h"
#include "initiator.h"
#include "ipmi15.h"
#include "latency.h"
#include "names.h"
#include "responder.h"
#include "rmcp.h"
#include "rng.h"
#include "suite.h"
#include "transport.h"
#include "transport_pool.h"

#define BENCH_SESSIONS_MAX 4096
#define BENCH_TICK_MS	   5

enum bench_mode { BENCH_PING, BENCH_CMD, BENCH_LOGIN };

enum bench_phase {
	PHASE_IDLE,
	PHASE_LOGIN,   /* handshake in flight */
	PHASE_REQUEST, /* request in flight */
	PHASE_CLOSE,   /* Close Session in flight */
	PHASE_PING,
	PHASE_DONE
};

struct bench_console {
	struct initiator *in;
	enum bench_phase  phase;
	uint64_t	  op_start; /* the operation being timed */
	uint64_t	  deadline; /* of the current try */
	int		  tries;
	uint8_t		  tag;
	uint8_t		  out[RESPONDER_DATAGRAM_MAX];
	size_t		  outlen;
};

struct bench_errors {
	uint64_t timeouts;     /* gave up after every try */
	uint64_t retransmits;  /* tries after the first */
	uint64_t rejected;     /* replies the initiator refused */
	uint64_t login_failed; /* status or completion code at login */
	uint64_t cc;	       /* non-zero completion codes */
	uint64_t send;	       /* send errors */
	uint64_t local;	       /* initiator errors */
};

struct bench {
	enum bench_mode		mode;
	struct initiator_config cfg;
	struct rng	       *rng;
	struct transport_pool  *pool;
	struct bench_console   *con;
	size_t			n;
	int			timeout_ms;
	int			tries;
	uint8_t			netfn, cmd;
	uint8_t			data[IPMIMSG_DATA_MAX];
	size_t			data_len;
	int			measuring; /* count completions */
	int			stopping;  /* start nothing new */
	uint64_t		ops;
	uint64_t		logins_ready; /* cmd mode set-up */
	struct bench_errors	err;
	struct latency		lat;
	struct initiator_event	ev;
};

static uint64_t
bench_now(void)
{
	return transport_now_ns();
}

static void
bench_arm(struct bench *b, struct bench_console *c, uint64_t now)
{
	c->deadline = now +
	    (uint64_t)b->timeout_ms * (uint64_t)(c->tries + 1) * 1000000u;
}

static void
bench_send(struct bench *b, size_t i, uint64_t now)
{
	struct bench_console *c = &b->con[i];

	if (transport_pool_send(b->pool, i, c->out, c->outlen) != 0)
		b->err.send++;
	bench_arm(b, c, now);
}

static void bench_start(struct bench *, size_t, uint64_t);

/* An operation finished (ok or not): time it and start the next. */
static void
bench_complete(struct bench *b, size_t i, uint64_t now, int ok)
{
	struct bench_console *c = &b->con[i];

	if (ok && b->measuring) {
		b->ops++;
		latency_add(&b->lat, now - c->op_start);
	}
	c->phase = PHASE_IDLE;
	bench_start(b, i, now);
}

static int
bench_new_login(struct bench *b, size_t i, uint64_t now)
{
	struct bench_console *c = &b->con[i];
	int		      rc;

	initiator_free(c->in);
	if ((c->in = initiator_new(&b->cfg, b->rng)) == NULL) {
		b->err.local++;
		return -1;
	}
	if ((rc = initiator_start(c->in, c->out, sizeof(c->out), &c->outlen)) !=
	    0) {
		b->err.local++;
		return -1;
	}
	c->phase = PHASE_LOGIN;
	c->tries = 0;
	bench_send(b, i, now);
	return 0;
}

static void
bench_request(struct bench *b, size_t i, uint64_t now)
{
	struct bench_console *c = &b->con[i];

	if (initiator_request(c->in, b->netfn, b->cmd, b->data, b->data_len,
		c->out, sizeof(c->out), &c->outlen) != 0) {
		b->err.local++;
		c->phase = PHASE_DONE;
		return;
	}
	c->phase = PHASE_REQUEST;
	c->tries = 0;
	bench_send(b, i, now);
}

static void
bench_start(struct bench *b, size_t i, uint64_t now)
{
	struct bench_console *c = &b->con[i];

	if (b->stopping) {
		c->phase = PHASE_DONE;
		return;
	}
	c->op_start = now;
	switch (b->mode) {
	case BENCH_PING:
		c->tag = (uint8_t)((c->tag + 1) % 255);
		asf_encode_ping(RMCP_SEQ_NO_ACK, c->tag, c->out, sizeof(c->out),
		    &c->outlen);
		c->phase = PHASE_PING;
		c->tries = 0;
		bench_send(b, i, now);
		break;
	case BENCH_CMD:
		bench_request(b, i, now);
		break;
	case BENCH_LOGIN:
		if (bench_new_login(b, i, now) != 0)
			c->phase = PHASE_DONE;
		break;
	}
}

static int
bench_is_pong(const uint8_t *p, size_t n, uint8_t tag)
{
	struct rmcp_header h;
	struct asf_msg	   m;
	struct rd	   r;

	rd_init(&r, p, n);
	return rmcp_decode_header(&r, &h) == 0 &&
	    (h.class_byte & RMCP_CLASS_MASK) == RMCP_CLASS_ASF &&
	    asf_decode(&r, &m) == 0 && m.type == ASF_TYPE_PONG && m.tag == tag;
}

static void
bench_recv_cb(void *arg, size_t i, const uint8_t *p, size_t n)
{
	struct bench	     *b = arg;
	struct bench_console *c = &b->con[i];
	uint64_t	      now;
	int		      res;

	switch (c->phase) {
	case PHASE_PING:
		if (!bench_is_pong(p, n, c->tag)) {
			b->err.rejected++;
			return;
		}
		bench_complete(b, i, bench_now(), 1);
		return;
	case PHASE_LOGIN:
	case PHASE_REQUEST:
	case PHASE_CLOSE:
		break;
	default:
		return; /* late duplicates after the end */
	}
	res = initiator_input(
	    c->in, p, n, c->out, sizeof(c->out), &c->outlen, &b->ev);
	now = bench_now();
	if (res == INITIATOR_IGNORED) {
		b->err.rejected++;
		return;
	}
	if (res < 0) {
		b->err.local++;
		c->phase = PHASE_DONE;
		return;
	}
	if (res == INITIATOR_FAILED_RESULT) {
		b->err.login_failed++;
		if (b->mode == BENCH_LOGIN)
			bench_complete(b, i, now, 0);
		else
			c->phase = PHASE_DONE;
		return;
	}
	if (res == INITIATOR_SEND) {
		c->tries = 0;
		bench_send(b, i, now);
		return;
	}
	if (c->phase == PHASE_LOGIN) {
		/* INITIATOR_DONE */
		if (b->mode == BENCH_LOGIN) {
			if (initiator_close(c->in, c->out, sizeof(c->out),
				&c->outlen) != 0) {
				b->err.local++;
				c->phase = PHASE_DONE;
				return;
			}
			c->phase = PHASE_CLOSE;
			c->tries = 0;
			bench_send(b, i, now);
		} else {
			c->phase = PHASE_IDLE;
			b->logins_ready++;
		}
		return;
	}
	/* INITIATOR_RESPONSE */
	if (b->ev.rsp.cc != IPMI_CC_OK)
		b->err.cc++;
	if (c->phase == PHASE_CLOSE && b->mode == BENCH_CMD) {
		c->phase = PHASE_DONE;
		return;
	}
	bench_complete(b, i, now, b->ev.rsp.cc == IPMI_CC_OK);
}

/* Retransmits what timed out; gives up after the last try. */
static void
bench_timeouts(struct bench *b, uint64_t now)
{
	struct bench_console *c;
	size_t		      i;

	for (i = 0; i < b->n; i++) {
		c = &b->con[i];
		if (c->phase == PHASE_IDLE || c->phase == PHASE_DONE ||
		    now < c->deadline)
			continue;
		if (++c->tries >= b->tries) {
			b->err.timeouts++;
			if (c->phase == PHASE_CLOSE && b->mode == BENCH_CMD)
				c->phase = PHASE_DONE;
			else if (c->phase == PHASE_LOGIN &&
			    b->mode == BENCH_CMD)
				c->phase = PHASE_DONE;
			else
				bench_complete(b, i, now, 0);
			continue;
		}
		b->err.retransmits++;
		if (c->phase == PHASE_PING) {
			bench_send(b, i, now);
			continue;
		}
		if (initiator_retransmit(
			c->in, c->out, sizeof(c->out), &c->outlen) != 0) {
			b->err.local++;
			c->phase = PHASE_DONE;
			continue;
		}
		if (transport_pool_send(b->pool, i, c->out, c->outlen) != 0)
			b->err.send++;
		bench_arm(b, c, now);
	}
}

/* Runs the loop until the time given or until nothing is in flight. */
static int
bench_loop(struct bench *b, uint64_t until, int (*done)(struct bench *))
{
	uint64_t now, last_scan = 0;

	for (;;) {
		now = bench_now();
		if (now >= until || (done != NULL && done(b)))
			return 0;
		if (transport_pool_poll(
			b->pool, BENCH_TICK_MS, bench_recv_cb, b) < 0)
			return -1;
		now = bench_now();
		/* Scanning every console costs O(S): only once a tick. */
		if (now - last_scan >= BENCH_TICK_MS * 1000000u) {
			bench_timeouts(b, now);
			last_scan = now;
		}
	}
}

static int
bench_all_logged_in(struct bench *b)
{
	size_t i;

	for (i = 0; i < b->n; i++)
		if (b->con[i].phase == PHASE_LOGIN)
			return 0;
	return 1;
}

static int
bench_all_closed(struct bench *b)
{
	size_t i;

	for (i = 0; i < b->n; i++)
		if (b->con[i].phase == PHASE_CLOSE ||
		    b->con[i].phase == PHASE_LOGIN)
			return 0;
	return 1;
}

/* utime + stime of a process, in seconds, from /proc/PID/stat. */
static int
bench_proc_cpu(long pid, double *sec)
{
	char		   path[64], buf[1024], *p;
	unsigned long long ut, st;
	FILE		  *fp;
	size_t		   n;

	snprintf(path, sizeof(path), "/proc/%ld/stat", pid);
	if ((fp = fopen(path, "r")) == NULL)
		return -1;
	n = fread(buf, 1, sizeof(buf) - 1, fp);
	fclose(fp);
	buf[n] = '\0';
	/* The command name may hold spaces: fields restart after ")". */
	if ((p = strrchr(buf, ')')) == NULL ||
	    sscanf(p + 2,
		"%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &ut,
		&st) != 2)
		return -1;
	*sec = (double)(ut + st) / (double)sysconf(_SC_CLK_TCK);
	return 0;
}

static double
bench_self_cpu(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
	    (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
}

static const char *
bench_mode_name(enum bench_mode m)
{
	return m == BENCH_PING ? "ping" : m == BENCH_CMD ? "cmd" : "login";
}

struct bench_report {
	double	 secs, cpu, server_cpu;
	int	 have_server;
	uint16_t lo, hi;
	int	 suite;
	char	 host[256];
};

static void
bench_print(const struct bench *b, const struct bench_report *r, int json)
{
	double rate = r->secs > 0 ? (double)b->ops / r->secs : 0;
	double us_per = b->ops > 0 ? r->cpu * 1e6 / (double)b->ops : 0;
	double p50 = (double)latency_quantile(&b->lat, 0.50) / 1e3;
	double p99 = (double)latency_quantile(&b->lat, 0.99) / 1e3;
	double p999 = (double)latency_quantile(&b->lat, 0.999) / 1e3;
	double lmax = (double)b->lat.max / 1e3;
	double per_srv = r->have_server && r->server_cpu > 0
	    ? (double)b->ops / r->server_cpu
	    : 0;
	char   proto[48];

	if (b->mode == BENCH_PING)
		snprintf(proto, sizeof(proto), "ASF ping");
	else if (r->suite < 0)
		snprintf(proto, sizeof(proto), "IPMI 1.5 %s",
		    names_authtype(b->cfg.authtype15));
	else
		snprintf(proto, sizeof(proto), "RMCP+ suite %d", r->suite);
	if (json) {
		printf(
		    "{\"mode\":\"%s\",\"protocol\":\"%s\",\"host\":\"%s\","
		    "\"port_lo\":%u,\"port_hi\":%u,\"sessions\":%zu,"
		    "\"seconds\":%.3f,\"ops\":%llu,\"ops_per_s\":%.1f,"
		    "\"latency_us\":{\"p50\":%.1f,\"p99\":%.1f,\"p999\":%.1f,"
		    "\"max\":%.1f},",
		    bench_mode_name(b->mode), proto, r->host, r->lo, r->hi,
		    b->n, r->secs, (unsigned long long)b->ops, rate, p50, p99,
		    p999, lmax);
		printf("\"errors\":{\"timeouts\":%llu,\"retransmits\":%llu,"
		       "\"rejected\":%llu,\"login_failed\":%llu,\"cc\":%llu,"
		       "\"send\":%llu,\"local\":%llu},",
		    (unsigned long long)b->err.timeouts,
		    (unsigned long long)b->err.retransmits,
		    (unsigned long long)b->err.rejected,
		    (unsigned long long)b->err.login_failed,
		    (unsigned long long)b->err.cc,
		    (unsigned long long)b->err.send,
		    (unsigned long long)b->err.local);
		printf("\"client_cpu_s\":%.3f,\"client_cpu_us_per_op\":%.2f",
		    r->cpu, us_per);
		if (r->have_server)
			printf(
			    ",\"server_cpu_s\":%.3f,\"ops_per_server_cpu_s\":"
			    "%.1f",
			    r->server_cpu, per_srv);
		printf("}\n");
		return;
	}
	printf("bench: mode %s, %s, %zu session%s, %s ports %u-%u, %.2f s\n",
	    bench_mode_name(b->mode), proto, b->n, b->n == 1 ? "" : "s",
	    r->host, r->lo, r->hi, r->secs);
	printf("  %-12s: %llu (%.1f/s)\n",
	    b->mode == BENCH_LOGIN ? "logins" : "requests",
	    (unsigned long long)b->ops, rate);
	printf("  latency     : p50 %.1f us, p99 %.1f us, p99.9 %.1f us, max "
	       "%.1f us\n",
	    p50, p99, p999, lmax);
	printf("  errors      : %llu timeouts, %llu retransmits, %llu rejected "
	       "replies, %llu login failures, %llu completion codes, %llu send "
	       "errors, %llu local\n",
	    (unsigned long long)b->err.timeouts,
	    (unsigned long long)b->err.retransmits,
	    (unsigned long long)b->err.rejected,
	    (unsigned long long)b->err.login_failed,
	    (unsigned long long)b->err.cc, (unsigned long long)b->err.send,
	    (unsigned long long)b->err.local);
	printf("  client CPU  : %.3f s (%.2f us per %s)\n", r->cpu, us_per,
	    b->mode == BENCH_LOGIN ? "login" : "request");
	if (r->have_server)
		printf(
		    "  server CPU  : %.3f s (%.1f %s per server CPU-second)\n",
		    r->server_cpu, per_srv,
		    b->mode == BENCH_LOGIN ? "logins" : "requests");
}

static int
bench_ports(const char *s, uint16_t *lo, uint16_t *hi)
{
	unsigned long a, z;
	char	     *end;

	a = strtoul(s, &end, 10);
	z = a;
	if (*end == '-')
		z = strtoul(end + 1, &end, 10);
	if (*end != '\0' || a == 0 || a > 65535 || z < a || z > 65535)
		return -1;
	*lo = (uint16_t)a;
	*hi = (uint16_t)z;
	return 0;
}

static int
bench_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"mode", required_argument, NULL, 'm'},
	    {"sessions", required_argument, NULL, 's'},
	    {"time", required_argument, NULL, 't'},
	    {"netfn", required_argument, NULL, 'n'},
	    {"cmd", required_argument, NULL, 'c'},
	    {"data", required_argument, NULL, 'd'},
	    {"server-pid", required_argument, NULL, 'S'},
	    {"json", no_argument, NULL, 'j'},
	    {NULL, 0, NULL, 0},
	};
	struct client_opts  o;
	struct bench	   *b;
	struct bench_report r;
	double		    secs = 5, cpu0, srv0 = 0, srv1 = 0;
	unsigned long	    v;
	long		    server_pid = 0;
	uint64_t	    t0, t1;
	size_t		    i;
	char		    err[256], *end;
	int		    opt, rc, json = 0, status = CMD_EXIT_ERROR;

	if ((b = calloc(1, sizeof(*b))) == NULL)
		return CMD_EXIT_ERROR;
	memset(&r, 0, sizeof(r));
	client_opts_defaults(&o);
	b->mode = BENCH_CMD;
	b->n = 1;
	b->netfn = IPMI_NETFN_APP;
	b->cmd = 0x01; /* Get Device ID */
	r.lo = r.hi = 623;
	while ((opt = getopt_long(argc, argv,
		    CLIENT_SHORT_OPTS "m:s:t:", longopts, NULL)) != -1) {
		switch (opt) {
		case 'p':
			if (bench_ports(optarg, &r.lo, &r.hi) != 0)
				goto usage;
			continue;
		case 'm':
			if (strcmp(optarg, "cmd") == 0)
				b->mode = BENCH_CMD;
			else if (strcmp(optarg, "login") == 0)
				b->mode = BENCH_LOGIN;
			else if (strcmp(optarg, "ping") == 0)
				b->mode = BENCH_PING;
			else
				goto usage;
			continue;
		case 's':
			v = strtoul(optarg, &end, 10);
			if (*end != '\0' || v == 0 || v > BENCH_SESSIONS_MAX)
				goto usage;
			b->n = v;
			continue;
		case 't':
			secs = strtod(optarg, &end);
			if (*end != '\0' || secs <= 0 || secs > 3600)
				goto usage;
			continue;
		case 'n':
		case 'c':
			v = strtoul(optarg, &end, 0);
			if (*end != '\0' || v > (opt == 'n' ? 0x3fu : 0xffu))
				goto usage;
			if (opt == 'n')
				b->netfn = (uint8_t)v;
			else
				b->cmd = (uint8_t)v;
			continue;
		case 'd':
			if (hexdump_parse(optarg, b->data, sizeof(b->data),
				&b->data_len) != 0)
				goto usage;
			continue;
		case 'S':
			server_pid = strtol(optarg, &end, 10);
			if (*end != '\0' || server_pid <= 0)
				goto usage;
			continue;
		case 'j':
			json = 1;
			continue;
		}
		if ((rc = client_opts_parse(&o, opt, optarg)) < 0)
			goto out;
		if (rc == 0)
			goto usage;
	}
	if (optind != argc)
		goto usage;
	snprintf(r.host, sizeof(r.host), "%s", o.host);
	initiator_config_defaults(&b->cfg);
	if (o.ipmi15) {
		b->cfg.protocol = INITIATOR_IPMI15;
		b->cfg.authtype15 = o.authtype15;
		r.suite = -1;
	} else {
		/* A benchmark states its suite: 17 unless -C says. */
		r.suite = o.suite < 0 ? 17 : o.suite;
		b->cfg.suite_id = (uint8_t)r.suite;
	}
	b->cfg.privilege = o.privilege;
	b->cfg.open_privilege = o.privilege;
	b->cfg.name_len = o.user_len;
	memcpy(b->cfg.name, o.user, o.user_len);
	memcpy(b->cfg.password, o.password, sizeof(b->cfg.password));
	memcpy(b->cfg.kg, o.kg, sizeof(b->cfg.kg));
	b->cfg.kg_set = o.kg_set;
	b->timeout_ms = o.timeout_ms;
	b->tries = o.tries;
	b->rng = o.deterministic ? rng_new_seeded(o.seed) : rng_new_system();
	b->con = calloc(b->n, sizeof(*b->con));
	if (b->rng == NULL || b->con == NULL)
		goto out;
	if ((b->pool = transport_pool_open(
		 o.host, r.lo, r.hi, b->n, err, sizeof(err))) == NULL) {
		fprintf(stderr, "bmcsim bench: %s\n", err);
		goto out;
	}
	latency_init(&b->lat);
	t0 = bench_now();
	/* cmd mode: every console logs in first, outside the measure. */
	if (b->mode == BENCH_CMD) {
		for (i = 0; i < b->n; i++)
			if (bench_new_login(b, i, t0) != 0)
				goto out;
		bench_loop(b, t0 + 30000000000ull, bench_all_logged_in);
		if (b->logins_ready == 0) {
			fprintf(stderr,
			    "bmcsim bench: no console could log "
			    "in (%llu failures, %llu timeouts)\n",
			    (unsigned long long)b->err.login_failed,
			    (unsigned long long)b->err.timeouts);
			goto out;
		}
		memset(&b->err, 0, sizeof(b->err));
	}
	if (server_pid > 0 && bench_proc_cpu(server_pid, &srv0) != 0) {
		fprintf(stderr, "bmcsim bench: cannot read /proc/%ld/stat\n",
		    server_pid);
		goto out;
	}
	cpu0 = bench_self_cpu();
	b->measuring = 1;
	t0 = bench_now();
	for (i = 0; i < b->n; i++)
		if (b->mode != BENCH_CMD || b->con[i].phase == PHASE_IDLE)
			bench_start(b, i, t0);
	bench_loop(b, t0 + (uint64_t)(secs * 1e9), NULL);
	t1 = bench_now();
	r.cpu = bench_self_cpu() - cpu0;
	b->measuring = 0;
	b->stopping = 1;
	if (server_pid > 0 && bench_proc_cpu(server_pid, &srv1) == 0) {
		r.have_server = 1;
		r.server_cpu = srv1 - srv0;
	}
	r.secs = (double)(t1 - t0) / 1e9;
	bench_print(b, &r, json);
	/* Leave no session behind: close what cmd mode opened. */
	if (b->mode == BENCH_CMD) {
		t1 = bench_now();
		bench_loop(b, t1 + 2000000000ull, bench_all_closed);
		for (i = 0; i < b->n; i++) {
			struct bench_console *c = &b->con[i];

			if (c->in == NULL ||
			    initiator_state(c->in) != INITIATOR_ESTABLISHED)
				continue;
			if (initiator_close(c->in, c->out, sizeof(c->out),
				&c->outlen) == 0) {
				c->phase = PHASE_CLOSE;
				c->tries = 0;
				bench_send(b, i, t1);
			}
		}
		bench_loop(b, t1 + 3000000000ull, bench_all_closed);
	}
	status = CMD_EXIT_OK;
	goto out;
usage:
	cmd_usage(&cmd_bench_entry);
out:
	if (b->con != NULL)
		for (i = 0; i < b->n; i++)
			initiator_free(b->con[i].in);
	free(b->con);
	transport_pool_close(b->pool);
	rng_free(b->rng);
	ct_wipe(b, sizeof(*b));
	free(b);
	client_opts_wipe(&o);
	return status;
}

const struct cmd_entry cmd_bench_entry = {
    "bench",
    bench_exec,
    "[SESSION OPTIONS] [-p PORT|LO-HI] [-m cmd|login|ping] [-s SESSIONS] "
    "[-t SECONDS] [--netfn N --cmd C --data HEX] [--server-pid PID] "
    "[--json]",
    "A closed-loop load generator: SESSIONS consoles (1), each with its own\n"
    "UDP socket, keep one operation in flight for SECONDS (5):\n"
    "  cmd    an authenticated request in an open session (default Get\n"
    "         Device ID; --netfn, --cmd, --data for any other); sessions\n"
    "         log in before the measure and close after it\n"
    "  login  a whole login (Get Channel Auth Caps, Open Session, RAKP 1-4,\n"
    "         Set Session Privilege) and Close Session\n"
    "  ping   an ASF presence ping: the floor of the machine\n"
    "Every reply is validated (integrity, decryption, checksums, sequence,\n"
    "completion code); timeouts are retransmitted like the other commands\n"
    "(-N, -R).  Consoles spread over the ports LO-HI (a fleet).  Reports\n"
    "operations per second, latency p50/p99/p99.9, errors by kind, its own\n"
    "CPU time and, with --server-pid, the server's CPU time (utime + stime\n"
    "from /proc/PID/stat) and operations per server CPU-second.  -C\n"
    "defaults to 17 here; -I lan -A TYPE benchmarks IPMI 1.5.\n",
    1,
};
