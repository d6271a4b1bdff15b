/*
 * The control plane's HTTP server: listeners, the checks every request
 * passes (browser headers, peer or token, body size, JSON), the segment
 * router over the feature modules' route tables, and the replies.
 *
 * One evhttp on the daemon's loop, one general callback: evhttp_set_cb()
 * matches exact paths only, and the API's paths carry names
 * (/v1/bmcs/{bmc}/power), so requests are routed here segment by segment.
 */
#include <errno.h>
#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>
#include <event2/http.h>

#include <event2/listener.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/queue.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include <event2/keyvalq_struct.h>
#include <time.h>
#include <unistd.h>

#include "control.h"
#include "ct.h"
#include "log.h"

/* The tables served, one line per feature. */
static const struct control_route *const control_tables[] = {
    control_core_routes,
    control_bmc_routes,
    control_journal_routes,
    control_fault_routes,
    control_sol_routes,
    NULL,
};

struct control {
	struct event_base		  *base;
	struct evhttp			  *http;
	struct evconnlistener		  *listener; /* unix */
	const struct control_route *const *tables;
	struct daemon			  *daemon;
	control_find_fn			  *find;
	void				  *find_arg;
	char				  *unix_path; /* to unlink */
	char				   endpoint[160];
	char				   token[80]; /* TCP only */
	int				   has_group; /* --control-group */
	gid_t				   group;
	int				   tcp;
	int				   ready;
	uint64_t			   started_ms;
	struct control_call		  *pending; /* deferred calls */
	/* control_dispatch()'s last answer */
	int    last_status;
	char  *last_text;
	size_t last_len;
	char   last_ctype[64];
};

struct control_call {
	struct control		   *ctl;
	struct evhttp_request	   *req; /* NULL: control_dispatch() */
	const struct control_route *route;
	char			    method[8];
	char			   *path;  /* without the query */
	char			   *query; /* after '?', or NULL */
	char			   *segs[CONTROL_SEGMENTS_MAX]; /* decoded */
	unsigned		    nsegs;
	struct evkeyvalq	    params; /* decoded query */
	int			    have_params;
	json_t			   *body;
	struct instance		   *bmc;
	int			    answered;
	int			    deferred;
	int			    streaming;
	void (*on_gone)(void *);
	void		    *gone_arg;
	struct control_call *next, **prevp; /* in ctl->pending */
};

static uint64_t
control_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* ---- replies ---- */

static const struct {
	int	    status;
	const char *reason;
} control_reasons[] = {
    {200, "OK"},
    {201, "Created"},
    {202, "Accepted"},
    {204, "No Content"},
    {400, "Bad Request"},
    {401, "Unauthorized"},
    {403, "Forbidden"},
    {404, "Not Found"},
    {405, "Method Not Allowed"},
    {408, "Request Timeout"},
    {409, "Conflict"},
    {413, "Content Too Large"},
    {415, "Unsupported Media Type"},
    {422, "Unprocessable Content"},
    {500, "Internal Server Error"},
    {503, "Service Unavailable"},
    {507, "Insufficient Storage"},
};

static const char *
control_reason(int status)
{
	size_t i;

	for (i = 0; i < sizeof(control_reasons) / sizeof(control_reasons[0]);
	     i++)
		if (control_reasons[i].status == status)
			return control_reasons[i].reason;
	return status < 400 ? "OK" : "Error";
}

static void
call_unlink(struct control_call *c)
{
	if (c->prevp != NULL) {
		*c->prevp = c->next;
		if (c->next != NULL)
			c->next->prevp = c->prevp;
		c->prevp = NULL;
		c->next = NULL;
	}
}

static void
call_free(struct control_call *c)
{
	unsigned i;

	if (c == NULL)
		return;
	call_unlink(c);
	if (c->req != NULL && c->deferred) {
		struct evhttp_connection *con = evhttp_request_get_connection(
		    c->req);

		if (con != NULL)
			evhttp_connection_set_closecb(con, NULL, NULL);
	}
	for (i = 0; i < c->nsegs; i++)
		free(c->segs[i]);
	if (c->have_params)
		evhttp_clear_headers(&c->params);
	json_decref(c->body);
	free(c->path);
	free(c);
}

/* Keeps what control_dispatch() returns. */
static void
capture(struct control *ctl, int status, const char *ctype, const char *text,
    size_t len, int append)
{
	char *p;

	if (!append) {
		free(ctl->last_text);
		ctl->last_text = NULL;
		ctl->last_len = 0;
		ctl->last_status = status;
		snprintf(ctl->last_ctype, sizeof(ctl->last_ctype), "%s",
		    ctype != NULL ? ctype : "");
	}
	p = realloc(ctl->last_text, ctl->last_len + len + 1);
	if (p == NULL)
		return;
	memcpy(p + ctl->last_len, text, len);
	ctl->last_len += len;
	p[ctl->last_len] = '\0';
	ctl->last_text = p;
}

