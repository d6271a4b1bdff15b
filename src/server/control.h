/*
 * The control plane: an HTTP/JSON API on the daemon's own event loop
 * (libevent's evhttp), served on a unix socket (mode 0600, the peer's
 * uid checked) or, when asked, on TCP with a bearer token.  Requests are
 * routed by path segments over route tables that feature modules export
 * (control_bmc.c, control_journal.c, ...); JSON in and out through
 * jansson.  Browser requests (Origin, Sec-Fetch-*) are refused, bodies
 * over 1 MiB get 413, malformed JSON 400, an unknown {bmc} 404, each as
 * application/problem+json (RFC 9457) before any handler runs.
 *
 * The router is fed a method, a target and a body without a socket by
 * control_dispatch(), which the unit tests and the fuzzer use.
 */
#ifndef BMCSIM_CONTROL_SERVER_H
#define BMCSIM_CONTROL_SERVER_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

struct control;	     /* the control plane of one daemon (opaque) */
struct control_call; /* one HTTP request being answered (opaque) */
struct daemon;
struct event_base;
struct instance;

typedef void control_handler_fn(struct control_call *call);

struct control_route {
	const char *method;  /* "GET", "POST", "PUT", "PATCH", "DELETE" */
	const char *pattern; /* "/v1/bmcs/{bmc}/power": {NAME} is a segment */
	control_handler_fn *handler;
};

/*
 * Each feature module exports one table ending with {NULL, NULL, NULL};
 * control.c lists the tables it serves in one array, so adding a feature
 * is one line there.
 */
extern const struct control_route control_core_routes[]; /* control.c */
extern const struct control_route control_bmc_routes[];	 /* control_bmc.c */
extern const struct control_route
    control_journal_routes[]; /* control_journal.c */
extern const struct control_route control_fault_routes[]; /* control_fault.c */
extern const struct control_route control_sol_routes[];	  /* control_sol.c */

/* Largest request body accepted (413 beyond). */
#define CONTROL_BODY_MAX (1024 * 1024)
/* Path segments a route or a request may have. */
#define CONTROL_SEGMENTS_MAX 12

/* ---- for handlers ---- */

/*
 * A {NAME} path segment (URI-decoded), else the query parameter ?name=
 * (decoded), else NULL.
 */
const char *control_call_param(const struct control_call *, const char *name);
/*
 * The BMC named by {bmc}; the router answers 404 problem+json before the
 * handler when it is unknown, so a handler of a {bmc} route gets one.
 */
struct instance *control_call_bmc(const struct control_call *);
/*
 * The parsed JSON body (borrowed), NULL when there is none; malformed
 * JSON never reaches a handler (400).
 */
json_t	       *control_call_body(const struct control_call *);
struct daemon  *control_call_daemon(const struct control_call *);
struct control *control_call_control(const struct control_call *);
/* The method, and the path without the query ("/v1/bmcs/a"). */
const char *control_call_method(const struct control_call *);
const char *control_call_path(const struct control_call *);

/* Answers with body as application/json; steals body; NULL: no body. */
void control_call_reply(struct control_call *, int status, json_t *body);
void control_call_reply_text(struct control_call *, int status,
    const char *content_type, const char *text, size_t len);
/* An application/problem+json answer: {"type","title","status","detail"}. */
void control_call_problem(struct control_call *, int status, const char *title,
    const char *detail_fmt, ...) __attribute__((format(printf, 4, 5)));

/*
 * Long poll and streams: a handler may keep the call and complete it
 * later from a timer or an event; control_call_defer() marks it kept, and
 * the call is freed by the reply (or stream end), or when the peer goes
 * away (on_gone(arg) then runs and the call is freed: do not use it
 * after).  Without a socket (control_dispatch()) a deferred call is kept
 * until answered or until the control plane is freed.
 */
void
control_call_defer(struct control_call *, void (*on_gone)(void *), void *arg);
void control_call_stream_begin(struct control_call *, const char *content_type);
void
control_call_stream_chunk(struct control_call *, const char *text, size_t len);
void control_call_stream_end(struct control_call *);

/* ---- for the daemon ---- */

/* Looks a BMC up by name: the daemon's registry, or a test's. */
typedef struct instance *control_find_fn(void *arg, const char *name);

struct control_config {
	/*
	 * "unix:PATH" or "tcp:ADDR:PORT" (port 0: a free one, logged);
	 * NULL: no listener (control_dispatch() only).
	 */
	const char *listen;
	/*
	 * TCP: the bearer token's file; read if it exists, else a token is
	 * generated into it (mode 0600).  NULL with TCP: "control.token"
	 * beside nothing is guessed, the listener refuses to start.
	 */
	const char *token_file;
	/*
	 * unix: a group (name or number) given the socket (mode 0660, owned
	 * by that group) whose members the peer check also accepts; NULL:
	 * mode 0600, the daemon's user and root only.
	 */
	const char	*group;
	struct daemon	*daemon; /* NULL in tests */
	control_find_fn *find;	 /* NULL: no BMC is found */
	void		*find_arg;
	/* NULL-ended route tables; NULL: the daemon's (control.c's list). */
	const struct control_route *const *tables;
};

/*
 * Starts the control plane on base (NULL only when cfg->listen is NULL):
 * binds the listener, reads or makes the token.  NULL with a sentence in
 * why on failure.
 */
struct control *control_new(struct event_base *base,
    const struct control_config *cfg, char *why, size_t whycap);
/* Closes the listener, drops pending calls (their on_gone runs), frees. */
void control_free(struct control *);

/* /readyz answers 200 once set (every socket bound, state restored). */
void control_set_ready(struct control *, int ready);
int  control_ready(const struct control *);
/* The daemon given in the configuration (NULL in tests). */
struct daemon *control_daemon(const struct control *);
/* Milliseconds since control_new(). */
uint64_t control_uptime_ms(const struct control *);
/*
 * What this build serves, from its route tables, each name once in table
 * order: "/v1/X..." and "/v1/bmcs/{bmc}/X..." give X, the probes
 * (/livez, /readyz, /healthz) "probes", any other "/X" X.  Into out (at
 * most cap names, pointing into static storage): the number written.
 */
size_t
control_capabilities(const struct control *, const char **out, size_t cap);
/* What the listener is bound to ("unix:/run/x.sock", "tcp:127.0.0.1:80"). */
const char *control_endpoint(const struct control *);

/*
 * Without a socket: routes method and target ("/v1/bmcs?limit=2") with
 * body (len bytes, may be NULL) as if received from an authorised peer.
 * Returns the status answered, with the reply's bytes and content type in
 * *text, *len and *ctype when not NULL (valid until the next dispatch or
 * control_free()); 0 if the handler deferred the call.
 */
int control_dispatch(struct control *, const char *method, const char *target,
    const char *body, size_t bodylen, const char **text, size_t *len,
    const char **ctype);

/*
 * Authorization: Bearer check in constant time; 1 if header (may be
 * NULL) carries token, else 0.
 */
int control_bearer_ok(const char *header, const char *token);

#endif
