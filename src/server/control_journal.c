/*
 * The control plane's journal resources (src/node/journal.h):
 *   GET    /v1/journal            entries passing a filter (paged)
 *   GET    /v1/journal/count      how many pass
 *   POST   /v1/journal/verify     exactly / at least / at most N, with near
 *                                 misses; "inconclusive" after evictions
 *   GET    /v1/journal/wait       long poll until at least N pass
 *   GET    /v1/journal/stream     NDJSON of entries as they come
 *   GET    /v1/journal/export     NDJSON, or pcap (?format=pcap)
 *   GET    /v1/journal/keylog     the sessions' keys for bmcsim decode
 *   POST   /v1/journal/marks      {"name": ...}: a named mark
 *   DELETE /v1/journal            forget every entry
 *   GET    /metrics               Prometheus text (metrics.c)
 * Filter parameters come from the query string or, for POST, the JSON
 * body (journal_json_filter() names them).
 */
#include <event2/buffer.h>
#include <event2/event.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "control.h"
#include "control_bmc.h"
#include "daemon.h"
#include "instance.h"
#include "journal.h"
#include "journal_json.h"
#include "journal_pcap.h"
#include "metrics.h"

#define CONTROL_JOURNAL_PAGE_DEFAULT 100
#define CONTROL_JOURNAL_PAGE_MAX     10000
#define CONTROL_JOURNAL_WAIT_DEFAULT 10000 /* ms */
#define CONTROL_JOURNAL_WAIT_MAX     600000

/* Parameters: the JSON body's members first, then the query. */
struct params {
	struct control_call *call;
	char		     num[16][24]; /* integers of the body, as text */
	unsigned	     nnum;
};

static const char *
param_get(void *arg, const char *name)
{
	struct params *p = arg;
	json_t	      *body = control_call_body(p->call);
	json_t	      *v;

	if (body != NULL && json_is_object(body) &&
	    (v = json_object_get(body, name)) != NULL) {
		if (json_is_string(v))
			return json_string_value(v);
		if (json_is_integer(v) && p->nnum < 16) {
			char *b = p->num[p->nnum++];

			snprintf(b, sizeof(p->num[0]), "%lld",
			    (long long)json_integer_value(v));
			return b;
		}
		if (json_is_boolean(v))
			return json_is_true(v) ? "1" : "0";
	}
	return control_call_param(p->call, name);
}

static struct journal *
call_journal(struct control_call *c)
{
	struct daemon  *d = control_call_daemon(c);
	struct journal *j = d != NULL ? daemon_journal(d) : NULL;

	if (j == NULL)
		control_call_problem(
		    c, 404, "No journal", "bmcsimd runs with --journal-size 0");
	return j;
}

static int
number(struct control_call *c, struct params *p, const char *name, uint64_t def,
    uint64_t max, uint64_t *out)
{
	const char *s = param_get(p, name);
	char	   *end;

	*out = def;
	if (s == NULL)
		return 0;
	*out = strtoull(s, &end, 10);
	if (*s == '\0' || *s == '-' || *end != '\0' || *out > max) {
		control_call_problem(c, 400, "Bad parameter",
		    "%s %s: a number up to %llu", name, s,
		    (unsigned long long)max);
		return -1;
	}
	return 0;
}

/*
 * selector=k=v,...: the BMCs whose labels (bmcsim.ini(5), labels =) hold
 * each pair.  A BMC deleted since its entry has no labels left to match.
 * p lasts as long as the filter (a kept call's waiter holds both).
 */
static int
selector_accepts(void *arg, const char *bmc)
{
	struct params	*p = arg;
	struct instance *in = daemon_find_bmc(
	    control_call_daemon(p->call), bmc);

	return in != NULL &&
	    control_bmc_selector_match(
		instance_config(in)->labels, param_get(p, "selector"));
}

static int
read_filter(struct control_call *c, struct journal *j, struct params *p,
    struct journal_json_filter *f)
{
	char why[160];