/* Sends; frees the call unless a stream goes on. */
static void
send_reply(struct control_call *c, int status, const char *ctype,
    const char *text, size_t len)
{
	if (c->answered)
		return;
	c->answered = 1;
	if (c->req == NULL) {
		capture(c->ctl, status, ctype, text, len, 0);
	} else {
		struct evbuffer	 *buf = evbuffer_new();
		struct evkeyvalq *h = evhttp_request_get_output_headers(c->req);

		if (ctype != NULL)
			evhttp_add_header(h, "Content-Type", ctype);
		evhttp_add_header(h, "Cache-Control", "no-store");
		if (buf != NULL && len > 0)
			evbuffer_add(buf, text, len);
		evhttp_send_reply(c->req, status, control_reason(status), buf);
		if (buf != NULL)
			evbuffer_free(buf);
	}
	if (c->deferred)
		call_free(c);
}

void
control_call_reply_text(struct control_call *c, int status,
    const char *content_type, const char *text, size_t len)
{
	send_reply(c, status, content_type, text, len);
}

void
control_call_reply(struct control_call *c, int status, json_t *body)
{
	char *text = NULL;

	if (body != NULL)
		text = json_dumps(body, JSON_COMPACT | JSON_ENSURE_ASCII);
	if (body != NULL && text == NULL) {
		json_decref(body);
		control_call_problem(c, 500, "Internal error",
		    "the answer could not be encoded");
		return;
	}
	if (text != NULL) {
		size_t n = strlen(text);

		/* A newline ends the document for line-reading clients. */
		char *t = realloc(text, n + 2);
		if (t != NULL) {
			text = t;
			text[n++] = '\n';
			text[n] = '\0';
		}
		send_reply(c, status, "application/json", text, n);
	} else
		send_reply(c, status, NULL, "", 0);
	free(text);
	json_decref(body);
}

void
control_call_problem(struct control_call *c, int status, const char *title,
    const char *detail_fmt, ...)
{
	char	raw[512], detail[4 * sizeof(raw)];
	char   *text;
	json_t *o;
	va_list ap;

	va_start(ap, detail_fmt);
	vsnprintf(raw, sizeof(raw), detail_fmt, ap);
	va_end(ap);
	/*
	 * A detail may quote what the peer sent, in any bytes: as \xNN it is
	 * always a JSON string (jansson refuses text that is not UTF-8, and
	 * the cut at 512 may split a character).
	 */
	log_escape(detail, sizeof(detail), raw, 0);
	o = json_pack("{s:s, s:s, s:i, s:s}", "type", "about:blank", "title",
	    title, "status", status, "detail", detail);
	text = o != NULL ? json_dumps(o, JSON_COMPACT | JSON_ENSURE_ASCII)
			 : NULL;
	json_decref(o);
	if (text == NULL) {
		send_reply(c, status, "text/plain", title, strlen(title));
		return;
	}
	{
		size_t n = strlen(text);
		char  *t = realloc(text, n + 2);

		if (t != NULL) {
			text = t;
			text[n++] = '\n';
			text[n] = '\0';
		}
		send_reply(c, status, "application/problem+json", text, n);
	}
	free(text);
}

/* ---- deferred calls and streams ---- */

static void
on_peer_gone(struct evhttp_connection *con, void *arg)
{
	struct control_call *c = arg;
	void (*gone)(void *) = c->on_gone;
	void *garg = c->gone_arg;

	(void)con;
	/* evhttp frees the request with the connection. */
	c->req = NULL;
	c->deferred = 0;
	call_free(c);
	if (gone != NULL)
		gone(garg);
}

void
control_call_defer(struct control_call *c, void (*on_gone)(void *), void *arg)
{
	struct control *ctl = c->ctl;

	if (c->deferred || c->answered)
		return;
	c->deferred = 1;
	c->on_gone = on_gone;
	c->gone_arg = arg;
	c->next = ctl->pending;
	if (c->next != NULL)
		c->next->prevp = &c->next;
	c->prevp = &ctl->pending;
	ctl->pending = c;
	if (c->req != NULL) {
		struct evhttp_connection *con = evhttp_request_get_connection(
		    c->req);

		if (con != NULL)
			evhttp_connection_set_closecb(con, on_peer_gone, c);
	}
}

