#include <sys/resource.h>
#include <sys/time.h>

#include <event2/buffer.h>
#include <event2/event.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "daemon.h"
#include "fleet.h"
#include "instance.h"
#include "journal.h"
#include "metrics.h"
#include "names.h"
#include "node.h"
#include "responder.h"

#define METRICS_LAG_PERIOD_MS 100

/* The loop-lag probe: how late a 100 ms timer fires. */
static struct {
	struct event *ev;
	uint64_t      due_us;
	double	      last_s, max_s;
	uint64_t      samples;
} lag;

static uint64_t
now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000 + (uint64_t)ts.tv_nsec / 1000;
}

static void
lag_cb(evutil_socket_t fd, short what, void *arg)
{
	uint64_t t = now_us();

	(void)fd;
	(void)what;
	(void)arg;
	lag.last_s = t > lag.due_us ? (double)(t - lag.due_us) / 1e6 : 0;
	if (lag.last_s > lag.max_s)
		lag.max_s = lag.last_s;
	lag.samples++;
	lag.due_us = t + METRICS_LAG_PERIOD_MS * 1000;
}

static void
lag_start(struct daemon *d)
{
	struct event_base *base = daemon_event_base(d);
	struct timeval	   tv = {0, METRICS_LAG_PERIOD_MS * 1000};

	if (lag.ev != NULL || base == NULL)
		return;
	lag.ev = event_new(base, -1, EV_PERSIST, lag_cb, NULL);
	if (lag.ev == NULL)
		return;
	lag.due_us = now_us() + METRICS_LAG_PERIOD_MS * 1000;
	event_add(lag.ev, &tv);
}

void
metrics_stop(void)
{
	if (lag.ev != NULL)
		event_free(lag.ev);
	memset(&lag, 0, sizeof(lag));
}

/* The counters one BMC (or the sum of all) shows. */
struct metrics_sum {
	struct responder_stats r;
	struct node_stats      n;
	size_t		       bmcs;
};

static void
sum_add(struct metrics_sum *s, struct instance *in)
{
	const struct responder_stats *r = instance_stats(in);
	const struct node_stats	     *n = instance_node_stats(in);
	size_t			      i;

	s->bmcs++;
	s->r.received += r->received;
	s->r.replies += r->replies;
	for (i = 0; i < RESPONDER_DROP_COUNT; i++)
		s->r.drops[i] += r->drops[i];
	s->r.pongs += r->pongs;
	s->r.requests += r->requests;
	s->r.cached_replies += r->cached_replies;
	s->r.handshake_repeats += r->handshake_repeats;
	s->r.sessions_opened += r->sessions_opened;
	s->r.sessions_closed += r->sessions_closed;
	s->r.sessions_expired += r->sessions_expired;
	s->r.login_failures += r->login_failures;
	s->r.lockouts += r->lockouts;
	s->n.queued += n->queued;
	s->n.outbox_full += n->outbox_full;
	s->n.write_short += n->write_short;
	s->n.no_memory += n->no_memory;
}