	if (journal_json_filter(f, j, param_get, p, why, sizeof(why)) != 0) {
		control_call_problem(c, 400, "Bad filter", "%s", why);
		return -1;
	}
	if (param_get(p, "selector") != NULL) {
		f->f.bmc_accept = selector_accepts;
		f->f.bmc_accept_arg = p;
	}
	return 0;
}

static json_t *
window_json(const struct journal *j)
{
	return json_pack("{s:I, s:I, s:I, s:I}", "first_seq",
	    (json_int_t)journal_first_seq(j), "next_seq",
	    (json_int_t)journal_next_seq(j), "evicted",
	    (json_int_t)journal_evicted(j), "size",
	    (json_int_t)journal_size(j));
}

/* GET /v1/journal */
static void
journal_list(struct control_call *c)
{
	struct params		    p = {.call = c};
	struct journal_json_filter  f;
	struct journal		   *j = call_journal(c);
	const struct journal_entry *e;
	json_t			   *o, *arr;
	uint64_t		    limit, n = 0;

	if (j == NULL || read_filter(c, j, &p, &f) != 0 ||
	    number(c, &p, "limit", CONTROL_JOURNAL_PAGE_DEFAULT,
		CONTROL_JOURNAL_PAGE_MAX, &limit) != 0)
		return;
	o = window_json(j);
	arr = json_array();
	for (e = journal_next(j, &f.f, 0); e != NULL && n < limit;
	     e = journal_next(j, &f.f, e->seq + 1), n++)
		json_array_append_new(arr, journal_json_entry(e));
	json_object_set_new(o, "entries", arr);
	/* Where the next page starts: from_seq=next. */
	json_object_set_new(o, "more",
	    e != NULL ? json_integer((json_int_t)e->seq) : json_null());
	control_call_reply(c, 200, o);
}

/* GET /v1/journal/count */
static void
journal_count_route(struct control_call *c)
{
	struct params		   p = {.call = c};
	struct journal_json_filter f;
	struct journal		  *j = call_journal(c);
	json_t			  *o;

	if (j == NULL || read_filter(c, j, &p, &f) != 0)
		return;
	o = window_json(j);
	json_object_set_new(o, "count",
	    json_integer((json_int_t)journal_count_matching(j, &f.f)));
	control_call_reply(c, 200, o);
}

static const char *const verdict_names[] = {
    [JOURNAL_VERDICT_OK] = "ok",
    [JOURNAL_VERDICT_FAILED] = "failed",
    [2] = "?",
    [JOURNAL_VERDICT_INCONCLUSIVE] = "inconclusive",
};

static json_t *
seqs_json(const uint64_t *seqs, size_t n, size_t total)
{
	json_t *a = json_array();
	size_t	i;

	for (i = 0; i < n; i++)
		json_array_append_new(a, json_integer((json_int_t)seqs[i]));
	return json_pack("{s:I, s:o}", "count", (json_int_t)total, "seqs", a);
}

/* POST /v1/journal/verify (also GET) */
static void
journal_verify_route(struct control_call *c)
{
	static const struct {
		const char	   *name;
		enum journal_expect expect;
	} kinds[] = {
	    {"exactly", JOURNAL_EXACTLY},
	    {"at_least", JOURNAL_AT_LEAST},
	    {"at_most", JOURNAL_AT_MOST},
	};
	struct params		   p = {.call = c};
	struct journal_json_filter f;
	struct journal_verify	   v;
	struct journal		  *j = call_journal(c);
	json_t			  *o;
	uint64_t		   n = 0;
	size_t			   i, found = 0, which = 0;

	if (j == NULL || read_filter(c, j, &p, &f) != 0)
		return;
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		if (param_get(&p, kinds[i].name) == NULL)
			continue;
		if (number(c, &p, kinds[i].name, 0, UINT32_MAX, &n) != 0)
			return;
		found++;
		which = i;
	}
	if (found != 1) {
		control_call_problem(c, 400, "Bad expectation",
		    "give one of exactly, at_least, at_most");
		return;
	}
	journal_verify(j, &f.f, kinds[which].expect, (size_t)n, &v);
	o = window_json(j);
	json_object_set_new(
	    o, "verdict", json_string(verdict_names[v.verdict]));
	json_object_set_new(o, "expected",
	    json_pack(
		"{s:s, s:I}", "kind", kinds[which].name, "n", (json_int_t)n));
	json_object_set_new(o, "count", json_integer((json_int_t)v.count));
	json_object_set_new(
	    o, "retransmits", json_integer((json_int_t)v.retransmits));
	json_object_set_new(o, "dropped", json_integer((json_int_t)v.dropped));
	json_object_set_new(o, "window_evicted", json_boolean(v.evicted));
	json_object_set_new(o, "near_misses",
	    json_pack("{s:o, s:o}", "other_bmc",
		seqs_json(v.other_bmc_seq, v.n_other_bmc, v.other_bmc),
		"other_data",
		seqs_json(v.other_data_seq, v.n_other_data, v.other_data)));
	control_call_reply(c, 200, o);
}