void
control_call_stream_begin(struct control_call *c, const char *content_type)
{
	if (c->answered)
		return;
	if (!c->deferred)
		control_call_defer(c, NULL, NULL);
	c->answered = 1;
	c->streaming = 1;
	if (c->req == NULL) {
		capture(c->ctl, 200, content_type, "", 0, 0);
		return;
	}
	evhttp_add_header(evhttp_request_get_output_headers(c->req),
	    "Content-Type", content_type);
	evhttp_send_reply_start(c->req, 200, "OK");
}

void
control_call_stream_chunk(struct control_call *c, const char *text, size_t len)
{
	struct evbuffer *buf;

	if (!c->streaming || len == 0)
		return;
	if (c->req == NULL) {
		capture(c->ctl, 200, NULL, text, len, 1);
		return;
	}
	buf = evbuffer_new();
	if (buf == NULL)
		return;
	evbuffer_add(buf, text, len);
	evhttp_send_reply_chunk(c->req, buf);
	evbuffer_free(buf);
}

void
control_call_stream_end(struct control_call *c)
{
	if (!c->streaming)
		return;
	if (c->req != NULL)
		evhttp_send_reply_end(c->req);
	call_free(c);
}

/* ---- accessors ---- */

const char *
control_call_param(const struct control_call *c, const char *name)
{
	const struct control_route *r = c->route;
	const char		   *p;
	unsigned		    i = 0;
	size_t			    n = strlen(name);

	if (r != NULL) {
		/* The pattern's segments line up with the request's. */
		for (p = r->pattern; *p != '\0' && i < c->nsegs; i++) {
			const char *end;

			p++; /* '/' */
			end = strchr(p, '/');
			if (end == NULL)
				end = p + strlen(p);
			if (*p == '{' && (size_t)(end - p) == n + 2 &&
			    strncmp(p + 1, name, n) == 0)
				return c->segs[i];
			p = end;
		}
	}
	if (c->have_params)
		return evhttp_find_header(&c->params, name);
	return NULL;
}

struct instance *
control_call_bmc(const struct control_call *c)
{
	return c->bmc;
}

json_t *
control_call_body(const struct control_call *c)
{
	return c->body;
}

struct daemon *
control_call_daemon(const struct control_call *c)
{
	return c->ctl->daemon;
}

struct control *
control_call_control(const struct control_call *c)
{
	return c->ctl;
}

const char *
control_call_method(const struct control_call *c)
{
	return c->method;
}

const char *
control_call_path(const struct control_call *c)
{
	return c->path;
}

/* ---- routing ---- */

/*
 * Splits c->path into decoded segments.  0, or -1 for a path the API
 * cannot have (too many segments, an encoded NUL or '/', "." or "..").
 */
static int
split_path(struct control_call *c)
{
	char *p = c->path;

	if (*p != '/')
		return -1;
	if (p[1] == '\0')
		return 0; /* "/": no segment */
	while (*p == '/') {
		char  *end = strchr(p + 1, '/');
		char  *dec;
		size_t n, declen;

		if (c->nsegs == CONTROL_SEGMENTS_MAX)
			return -1;
		n = end != NULL ? (size_t)(end - p - 1) : strlen(p + 1);
		if (end != NULL)
			*end = '\0';
		dec = evhttp_uridecode(p + 1, 0, &declen);
		if (end != NULL)
			*end = '/';
		if (dec == NULL)
			return -1;
		c->segs[c->nsegs++] = dec;
		if (declen != strlen(dec) || strchr(dec, '/') != NULL ||
		    strcmp(dec, ".") == 0 || strcmp(dec, "..") == 0)
			return -1;
		/* "/v1/bmcs/" is "/v1/bmcs": a trailing slash is no segment. */
		if (n == 0 && end == NULL) {
			free(c->segs[--c->nsegs]);
			break;
		}
		if (n == 0)
			return -1;
		if (end == NULL)
			break;
		p = end;
	}
	return 0;
}

/* 1 if route's pattern matches the request's segments. */
static int
route_matches(const struct control_route *r, const struct control_call *c)
{
	const char *p = r->pattern;
	unsigned    i = 0;

	if (strcmp(p, "/") == 0)
		return c->nsegs == 0;
	while (*p == '/') {
		const char *end = strchr(p + 1, '/');
		size_t n = end != NULL ? (size_t)(end - p - 1) : strlen(p + 1);

		if (i == c->nsegs)
			return 0;
		if (!(p[1] == '{' && p[n] == '}') &&
		    (strlen(c->segs[i]) != n ||
			strncmp(p + 1, c->segs[i], n) != 0))
			return 0;
		i++;
		if (end == NULL)
			break;
		p = end;
	}
	return i == c->nsegs;
}

/*
 * The route for the request, or NULL with *path_known set when a route
 * has the path under another method (405, not 404).
 */