static void
family(struct evbuffer *o, const char *name, const char *type, const char *help)
{
	evbuffer_add_printf(
	    o, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

/* One sample: name{labels} value, the labels joined by ','. */
static void
sample(struct evbuffer *o, const char *name, const char *l1, const char *l2,
    uint64_t v)
{
	evbuffer_add_printf(o, "%s{%s%s%s} %llu\n", name, l1,
	    l1[0] != '\0' && l2[0] != '\0' ? "," : "", l2,
	    (unsigned long long)v);
}

/* The value of one series of a family for one sum. */
typedef uint64_t metrics_value_fn(const struct metrics_sum *, size_t arg);

static uint64_t
v_in_answered(const struct metrics_sum *s, size_t a)
{
	(void)a;
	return s->r.replies + s->r.pongs;
}

static uint64_t
v_in_dropped(const struct metrics_sum *s, size_t a)
{
	uint64_t n = 0;
	size_t	 i;

	(void)a;
	for (i = 0; i < RESPONDER_DROP_COUNT; i++)
		if (i != RESPONDER_DROP_QUEUE_FULL)
			n += s->r.drops[i];
	return n;
}

static uint64_t
v_out_queued(const struct metrics_sum *s, size_t a)
{
	(void)a;
	return s->n.queued;
}

static uint64_t
v_out_lost(const struct metrics_sum *s, size_t a)
{
	(void)a;
	return s->n.outbox_full + s->n.write_short + s->n.no_memory +
	    s->r.drops[RESPONDER_DROP_QUEUE_FULL];
}

static uint64_t
v_drop(const struct metrics_sum *s, size_t a)
{
	return s->r.drops[a];
}

static uint64_t
v_retries(const struct metrics_sum *s, size_t a)
{
	(void)a;
	return s->r.cached_replies;
}

static uint64_t
v_sessions(const struct metrics_sum *s, size_t a)
{
	uint64_t ended = s->r.sessions_closed + s->r.sessions_expired;

	(void)a;
	return s->r.sessions_opened >= ended ? s->r.sessions_opened - ended : 0;
}

static uint64_t
v_closed(const struct metrics_sum *s, size_t a)
{
	(void)a;
	return s->r.sessions_closed;
}

static uint64_t
v_expired(const struct metrics_sum *s, size_t a)
{
	(void)a;
	return s->r.sessions_expired;
}

static uint64_t
v_login_ok(const struct metrics_sum *s, size_t a)
{
	(void)a;
	return s->r.sessions_opened;
}

static uint64_t
v_login_failed(const struct metrics_sum *s, size_t a)
{
	(void)a;
	return s->r.login_failures;
}

static uint64_t
v_lockouts(const struct metrics_sum *s, size_t a)
{
	(void)a;
	return s->r.lockouts;
}

/* The families summed over BMCs, one series per row. */
static const struct metrics_row {
	const char	 *name;
	const char	 *type; /* NULL: same family as the row before */
	const char	 *help;
	const char	 *label;
	metrics_value_fn *value;
} metrics_rows[] = {
    {"bmcsim_datagrams_in_total", "counter",
	"Datagrams received by the BMCs, by result.", "result=\"answered\"",
	v_in_answered},
    {"bmcsim_datagrams_in_total", NULL, NULL, "result=\"dropped\"",
	v_in_dropped},
    {"bmcsim_datagrams_out_total", "counter",
	"Datagrams the BMCs queued to send, and those lost before the socket.",
	"result=\"queued\"", v_out_queued},
    {"bmcsim_datagrams_out_total", NULL, NULL, "result=\"lost\"", v_out_lost},
    {"bmcsim_drops_total", "counter",
	"Datagrams dropped, by reason (the session checks of IPMI 2.0).", NULL,
	v_drop},
    {"bmcsim_retries_answered_total", "counter",
	"Retransmitted requests answered from the reply cache.", "", v_retries},
    {"bmcsim_sessions", "gauge", "Sessions open now.", "", v_sessions},
    {"bmcsim_sessions_ended_total", "counter", "Sessions ended, by how.",
	"how=\"closed\"", v_closed},
    {"bmcsim_sessions_ended_total", NULL, NULL, "how=\"expired\"", v_expired},
    {"bmcsim_logins_total", "counter", "Logins, by result.", "result=\"ok\"",
	v_login_ok},
    {"bmcsim_logins_total", NULL, NULL, "result=\"failed\"", v_login_failed},
    {"bmcsim_logins_total", NULL, NULL, "result=\"locked_out\"", v_lockouts},
};

/*
 * Every row for the sum of all BMCs and, when one is named, for it alone
 * under a bmc label: a family's samples stay together, as the format asks.
 */
static void
render_sums(struct evbuffer *o, const struct metrics_sum *all,
    const struct metrics_sum *one, const char *bmc)
{
	char   lb[128], l2[64];
	size_t i, k;

	snprintf(lb, sizeof(lb), "bmc=\"%s\"", bmc != NULL ? bmc : "");
	for (i = 0; i < sizeof(metrics_rows) / sizeof(metrics_rows[0]); i++) {
		const struct metrics_row *r = &metrics_rows[i];

		if (r->type != NULL)
			family(o, r->name, r->type, r->help);
		if (r->label != NULL) {
			sample(o, r->name, "", r->label, r->value(all, 0));
			if (one != NULL)
				sample(
				    o, r->name, lb, r->label, r->value(one, 0));
			continue;
		}
		/* Drops: one series per reason. */
		for (k = 0; k < RESPONDER_DROP_COUNT; k++) {
			snprintf(l2, sizeof(l2), "reason=\"%s\"",
			    responder_drop_name((enum responder_drop)k));
			sample(o, r->name, "", l2, r->value(all, k));
			if (one != NULL)
				sample(o, r->name, lb, l2, r->value(one, k));
		}
	}
}

static void
render_journal(struct evbuffer *o, const struct journal *j)
{
	const struct journal_stats *st = journal_stats(j);
	char			    name[64];
	size_t			    i;

	family(o, "bmcsim_requests_total", "counter",
	    "IPMI requests received (after the session checks), by command.");
	for (i = 0; i < st->ncommands; i++)
		evbuffer_add_printf(o,
		    "bmcsim_requests_total{command=\"%s\"} %llu\n",
		    journal_command_name(st->commands[i].netfn,
			st->commands[i].cmd, name, sizeof(name)),
		    (unsigned long long)st->commands[i].count);
	if (st->other_commands > 0)
		evbuffer_add_printf(o,
		    "bmcsim_requests_total{command=\"other\"} %llu\n",
		    (unsigned long long)st->other_commands);
	family(o, "bmcsim_responses_total", "counter",
	    "IPMI responses, by completion code (hex).");
	for (i = 0; i < 256; i++)
		if (st->by_cc[i] > 0)
			evbuffer_add_printf(o,
			    "bmcsim_responses_total{cc=\"%02zx\"} %llu\n", i,
			    (unsigned long long)st->by_cc[i]);
	family(o, "bmcsim_journal_requests_total", "counter",
	    "Requests journaled, by outcome.");
	for (i = 0; i < JOURNAL_OUTCOME_COUNT; i++)
		evbuffer_add_printf(o,
		    "bmcsim_journal_requests_total{outcome=\"%s\"} %llu\n",
		    journal_outcome_name((enum journal_outcome)i),
		    (unsigned long long)st->by_outcome[i]);
	family(
	    o, "bmcsim_journal_entries", "gauge", "Entries the journal holds.");
	evbuffer_add_printf(
	    o, "bmcsim_journal_entries %zu\n", journal_count(j));
	family(
	    o, "bmcsim_journal_size", "gauge", "Entries the journal can hold.");
	evbuffer_add_printf(o, "bmcsim_journal_size %zu\n", journal_size(j));
	family(o, "bmcsim_journal_evictions_total", "counter",
	    "Entries evicted to make room.");
	evbuffer_add_printf(o, "bmcsim_journal_evictions_total %llu\n",
	    (unsigned long long)journal_evicted(j));
}

static void
render_process(struct evbuffer *o)
{
	struct rusage ru;
	struct rlimit rl;
	FILE	     *f;
	unsigned long pages = 0, rss = 0;

	if (getrusage(RUSAGE_SELF, &ru) == 0) {
		family(o, "process_cpu_seconds_total", "counter",
		    "User and system CPU time spent in seconds.");
		evbuffer_add_printf(o, "process_cpu_seconds_total %.6f\n",
		    (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
			(double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6);
	}
	if ((f = fopen("/proc/self/statm", "r")) != NULL) {
		if (fscanf(f, "%lu %lu", &pages, &rss) == 2) {
			family(o, "process_resident_memory_bytes", "gauge",
			    "Resident memory size in bytes.");
			evbuffer_add_printf(o,
			    "process_resident_memory_bytes %llu\n",
			    (unsigned long long)rss *
				(unsigned long long)sysconf(_SC_PAGESIZE));
		}
		fclose(f);
	}
	/*
	 * No process_open_fds: counting /proc/self/fd reads one entry per
	 * socket (10,000 with a fleet), three quarters of a scrape.
	 */
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0) {
		family(o, "process_max_fds", "gauge",
		    "Maximum number of open file descriptors.");
		evbuffer_add_printf(o, "process_max_fds %llu\n",
		    (unsigned long long)rl.rlim_cur);
	}
}

void
metrics_render(struct daemon *d, const char *bmc, struct evbuffer *o)
{
	const struct fleet	     *fl = daemon_fleet(d);
	const struct server_counters *sc = daemon_counters(d);
	struct journal		     *j = daemon_journal(d);
	struct metrics_sum	      s, one;
	struct instance		     *one_in;
	struct fleet_iter	      it;
	void			     *item;

	lag_start(d);
	memset(&s, 0, sizeof(s));
	if (fl != NULL) {
		fleet_iter_init(fl, &it);
		while ((item = fleet_iter_next(&it, NULL, NULL)) != NULL) {
			struct instance *in = daemon_item_bmc(item);

			if (in != NULL)
				sum_add(&s, in);
		}
	}
	family(o, "bmcsim_bmcs", "gauge", "BMCs running.");
	evbuffer_add_printf(o, "bmcsim_bmcs %zu\n", s.bmcs);
	if (bmc != NULL && strpbrk(bmc, "\"\\\n") == NULL &&
	    (one_in = daemon_find_bmc(d, bmc)) != NULL) {
		memset(&one, 0, sizeof(one));
		sum_add(&one, one_in);
	} else
		bmc = NULL;
	render_sums(o, &s, bmc != NULL ? &one : NULL, bmc);
	family(o, "bmcsim_server_errors_total", "counter",
	    "The server's own failures, by kind.");
	evbuffer_add_printf(o,
	    "bmcsim_server_errors_total{kind=\"oversize\"} %llu\n"
	    "bmcsim_server_errors_total{kind=\"recv\"} %llu\n"
	    "bmcsim_server_errors_total{kind=\"send\"} %llu\n"
	    "bmcsim_server_errors_total{kind=\"state_write\"} %llu\n",
	    (unsigned long long)sc->oversize,
	    (unsigned long long)sc->recv_errors,
	    (unsigned long long)sc->send_failures,
	    (unsigned long long)sc->state_write_errors);
	if (j != NULL)
		render_journal(o, j);
	family(o, "bmcsim_event_loop_lag_seconds", "gauge",
	    "How late the last 100 ms probe timer fired.");
	evbuffer_add_printf(
	    o, "bmcsim_event_loop_lag_seconds %.6f\n", lag.last_s);
	family(o, "bmcsim_event_loop_lag_max_seconds", "gauge",
	    "The latest the probe timer has fired since the first scrape.");
	evbuffer_add_printf(
	    o, "bmcsim_event_loop_lag_max_seconds %.6f\n", lag.max_s);
	render_process(o);
}