/* POST /v1/journal/marks */
static void
journal_mark_route(struct control_call *c)
{
	struct params	p = {.call = c};
	struct journal *j = call_journal(c);
	const char     *name;
	uint64_t	seq;

	if (j == NULL)
		return;
	if ((name = param_get(&p, "name")) == NULL || name[0] == '\0' ||
	    strlen(name) >= JOURNAL_NAME_MAX) {
		control_call_problem(c, 400, "Bad mark",
		    "give a name of 1 to %d characters", JOURNAL_NAME_MAX - 1);
		return;
	}
	seq = journal_mark(j, name, 0);
	control_call_reply(c, 201,
	    json_pack("{s:s, s:I}", "name", name, "seq", (json_int_t)seq));
}

/* DELETE /v1/journal */
static void
journal_clear_route(struct control_call *c)
{
	struct journal *j = call_journal(c);

	if (j == NULL)
		return;
	journal_clear(j);
	control_call_reply(c, 200, window_json(j));
}

/* ---- waits and streams: kept calls told of each new entry ---- */

struct waiter {
	struct control_call	  *call;
	struct params		   p;
	struct journal_json_filter f;
	struct journal		  *j;
	struct event		  *timer;
	int			   stream;
	uint64_t		   want; /* wait: at least this many */
	uint64_t		   have;
	struct waiter		  *next;
};

static struct waiter *waiters;

static void
waiter_unlink(struct waiter *w)
{
	struct waiter **pp;

	for (pp = &waiters; *pp != NULL; pp = &(*pp)->next)
		if (*pp == w) {
			*pp = w->next;
			break;
		}
	if (w->timer != NULL)
		event_free(w->timer);
	free(w);
}

static void
wait_answer(struct waiter *w, int satisfied)
{
	json_t *o = window_json(w->j);

	json_object_set_new(o, "satisfied", json_boolean(satisfied));
	json_object_set_new(o, "count", json_integer((json_int_t)w->have));
	control_call_reply(w->call, 200, o);
	waiter_unlink(w);
}

static void
stream_entry(struct waiter *w, const struct journal_entry *e)
{
	json_t *o = journal_json_entry(e);
	char   *text;

	if (o == NULL)
		return;
	text = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	if (text == NULL)
		return;
	control_call_stream_chunk(w->call, text, strlen(text));
	control_call_stream_chunk(w->call, "\n", 1);
	free(text);
}

static void
on_entry(void *arg, const struct journal_entry *e)
{
	struct waiter *w, *next;

	(void)arg;
	for (w = waiters; w != NULL; w = next) {
		next = w->next;
		if (!journal_match(&w->f.f, e))
			continue;
		if (w->stream)
			stream_entry(w, e);
		else if (++w->have >= w->want)
			wait_answer(w, 1);
	}
}

static void
on_gone(void *arg)
{
	waiter_unlink(arg);
}

static void
on_timeout(evutil_socket_t fd, short what, void *arg)
{
	struct waiter *w = arg;

	(void)fd;
	(void)what;
	if (w->stream) {
		control_call_stream_end(w->call);
		waiter_unlink(w);
	} else
		wait_answer(w, 0);
}