static const struct control_route *
find_route(struct control *ctl, const struct control_call *c, int *path_known)
{
	const struct control_route *const *t;
	const struct control_route	  *r;

	*path_known = 0;
	for (t = ctl->tables; *t != NULL; t++)
		for (r = *t; r->method != NULL; r++) {
			if (!route_matches(r, c))
				continue;
			if (strcmp(r->method, c->method) == 0)
				return r;
			*path_known = 1;
		}
	return NULL;
}

/*
 * Everything after the checks of the transport: the target split and
 * decoded, the body parsed, the route found, the BMC looked up.  The call
 * is answered or deferred on return.
 */
static void
route_call(struct control_call *c, const char *target, const char *body,
    size_t bodylen)
{
	struct control *ctl = c->ctl;
	const char     *q;
	json_error_t	jerr;
	int		known;

	q = strchr(target, '?');
	c->path = q != NULL ? strndup(target, (size_t)(q - target))
			    : strdup(target);
	if (c->path == NULL) {
		control_call_problem(c, 500, "Out of memory", "try again");
		return;
	}
	if (q != NULL) {
		TAILQ_INIT(&c->params);
		c->have_params = 1;
		if (evhttp_parse_query_str(q + 1, &c->params) != 0) {
			control_call_problem(c, 400, "Bad query",
			    "the query string cannot be decoded");
			return;
		}
	}
	if (split_path(c) != 0) {
		control_call_problem(
		    c, 400, "Bad path", "the path cannot be decoded");
		return;
	}
	if (bodylen > CONTROL_BODY_MAX) {
		control_call_problem(c, 413, "Body too large",
		    "a request body is at most %d bytes", CONTROL_BODY_MAX);
		return;
	}
	c->route = find_route(ctl, c, &known);
	if (c->route == NULL) {
		if (known)
			control_call_problem(c, 405, "Method not allowed",
			    "%s is not served on %s", c->method, c->path);
		else
			control_call_problem(
			    c, 404, "Not found", "no resource at %s", c->path);
		return;
	}
	if (bodylen > 0) {
		/* Bodies are parsed whole; a lone NUL ends nothing. */
		c->body = json_loadb(
		    body, bodylen, JSON_REJECT_DUPLICATES, &jerr);
		if (c->body == NULL) {
			control_call_problem(c, 400, "Malformed JSON",
			    "%s at line %d, column %d", jerr.text, jerr.line,
			    jerr.column);
			return;
		}
	}
	if (control_call_param(c, "bmc") != NULL &&
	    strstr(c->route->pattern, "{bmc}") != NULL) {
		const char *name = control_call_param(c, "bmc");

		c->bmc = ctl->find != NULL ? ctl->find(ctl->find_arg, name)
					   : NULL;
		if (c->bmc == NULL) {
			control_call_problem(c, 404, "Unknown BMC",
			    "no BMC is named \"%s\"", name);
			return;
		}
	}
	c->route->handler(c);
	if (!c->answered && !c->deferred)
		control_call_problem(
		    c, 500, "Internal error", "the handler gave no answer");
}

int
control_dispatch(struct control *ctl, const char *method, const char *target,
    const char *body, size_t bodylen, const char **text, size_t *len,
    const char **ctype)
{
	struct control_call *c = calloc(1, sizeof(*c));
	int		     status;

	if (c == NULL)
		return 500;
	c->ctl = ctl;
	ctl->last_status = 0;
	snprintf(c->method, sizeof(c->method), "%s", method);
	route_call(c, target, body, bodylen);
	status = c->answered ? ctl->last_status : 0;
	if (!c->deferred)
		call_free(c);
	if (text != NULL)
		*text = ctl->last_text != NULL ? ctl->last_text : "";
	if (len != NULL)
		*len = ctl->last_len;
	if (ctype != NULL)
		*ctype = ctl->last_ctype;
	return status;
}

/* ---- the transport's checks ---- */

int
control_bearer_ok(const char *header, const char *token)
{
	static const char scheme[] = "Bearer ";
	size_t		  n, t;

	if (header == NULL || token == NULL || token[0] == '\0')
		return 0;
	if (strncasecmp(header, scheme, sizeof(scheme) - 1) != 0)
		return 0;
	header += sizeof(scheme) - 1;
	n = strlen(header);
	t = strlen(token);
	/* The length is no secret; the bytes are compared in constant time. */
	return n == t && ct_memeq(header, token, t);
}

/* A browser sends these; no script of ours does (DNS rebinding, CSRF). */
static int
from_browser(struct evkeyvalq *h)
{
	struct evkeyval *kv;

	TAILQ_FOREACH(kv, h, next)
	{
		if (strcasecmp(kv->key, "Origin") == 0 ||
		    strncasecmp(kv->key, "Sec-Fetch-", 10) == 0)
			return 1;
	}
	return 0;
}

