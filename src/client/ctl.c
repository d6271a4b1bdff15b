/*
 * bmcsim ctl: global options, the table of subcommands, a blocking
 * HTTP/1.1 client over a unix or TCP socket (one request per connection:
 * "Connection: close", the answer read to the end), and the output.
 */
#include <errno.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "cmd.h"
#include "ctl.h"
#include "httpmsg.h"

/* The tables served, one line per feature. */
static const struct ctl_cmd *const ctl_tables[] = {
    ctl_bmc_cmds,
    NULL,
};

/* Longest answer read (a state export of a large fleet fits). */
#define CTL_REPLY_MAX (256u * 1024 * 1024)
/* How long one request may take. */
#define CTL_TIMEOUT_MS 60000

struct ctl {
	const char *server; /* "unix:PATH" or "tcp:HOST:PORT" */
	char	    token[128];
	int	    json; /* -o json */
	int	    quiet_unreachable;
};

int
ctl_json_output(const struct ctl *c)
{
	return c->json;
}

/* ---- transport ---- */

static int
connect_unix(const char *path)
{
	struct sockaddr_un sun;
	int		   fd;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(sun.sun_path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(sun.sun_path, path, strlen(path));
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	if (connect(fd, (struct sockaddr *)&sun, sizeof(sun)) != 0) {
		int e = errno;

		close(fd);
		errno = e;
		return -1;
	}
	return fd;
}

static int
connect_tcp(const char *spec)
{
	struct addrinfo hints, *res = NULL, *ai;
	char		host[256];
	const char     *colon = strrchr(spec, ':');
	int		fd = -1, e = ECONNREFUSED;

	if (colon == NULL || (size_t)(colon - spec) >= sizeof(host)) {
		errno = EINVAL;
		return -1;
	}
	memcpy(host, spec, (size_t)(colon - spec));
	host[colon - spec] = '\0';
	if (host[0] == '[' && host[strlen(host) - 1] == ']') {
		memmove(host, host + 1, strlen(host));
		host[strlen(host) - 1] = '\0';
	}
	memset(&hints, 0, sizeof(hints));
	hints.ai_socktype = SOCK_STREAM;
	if (getaddrinfo(host, colon + 1, &hints, &res) != 0) {
		errno = EINVAL;
		return -1;
	}
	for (ai = res; ai != NULL; ai = ai->ai_next) {
		fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC,
		    ai->ai_protocol);
		if (fd < 0)
			continue;
		if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0)
			break;
		e = errno;
		close(fd);
		fd = -1;
	}
	freeaddrinfo(res);
	if (fd < 0)
		errno = e;
	return fd;
}