static void
journal_wait_common(struct control_call *c, int stream)
{
	struct daemon	  *d = control_call_daemon(c);
	struct journal	  *j = call_journal(c);
	struct waiter	  *w;
	struct event_base *base;
	struct timeval	   tv;
	uint64_t	   timeout;

	if (j == NULL)
		return;
	if ((w = calloc(1, sizeof(*w))) == NULL) {
		control_call_problem(c, 500, "Out of memory", "no waiter");
		return;
	}
	w->call = c;
	w->p.call = c;
	w->j = j;
	w->stream = stream;
	if (read_filter(c, j, &w->p, &w->f) != 0 ||
	    number(c, &w->p, "count", 1, UINT32_MAX, &w->want) != 0 ||
	    number(c, &w->p, "timeout_ms", CONTROL_JOURNAL_WAIT_DEFAULT,
		CONTROL_JOURNAL_WAIT_MAX, &timeout) != 0) {
		free(w);
		return;
	}
	if (!stream) {
		/* What is there already counts: from_seq sets the start. */
		w->have = journal_count_matching(j, &w->f.f);
		if (w->have >= w->want) {
			wait_answer(w, 1);
			return;
		}
	}
	base = daemon_event_base(d);
	if (base == NULL ||
	    (w->timer = evtimer_new(base, on_timeout, w)) == NULL) {
		control_call_problem(c, 500, "Out of memory", "no timer");
		free(w);
		return;
	}
	tv.tv_sec = (time_t)(timeout / 1000);
	tv.tv_usec = (suseconds_t)(timeout % 1000) * 1000;
	evtimer_add(w->timer, &tv);
	w->next = waiters;
	waiters = w;
	journal_set_listener(j, on_entry, NULL);
	control_call_defer(c, on_gone, w);
	if (stream)
		control_call_stream_begin(c, "application/x-ndjson");
}

/* GET /v1/journal/wait?count=N&timeout_ms=T&<filter> */
static void
journal_wait_route(struct control_call *c)
{
	journal_wait_common(c, 0);
}

/* GET /v1/journal/stream?timeout_ms=T&<filter> */
static void
journal_stream_route(struct control_call *c)
{
	journal_wait_common(c, 1);
}