/*
 * 1 if uid is in group gid as a supplementary group.  The kernel already
 * checked it on connect (the socket is 0660 and the group's); looked up
 * again so that a descriptor handed to another user does not pass.
 */
static int
uid_in_group(uid_t uid, gid_t gid)
{
	struct passwd *pw = getpwuid(uid);
	gid_t	       groups[256];
	int	       n = (int)(sizeof(groups) / sizeof(groups[0])), i;

	if (pw == NULL)
		return 0;
	if (pw->pw_gid == gid)
		return 1;
	if (getgrouplist(pw->pw_name, pw->pw_gid, groups, &n) < 0)
		return 0;
	for (i = 0; i < n; i++)
		if (groups[i] == gid)
			return 1;
	return 0;
}

/*
 * A unix socket peer must be us or root (SO_PEERCRED), or with
 * --control-group a member of that group.
 */
static int
peer_allowed(struct control *ctl, struct evhttp_request *req)
{
	struct evhttp_connection *con = evhttp_request_get_connection(req);
	struct bufferevent	 *bev;
	struct ucred		  cred;
	socklen_t		  len = sizeof(cred);
	evutil_socket_t		  fd;

	if (con == NULL ||
	    (bev = evhttp_connection_get_bufferevent(con)) == NULL)
		return 0;
	fd = bufferevent_getfd(bev);
	if (fd < 0 || getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) != 0)
		return 0;
	if (cred.uid == 0 || cred.uid == geteuid())
		return 1;
	return ctl->has_group &&
	    (cred.gid == ctl->group || uid_in_group(cred.uid, ctl->group));
}

static const struct {
	enum evhttp_cmd_type cmd;
	const char	    *name;
} control_methods[] = {
    {EVHTTP_REQ_GET, "GET"},
    {EVHTTP_REQ_POST, "POST"},
    {EVHTTP_REQ_PUT, "PUT"},
    {EVHTTP_REQ_PATCH, "PATCH"},
    {EVHTTP_REQ_DELETE, "DELETE"},
    {EVHTTP_REQ_HEAD, "HEAD"},
};

static void
on_request(struct evhttp_request *req, void *arg)
{
	struct control	    *ctl = arg;
	struct control_call *c = calloc(1, sizeof(*c));
	struct evkeyvalq    *h = evhttp_request_get_input_headers(req);
	struct evbuffer	    *in = evhttp_request_get_input_buffer(req);
	enum evhttp_cmd_type cmd = evhttp_request_get_command(req);
	char		    *body = NULL;
	size_t		     i, len;

	if (c == NULL) {
		evhttp_send_error(req, 500, "Out of memory");
		return;
	}
	c->ctl = ctl;
	c->req = req;
	snprintf(c->method, sizeof(c->method), "?");
	for (i = 0; i < sizeof(control_methods) / sizeof(control_methods[0]);
	     i++)
		if (control_methods[i].cmd == cmd)
			snprintf(c->method, sizeof(c->method), "%s",
			    control_methods[i].name);
	if (from_browser(h)) {
		control_call_problem(c, 403, "Forbidden",
		    "requests from browsers (Origin, Sec-Fetch-*) are refused");
		goto out;
	}
	if (ctl->tcp ? !control_bearer_ok(
			   evhttp_find_header(h, "Authorization"), ctl->token)
		     : !peer_allowed(ctl, req)) {
		if (ctl->tcp)
			evhttp_add_header(
			    evhttp_request_get_output_headers(req),
			    "WWW-Authenticate", "Bearer");
		control_call_problem(c, ctl->tcp ? 401 : 403,
		    ctl->tcp ? "Unauthorized" : "Forbidden",
		    ctl->tcp ? "an Authorization: Bearer token is required"
			     : "only the daemon's user or root may connect");
		goto out;
	}
	len = evbuffer_get_length(in);
	if (len > CONTROL_BODY_MAX) {
		control_call_problem(c, 413, "Body too large",
		    "a request body is at most %d bytes", CONTROL_BODY_MAX);
		goto out;
	}
	if (len > 0) {
		body = malloc(len);
		if (body == NULL) {
			control_call_problem(c, 500, "Out of memory", "retry");
			goto out;
		}
		evbuffer_remove(in, body, len);
	}
	route_call(c, evhttp_request_get_uri(req), body, len);
out:
	free(body);
	if (!c->deferred)
		call_free(c);
}

/* ---- listeners ---- */