static int
write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = send(fd, p, n, MSG_NOSIGNAL);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Reads until the server closes: the whole answer. */
static char *
read_all(int fd, size_t *len)
{
	size_t cap = 8192, n = 0;
	char  *buf = malloc(cap);

	while (buf != NULL) {
		struct pollfd pfd = {.fd = fd, .events = POLLIN};
		ssize_t	      r;

		if (poll(&pfd, 1, CTL_TIMEOUT_MS) <= 0) {
			free(buf);
			errno = ETIMEDOUT;
			return NULL;
		}
		if (n == cap) {
			char *b = cap < CTL_REPLY_MAX ? realloc(buf, cap * 2)
						      : NULL;
			if (b == NULL) {
				free(buf);
				errno = EFBIG;
				return NULL;
			}
			buf = b;
			cap *= 2;
		}
		r = recv(fd, buf + n, cap - n, 0);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			free(buf);
			return NULL;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	*len = n;
	return buf;
}

int
ctl_http(struct ctl *c, const char *method, const char *path, json_t *body,
    json_t **reply, int *status)
{
	struct httpmsg_response resp;
	char		       *text = NULL, *head = NULL, *in = NULL;
	size_t			tlen = 0, inlen = 0;
	int			fd, rc = CTL_EXIT_UNREACHABLE, n;

	*reply = NULL;
	*status = 0;
	if (strncmp(c->server, "unix:", 5) == 0)
		fd = connect_unix(c->server + 5);
	else if (strncmp(c->server, "tcp:", 4) == 0)
		fd = connect_tcp(c->server + 4);
	else {
		fprintf(stderr,
		    "bmcsim ctl: -S %s: want unix:PATH or "
		    "tcp:HOST:PORT\n",
		    c->server);
		return CTL_EXIT_USAGE;
	}
	if (fd < 0) {
		if (!c->quiet_unreachable)
			fprintf(stderr, "bmcsim ctl: %s: %s\n", c->server,
			    strerror(errno));
		return CTL_EXIT_UNREACHABLE;
	}
	if (body != NULL) {
		text = json_dumps(body, JSON_COMPACT);
		if (text == NULL)
			goto out;
		tlen = strlen(text);
	}
	n = asprintf(&head,
	    "%s %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
	    "Accept: application/json\r\n%s%s%s"
	    "Content-Length: %zu\r\n%s\r\n",
	    method, path, c->token[0] != '\0' ? "Authorization: Bearer " : "",
	    c->token, c->token[0] != '\0' ? "\r\n" : "", tlen,
	    text != NULL ? "Content-Type: application/json\r\n" : "");
	if (n < 0) {
		head = NULL;
		goto out;
	}
	if (write_all(fd, head, (size_t)n) != 0 ||
	    (tlen > 0 && write_all(fd, text, tlen) != 0) ||
	    (in = read_all(fd, &inlen)) == NULL) {
		if (!c->quiet_unreachable)
			fprintf(stderr, "bmcsim ctl: %s: %s\n", c->server,
			    strerror(errno));
		goto out;
	}
	if (httpmsg_parse_response(in, inlen, &resp) != 0) {
		if (!c->quiet_unreachable)
			fprintf(stderr, "bmcsim ctl: %s: not an HTTP answer\n",
			    c->server);
		goto out;
	}
	*status = resp.status;
	if (resp.body_len > 0 && strstr(resp.ctype, "json") != NULL)
		*reply = json_loadb(resp.body, resp.body_len, 0, NULL);
	else if (resp.body_len > 0)
		*reply = json_stringn(resp.body, resp.body_len);
	httpmsg_response_clear(&resp);
	rc = 0;
out:
	close(fd);
	free(text);
	free(head);
	free(in);
	return rc;
}

/* ---- output ---- */

/* A scalar as a table cell. */
static void
print_cell(FILE *f, json_t *v)
{
	char *s;

	if (json_is_string(v))
		fputs(json_string_value(v), f);
	else if (v == NULL || json_is_null(v))
		fputs("-", f);
	else if ((s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY)) != NULL) {
		fputs(s, f);
		free(s);
	}
}

static void
print_items(FILE *f, json_t *items)
{
	json_t	   *first = json_array_get(items, 0), *row, *v;
	const char *key;
	size_t	    i;

	if (!json_is_object(first)) {
		json_array_foreach(items, i, row)
		{
			print_cell(f, row);
			fputc('\n', f);
		}
		return;
	}
	json_object_foreach(first, key, v)
	{
		if (!json_is_object(v) && !json_is_array(v))
			fprintf(f, "%-16s ", key);
	}
	fputc('\n', f);
	json_array_foreach(items, i, row)
	{
		json_object_foreach(first, key, v)
		{
			json_t *cell = json_object_get(row, key);
			char   *s;

			if (json_is_object(v) || json_is_array(v))
				continue;
			if (json_is_string(cell))
				fprintf(f, "%-16s ", json_string_value(cell));
			else if (cell == NULL || json_is_null(cell))
				fprintf(f, "%-16s ", "-");
			else if ((s = json_dumps(
				      cell, JSON_COMPACT | JSON_ENCODE_ANY)) !=
			    NULL) {
				fprintf(f, "%-16s ", s);
				free(s);
			}
		}
		fputc('\n', f);
	}
}