/* RFC 4648 base64 of n bytes: a new JSON string. */
static json_t *
base64_json(const uint8_t *p, size_t n)
{
	static const char a[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	char   *out = malloc((n + 2) / 3 * 4 + 1), *w = out;
	json_t *s;
	size_t	i;

	if (out == NULL)
		return NULL;
	for (i = 0; i + 2 < n; i += 3) {
		uint32_t v = (uint32_t)p[i] << 16 | (uint32_t)p[i + 1] << 8 |
		    p[i + 2];

		*w++ = a[v >> 18];
		*w++ = a[(v >> 12) & 63];
		*w++ = a[(v >> 6) & 63];
		*w++ = a[v & 63];
	}
	if (i < n) {
		uint32_t v = (uint32_t)p[i] << 16 |
		    (i + 1 < n ? (uint32_t)p[i + 1] << 8 : 0);

		*w++ = a[v >> 18];
		*w++ = a[(v >> 12) & 63];
		*w++ = i + 1 < n ? a[(v >> 6) & 63] : '=';
		*w++ = '=';
	}
	*w = '\0';
	s = json_string(out);
	free(out);
	return s;
}

/*
 * ?encoding=json (bmcsim ctl, which reads JSON answers only): the export
 * inside one object, {"entries": [...]} or {"pcap": base64}, with the key
 * log beside it.
 */
static void
journal_export_json(struct control_call *c, struct journal *j,
    const struct journal_filter *f, int pcap)
{
	struct daemon		   *d = control_call_daemon(c);
	const struct journal_entry *e;
	json_t			   *o = window_json(j);
	char			   *keylog;
	size_t			    len;

	if (pcap) {
		uint8_t *buf = journal_pcap_build(j, f,
		    d != NULL ? journal_pcap_bmc_endpoint : NULL, d, &len);

		json_object_set_new(o, "pcap",
		    buf != NULL ? base64_json(buf, len) : json_null());
		free(buf);
	} else {
		json_t *arr = json_array();

		for (e = journal_next(j, f, 0); e != NULL;
		     e = journal_next(j, f, e->seq + 1))
			json_array_append_new(arr, journal_json_entry(e));
		json_object_set_new(o, "entries", arr);
	}
	if ((keylog = journal_pcap_keylog(j, &len)) != NULL) {
		json_object_set_new(o, "keylog", json_stringn(keylog, len));
		free(keylog);
	}
	control_call_reply(c, 200, o);
}

/* GET /v1/journal/export?format=ndjson|pcap&<filter> */
static void
journal_export_route(struct control_call *c)
{
	struct params		    p = {.call = c};
	struct journal_json_filter  f;
	struct journal		   *j = call_journal(c);
	const struct journal_entry *e;
	const char		   *format;
	struct evbuffer		   *out;

	if (j == NULL || read_filter(c, j, &p, &f) != 0)
		return;
	format = param_get(&p, "format");
	if (param_get(&p, "encoding") != NULL &&
	    strcmp(param_get(&p, "encoding"), "json") == 0 &&
	    (format == NULL || strcmp(format, "pcap") == 0 ||
		strcmp(format, "ndjson") == 0)) {
		journal_export_json(
		    c, j, &f.f, format != NULL && strcmp(format, "pcap") == 0);
		return;
	}
	if (format != NULL && strcmp(format, "pcap") == 0) {
		journal_pcap_export_route(c, j, &f.f);
		return;
	}
	if (format != NULL && strcmp(format, "ndjson") != 0) {
		control_call_problem(
		    c, 400, "Bad format", "format %s: ndjson or pcap", format);
		return;
	}
	if ((out = evbuffer_new()) == NULL) {
		control_call_problem(c, 500, "Out of memory", "export");
		return;
	}
	for (e = journal_next(j, &f.f, 0); e != NULL;
	     e = journal_next(j, &f.f, e->seq + 1)) {
		json_t *o = journal_json_entry(e);
		char   *text = o != NULL ? json_dumps(o, JSON_COMPACT) : NULL;

		json_decref(o);
		if (text == NULL)
			continue;
		evbuffer_add(out, text, strlen(text));
		evbuffer_add(out, "\n", 1);
		free(text);
	}
	control_call_reply_text(c, 200, "application/x-ndjson",
	    (const char *)evbuffer_pullup(out, -1), evbuffer_get_length(out));
	evbuffer_free(out);
}

/* GET /metrics[?bmc=NAME] */
static void
metrics_route(struct control_call *c)
{
	struct daemon	*d = control_call_daemon(c);
	struct evbuffer *out;

	if (d == NULL) {
		control_call_problem(c, 404, "No daemon", "no metrics here");
		return;
	}
	if ((out = evbuffer_new()) == NULL) {
		control_call_problem(c, 500, "Out of memory", "metrics");
		return;
	}
	metrics_render(d, control_call_param(c, "bmc"), out);
	control_call_reply_text(c, 200, "text/plain; version=0.0.4",
	    (const char *)evbuffer_pullup(out, -1), evbuffer_get_length(out));
	evbuffer_free(out);
}

const struct control_route control_journal_routes[] = {
    {"GET", "/v1/journal", journal_list},
    {"DELETE", "/v1/journal", journal_clear_route},
    {"GET", "/v1/journal/count", journal_count_route},
    {"GET", "/v1/journal/verify", journal_verify_route},
    {"POST", "/v1/journal/verify", journal_verify_route},
    {"GET", "/v1/journal/wait", journal_wait_route},
    {"POST", "/v1/journal/wait", journal_wait_route},
    {"GET", "/v1/journal/stream", journal_stream_route},
    {"GET", "/v1/journal/export", journal_export_route},
    {"GET", "/v1/journal/keylog", journal_keylog_route},
    {"POST", "/v1/journal/marks", journal_mark_route},
    {"GET", "/metrics", metrics_route},
    {NULL, NULL, NULL},
};