/* Reads the token, or makes one into a new 0600 file. */
static int
load_token(struct control *ctl, const char *file, char *why, size_t whycap)
{
	uint8_t raw[32];
	char	buf[128];
	ssize_t n;
	size_t	i;
	int	fd;

	fd = open(file, O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		n = read(fd, buf, sizeof(buf) - 1);
		close(fd);
		if (n < 0) {
			snprintf(why, whycap, "--control-token-file %s: %s",
			    file, strerror(errno));
			return -1;
		}
		buf[n] = '\0';
		buf[strcspn(buf, "\r\n \t")] = '\0';
		if (strlen(buf) < 16 || strlen(buf) >= sizeof(ctl->token)) {
			snprintf(why, whycap,
			    "--control-token-file %s: the token must be 16 to "
			    "%zu characters on the first line",
			    file, sizeof(ctl->token) - 1);
			ct_wipe(buf, sizeof(buf));
			return -1;
		}
		/* Its length was checked against the token's room above. */
		memcpy(ctl->token, buf, strlen(buf) + 1);
		ct_wipe(buf, sizeof(buf));
		return 0;
	}
	if (errno != ENOENT) {
		snprintf(why, whycap, "--control-token-file %s: %s", file,
		    strerror(errno));
		return -1;
	}
	if (getrandom(raw, sizeof(raw), 0) != (ssize_t)sizeof(raw)) {
		snprintf(
		    why, whycap, "cannot make a token: %s", strerror(errno));
		return -1;
	}
	for (i = 0; i < sizeof(raw); i++)
		snprintf(ctl->token + 2 * i, 3, "%02x", raw[i]);
	ct_wipe(raw, sizeof(raw));
	fd = open(file, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0) {
		snprintf(why, whycap,
		    "--control-token-file %s: cannot create "
		    "it: %s",
		    file, strerror(errno));
		return -1;
	}
	snprintf(buf, sizeof(buf), "%s\n", ctl->token);
	n = write(fd, buf, strlen(buf));
	ct_wipe(buf, sizeof(buf));
	if (close(fd) != 0 || n != (ssize_t)(2 * sizeof(raw) + 1)) {
		snprintf(why, whycap,
		    "--control-token-file %s: cannot write "
		    "it",
		    file);
		return -1;
	}
	log_info("control: a new token is in %s", file);
	return 0;
}

/* A group name, or a number: 0 and *gid, or -1. */
static int
control_group_parse(const char *s, gid_t *gid)
{
	struct group *gr = getgrnam(s);
	char	     *end;
	unsigned long v;

	if (gr != NULL) {
		*gid = gr->gr_gid;
		return 0;
	}
	v = strtoul(s, &end, 10);
	if (*s == '\0' || *end != '\0' || v > 0x7fffffffUL)
		return -1;
	*gid = (gid_t)v;
	return 0;
}

static int
bind_unix(struct control *ctl, const char *path, char *why, size_t whycap)
{
	struct sockaddr_un sun;
	struct stat	   st;
	mode_t		   old;
	int		   fd;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(sun.sun_path)) {
		snprintf(why, whycap,
		    "--control unix:%s: the path is longer than %zu bytes",
		    path, sizeof(sun.sun_path) - 1);
		return -1;
	}
	memcpy(sun.sun_path, path, strlen(path));
	/* A socket left by a run that crashed; never another kind of file. */
	if (lstat(path, &st) == 0) {
		if (!S_ISSOCK(st.st_mode)) {
			snprintf(why, whycap,
			    "--control unix:%s: exists and is not a socket",
			    path);
			return -1;
		}
		unlink(path);
	}
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		snprintf(why, whycap, "control socket: %s", strerror(errno));
		return -1;
	}
	/* 0600 from the start: no window where another user connects. */
	old = umask(0177);
	if (bind(fd, (struct sockaddr *)&sun, sizeof(sun)) != 0) {
		umask(old);
		snprintf(why, whycap, "--control unix:%s: cannot bind: %s",
		    path, strerror(errno));
		close(fd);
		return -1;
	}
	umask(old);
	/* Bound 0600 first, then opened to the group only: no window. */
	if (ctl->has_group &&
	    (chown(path, (uid_t)-1, ctl->group) != 0 ||
		chmod(path, 0660) != 0)) {
		snprintf(why, whycap,
		    "--control-group: cannot give %s to group %u: %s", path,
		    (unsigned)ctl->group, strerror(errno));
		close(fd);
		unlink(path);
		return -1;
	}
	if (listen(fd, 64) != 0) {
		snprintf(why, whycap, "--control unix:%s: cannot listen: %s",
		    path, strerror(errno));
		close(fd);
		unlink(path);
		return -1;
	}
	ctl->listener = evconnlistener_new(ctl->base, NULL, NULL,
	    LEV_OPT_CLOSE_ON_FREE | LEV_OPT_CLOSE_ON_EXEC, -1, fd);
	if (ctl->listener == NULL) {
		close(fd);
		unlink(path);
		snprintf(why, whycap, "control socket: out of memory");
		return -1;
	}
	ctl->unix_path = strdup(path);
	if (ctl->unix_path == NULL ||
	    evhttp_bind_listener(ctl->http, ctl->listener) == NULL) {
		snprintf(why, whycap, "control socket: out of memory");
		return -1;
	}
	snprintf(ctl->endpoint, sizeof(ctl->endpoint), "unix:%s", path);
	return 0;
}