int
ctl_print(struct ctl *c, json_t *v)
{
	json_t	   *items, *val;
	const char *key;
	char	   *s;

	if (v == NULL)
		return CTL_EXIT_OK;
	if (c->json) {
		s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
		if (s != NULL) {
			puts(s);
			free(s);
		}
		return CTL_EXIT_OK;
	}
	if (json_is_object(v) &&
	    json_is_array(items = json_object_get(v, "items"))) {
		print_items(stdout, items);
		return CTL_EXIT_OK;
	}
	if (json_is_object(v)) {
		json_object_foreach(v, key, val)
		{
			printf("%s: ", key);
			print_cell(stdout, val);
			putchar('\n');
		}
		return CTL_EXIT_OK;
	}
	if (json_is_array(v)) {
		print_items(stdout, v);
		return CTL_EXIT_OK;
	}
	print_cell(stdout, v);
	putchar('\n');
	return CTL_EXIT_OK;
}

int
ctl_finish(struct ctl *c, int rc, int status, json_t *reply)
{
	if (rc != 0) {
		json_decref(reply);
		return rc;
	}
	if (status >= 200 && status < 300) {
		ctl_print(c, reply);
		json_decref(reply);
		return CTL_EXIT_OK;
	}
	if (c->json && reply != NULL) {
		char *s = json_dumps(reply, JSON_COMPACT | JSON_ENCODE_ANY);

		if (s != NULL) {
			puts(s);
			free(s);
		}
	}
	fprintf(stderr, "bmcsim ctl: %d %s%s%s\n", status,
	    json_string_value(json_object_get(reply, "title")) != NULL
		? json_string_value(json_object_get(reply, "title"))
		: "error",
	    json_string_value(json_object_get(reply, "detail")) != NULL ? ": "
									: "",
	    json_string_value(json_object_get(reply, "detail")) != NULL
		? json_string_value(json_object_get(reply, "detail"))
		: "");
	json_decref(reply);
	return CTL_EXIT_FAILED;
}

int
ctl_call(struct ctl *c, const char *method, const char *path, json_t *body)
{
	json_t *reply;
	int	status, rc;

	rc = ctl_http(c, method, path, body, &reply, &status);
	return ctl_finish(c, rc, status, reply);
}

int
ctl_path_append(char *buf, size_t cap, const char *seg)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t		  n = strlen(buf);

	for (; *seg != '\0'; seg++) {
		unsigned char ch = (unsigned char)*seg;
		int	      plain = (ch >= 'a' && ch <= 'z') ||
		    (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
		    ch == '-' || ch == '.' || ch == '_' || ch == '~';

		if (n + (plain ? 1 : 3) >= cap)
			return -1;
		if (plain)
			buf[n++] = (char)ch;
		else {
			buf[n++] = '%';
			buf[n++] = hex[ch >> 4];
			buf[n++] = hex[ch & 15];
		}
	}
	buf[n] = '\0';
	return 0;
}

int
ctl_usage(const struct ctl_cmd *cmd)
{
	fprintf(stderr,
	    "usage: bmcsim ctl [-S SERVER] [-T TOKENFILE] [-o "
	    "json|table] %s%s%s %s\n",
	    cmd->noun, cmd->verb != NULL ? " " : "",
	    cmd->verb != NULL ? cmd->verb : "", cmd->usage);
	return CTL_EXIT_USAGE;
}

static void
ctl_main_usage(FILE *f)
{
	const struct ctl_cmd *const *t;
	const struct ctl_cmd	    *e;

	fprintf(f,
	    "usage: bmcsim ctl [-S unix:PATH|tcp:HOST:PORT] [-T TOKENFILE] "
	    "[-o json|table]\n"
	    "                  COMMAND ...\n\n"
	    "The server is -S, else $BMCSIM_CONTROL.  Commands:\n");
	for (t = ctl_tables; *t != NULL; t++)
		for (e = *t; e->noun != NULL; e++)
			fprintf(f, "  %s%s%s %s\n", e->noun,
			    e->verb != NULL ? " " : "",
			    e->verb != NULL ? e->verb : "", e->usage);
	fprintf(f,
	    "\nExit status: 0 ok, 1 refused or verification failed, "
	    "2 usage,\n3 inconclusive, 4 unreachable.\n");
}