static int
bind_tcp(struct control *ctl, const char *spec, const char *token_file,
    char *why, size_t whycap)
{
	struct evhttp_bound_socket *bs;
	struct sockaddr_storage	    ss;
	socklen_t		    sl = sizeof(ss);
	char			    host[64];
	const char		   *colon;
	unsigned long		    port;
	char			   *end;
	uint16_t		    bound = 0;

	colon = strrchr(spec, ':');
	if (colon == NULL || colon == spec ||
	    (size_t)(colon - spec) >= sizeof(host)) {
		snprintf(
		    why, whycap, "--control tcp:%s: want tcp:ADDR:PORT", spec);
		return -1;
	}
	memcpy(host, spec, (size_t)(colon - spec));
	host[colon - spec] = '\0';
	/* [::1]:8623 */
	if (host[0] == '[' && host[strlen(host) - 1] == ']') {
		memmove(host, host + 1, strlen(host));
		host[strlen(host) - 1] = '\0';
	}
	errno = 0;
	port = strtoul(colon + 1, &end, 10);
	if (*end != '\0' || colon[1] == '\0' || port > 65535) {
		snprintf(why, whycap, "--control tcp:%s: bad port", spec);
		return -1;
	}
	if (token_file == NULL) {
		snprintf(why, whycap,
		    "--control tcp:%s needs "
		    "--control-token-file FILE (read, or "
		    "made when absent)",
		    spec);
		return -1;
	}
	if (load_token(ctl, token_file, why, whycap) != 0)
		return -1;
	bs = evhttp_bind_socket_with_handle(ctl->http, host, (uint16_t)port);
	if (bs == NULL) {
		snprintf(why, whycap, "--control tcp:%s: cannot bind: %s", spec,
		    strerror(errno));
		return -1;
	}
	if (getsockname(evhttp_bound_socket_get_fd(bs), (struct sockaddr *)&ss,
		&sl) == 0) {
		if (ss.ss_family == AF_INET)
			bound = ntohs(((struct sockaddr_in *)&ss)->sin_port);
		else if (ss.ss_family == AF_INET6)
			bound = ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
	}
	ctl->tcp = 1;
	snprintf(ctl->endpoint, sizeof(ctl->endpoint),
	    strchr(host, ':') != NULL ? "tcp:[%s]:%u" : "tcp:%s:%u", host,
	    (unsigned)bound);
	return 0;
}

struct control *
control_new(struct event_base *base, const struct control_config *cfg,
    char *why, size_t whycap)
{
	struct control *ctl = calloc(1, sizeof(*ctl));
	int		rc = 0;

	if (ctl == NULL) {
		snprintf(why, whycap, "out of memory");
		return NULL;
	}
	ctl->base = base;
	ctl->daemon = cfg->daemon;
	ctl->find = cfg->find;
	ctl->find_arg = cfg->find_arg;
	ctl->tables = cfg->tables != NULL ? cfg->tables : control_tables;
	ctl->started_ms = control_now_ms();
	if (cfg->listen == NULL)
		return ctl;
	ctl->http = evhttp_new(base);
	if (ctl->http == NULL) {
		snprintf(why, whycap, "out of memory");
		control_free(ctl);
		return NULL;
	}
	evhttp_set_gencb(ctl->http, on_request, ctl);
	evhttp_set_allowed_methods(ctl->http,
	    EVHTTP_REQ_GET | EVHTTP_REQ_POST | EVHTTP_REQ_PUT |
		EVHTTP_REQ_PATCH | EVHTTP_REQ_DELETE | EVHTTP_REQ_HEAD);
	evhttp_set_max_body_size(ctl->http, CONTROL_BODY_MAX);
	evhttp_set_max_headers_size(ctl->http, 16384);
	evhttp_set_timeout(ctl->http, 60);
	if (cfg->group != NULL &&
	    control_group_parse(cfg->group, &ctl->group) != 0) {
		snprintf(why, whycap, "--control-group %s: no such group",
		    cfg->group);
		rc = -1;
	} else if (cfg->group != NULL &&
	    strncmp(cfg->listen, "unix:", 5) != 0) {
		snprintf(why, whycap,
		    "--control-group is for a unix socket (TCP takes a token)");
		rc = -1;
	} else if (strncmp(cfg->listen, "unix:", 5) == 0) {
		ctl->has_group = cfg->group != NULL;
		rc = bind_unix(ctl, cfg->listen + 5, why, whycap);
	} else if (strncmp(cfg->listen, "tcp:", 4) == 0)
		rc = bind_tcp(
		    ctl, cfg->listen + 4, cfg->token_file, why, whycap);
	else {
		snprintf(why, whycap,
		    "--control %s: want unix:PATH or tcp:ADDR:PORT",
		    cfg->listen);
		rc = -1;
	}
	if (rc != 0) {
		control_free(ctl);
		return NULL;
	}
	log_info("control plane on %s", ctl->endpoint);
	return ctl;
}

void
control_free(struct control *ctl)
{
	if (ctl == NULL)
		return;
	while (ctl->pending != NULL) {
		struct control_call *c = ctl->pending;
		void (*gone)(void *) = c->on_gone;
		void *arg = c->gone_arg;

		call_free(c);
		if (gone != NULL)
			gone(arg);
	}
	if (ctl->http != NULL)
		evhttp_free(ctl->http); /* frees the listener bound to it */
	else if (ctl->listener != NULL)
		evconnlistener_free(ctl->listener);
	if (ctl->unix_path != NULL) {
		unlink(ctl->unix_path);
		free(ctl->unix_path);
	}
	ct_wipe(ctl->token, sizeof(ctl->token));
	free(ctl->last_text);
	free(ctl);
}

void
control_set_ready(struct control *ctl, int ready)
{
	ctl->ready = ready;
}

int
control_ready(const struct control *ctl)
{
	return ctl->ready;
}

const char *
control_endpoint(const struct control *ctl)
{
	return ctl->endpoint;
}

struct daemon *
control_daemon(const struct control *ctl)
{
	return ctl->daemon;
}

uint64_t
control_uptime_ms(const struct control *ctl)
{
	return control_now_ms() - ctl->started_ms;
}

/* ---- the core routes: probes ---- */

static void
livez(struct control_call *c)
{
	control_call_reply(c, 200, json_pack("{s:s}", "status", "ok"));
}

static void
readyz(struct control_call *c)
{
	if (!c->ctl->ready) {
		control_call_problem(c, 503, "Not ready",
		    "sockets are being bound or state restored");
		return;
	}
	control_call_reply(c, 200, json_pack("{s:s}", "status", "ready"));
}

/* The capability a route pattern stands for, into buf; 0 or -1 (none). */
static int
control_route_capability(const char *pattern, char *buf, size_t cap)
{
	static const char *const probes[] = {"/livez", "/readyz", "/healthz"};
	const char		*p = pattern, *end;
	size_t			 i;

	for (i = 0; i < sizeof(probes) / sizeof(probes[0]); i++)
		if (strcmp(pattern, probes[i]) == 0) {
			snprintf(buf, cap, "probes");
			return 0;
		}
	if (strncmp(p, "/v1/bmcs/{bmc}/", 15) == 0)
		p += 15;
	else if (strncmp(p, "/v1/", 4) == 0)
		p += 4;
	else if (*p == '/')
		p++;
	if (*p == '\0' || *p == '{' || strcmp(pattern, "/v1") == 0)
		return -1;
	end = strchr(p, '/');
	i = end != NULL ? (size_t)(end - p) : strlen(p);
	if (i + 1 > cap)
		return -1;
	memcpy(buf, p, i);
	buf[i] = '\0';
	return 0;
}

size_t
control_capabilities(const struct control *ctl, const char **out, size_t cap)
{
	/* The names live here: route tables are static, so is this. */
	static char names[64][24];
	size_t	    n = 0, i, j;
	char	    name[24];

	for (i = 0; ctl->tables[i] != NULL; i++)
		for (j = 0; ctl->tables[i][j].pattern != NULL; j++) {
			size_t k;

			if (control_route_capability(ctl->tables[i][j].pattern,
				name, sizeof(name)) != 0)
				continue;
			for (k = 0; k < n && strcmp(out[k], name) != 0; k++)
				;
			if (k < n || n == cap ||
			    n == sizeof(names) / sizeof(names[0]))
				continue;
			memcpy(names[n], name, sizeof(name));
			out[n] = names[n];
			n++;
		}
	return n;
}

const struct control_route control_core_routes[] = {
    {"GET", "/livez", livez},
    {"GET", "/readyz", readyz},
    {"GET", "/healthz", readyz},
    {NULL, NULL, NULL},
};