static int
read_token(struct ctl *c, const char *file)
{
	FILE *f = fopen(file, "r");

	if (f == NULL) {
		fprintf(
		    stderr, "bmcsim ctl: -T %s: %s\n", file, strerror(errno));
		return -1;
	}
	if (fgets(c->token, sizeof(c->token), f) == NULL)
		c->token[0] = '\0';
	fclose(f);
	c->token[strcspn(c->token, "\r\n \t")] = '\0';
	return 0;
}

int
ctl_main(int argc, char **argv)
{
	const struct ctl_cmd *const *t;
	const struct ctl_cmd	    *e;
	struct ctl		     c;
	int			     i = 1;

	memset(&c, 0, sizeof(c));
	c.server = getenv("BMCSIM_CONTROL");
	for (; i < argc && argv[i][0] == '-'; i++) {
		const char *opt = argv[i];

		if (strcmp(opt, "-h") == 0 || strcmp(opt, "--help") == 0) {
			ctl_main_usage(stdout);
			return CTL_EXIT_OK;
		}
		if (i + 1 == argc) {
			ctl_main_usage(stderr);
			return CTL_EXIT_USAGE;
		}
		if (strcmp(opt, "-S") == 0 || strcmp(opt, "--server") == 0)
			c.server = argv[++i];
		else if (strcmp(opt, "-T") == 0 ||
		    strcmp(opt, "--token-file") == 0) {
			if (read_token(&c, argv[++i]) != 0)
				return CTL_EXIT_USAGE;
		} else if (strcmp(opt, "-o") == 0) {
			const char *o = argv[++i];

			if (strcmp(o, "json") == 0)
				c.json = 1;
			else if (strcmp(o, "table") != 0) {
				fprintf(stderr,
				    "bmcsim ctl: -o json or -o table\n");
				return CTL_EXIT_USAGE;
			}
		} else {
			fprintf(stderr, "bmcsim ctl: unknown option %s\n", opt);
			ctl_main_usage(stderr);
			return CTL_EXIT_USAGE;
		}
	}
	if (i == argc) {
		ctl_main_usage(stderr);
		return CTL_EXIT_USAGE;
	}
	if (c.server == NULL) {
		fprintf(stderr,
		    "bmcsim ctl: no server: give -S unix:PATH or "
		    "tcp:HOST:PORT (or set BMCSIM_CONTROL)\n");
		return CTL_EXIT_USAGE;
	}
	for (t = ctl_tables; *t != NULL; t++)
		for (e = *t; e->noun != NULL; e++) {
			if (strcmp(e->noun, argv[i]) != 0)
				continue;
			if (e->verb == NULL)
				return e->run(&c, argc - i, argv + i);
			if (i + 1 < argc && strcmp(e->verb, argv[i + 1]) == 0)
				return e->run(&c, argc - i - 1, argv + i + 1);
		}
	fprintf(stderr, "bmcsim ctl: no command \"%s%s%s\"\n", argv[i],
	    i + 1 < argc ? " " : "", i + 1 < argc ? argv[i + 1] : "");
	ctl_main_usage(stderr);
	return CTL_EXIT_USAGE;
}

/* For wait-ready: probes fail quietly while the daemon starts. */
void
ctl_set_quiet(struct ctl *c, int quiet)
{
	c->quiet_unreachable = quiet;
}

static const char ctl_help[] =
    "Drives a running bmcsimd through its control API (bmcsimd\n"
    "--control): BMCs, power, boot flags, sensors, SEL, users, state.\n"
    "Run \"bmcsim ctl --help\" for the list of commands.\n"
    "  -S unix:PATH|tcp:HOST:PORT  the control endpoint ($BMCSIM_CONTROL)\n"
    "  -T FILE       the bearer token's file (TCP)\n"
    "  -o json|table output for scripts or for people (table)\n"
    "Exit status: 0 ok, 1 refused or verification failed, 2 usage,\n"
    "3 inconclusive, 4 unreachable.\n";

const struct cmd_entry cmd_ctl_entry = {
    "ctl",
    ctl_main,
    "[-S SERVER] [-T TOKENFILE] [-o json|table] COMMAND ...",
    ctl_help,
    0,
};
