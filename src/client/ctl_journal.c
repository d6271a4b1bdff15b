/*
 * bmcsim ctl's journal commands: list, count, verify, wait, mark, export
 * and clear, each one request of the control API's /v1/journal
 * (docs/api.md).  The filter options are the same for all of them and map
 * one to one onto query parameters.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"

#define CTL_JOURNAL_PATH_MAX 2048

/* --option and the query parameter it sets. */
static const struct {
	const char *opt;
	const char *param;
} filter_opts[] = {
    {"--bmc", "bmc"},
    {"--selector", "selector"},
    {"--peer", "peer"},
    {"--user", "user"},
    {"--command", "command"},
    {"--data", "data"},
    {"--cc", "cc"},
    {"--outcome", "outcome"},
    {"--since-mark", "since_mark"},
    {"--until-mark", "until_mark"},
    {"--from-seq", "from_seq"},
    {"--to-seq", "to_seq"},
    {"--since-ms", "since_ms"},
    {"--until-ms", "until_ms"},
};

#define FILTER_USAGE \
	"[--bmc GLOB] [--command NAME|NETFN:CMD] [--data HEX] [--peer ADDR] " \
	"[--user NAME] [--cc HEX] [--outcome answered|cached|dropped] " \
	"[--since-mark M] [--until-mark M] [--from-seq N] [--to-seq N] " \
	"[--originals]"

static const struct ctl_cmd *ctl_journal_find(const char *verb);

static int
usage_of(const char *verb)
{
	return ctl_usage(ctl_journal_find(verb));
}

/* "?k=v" or "&k=v", v percent-encoded.  -1 if it does not fit. */
static int
query_add(char *buf, size_t cap, const char *k, const char *v)
{
	size_t n = strlen(buf);

	if (n + strlen(k) + 3 >= cap)
		return -1;
	snprintf(buf + n, cap - n, "%c%s=", strchr(buf, '?') ? '&' : '?', k);
	return ctl_path_append(buf, cap, v);
}

/*
 * Moves the filter options and the extra ones (each "--opt" taking a
 * value, mapped to param) from argv into the query of path.  Returns 0,
 * or CTL_EXIT_USAGE for an unknown option, a missing value or a query
 * too long.
 */
struct extra_opt {
	const char *opt;
	const char *param;
	const char *value; /* set when given */
};

static int
build_query(char *path, size_t cap, int argc, char **argv,
    struct extra_opt *extra, size_t nextra, const char *verb)
{
	int    i;
	size_t k;

	for (i = 1; i < argc; i++) {
		const char *param = NULL;

		if (strcmp(argv[i], "--originals") == 0) {
			if (query_add(path, cap, "originals", "1") != 0)
				return CTL_EXIT_USAGE;
			continue;
		}
		for (k = 0; k < sizeof(filter_opts) / sizeof(filter_opts[0]);
		     k++)
			if (strcmp(argv[i], filter_opts[k].opt) == 0)
				param = filter_opts[k].param;
		for (k = 0; param == NULL && k < nextra; k++)
			if (strcmp(argv[i], extra[k].opt) == 0) {
				param = extra[k].param;
				if (i + 1 < argc)
					extra[k].value = argv[i + 1];
			}
		if (param == NULL || i + 1 >= argc) {
			fprintf(stderr, "bmcsim ctl journal %s: %s %s\n", verb,
			    argv[i],
			    param == NULL ? "is not an option"
					  : "needs a value");
			return usage_of(verb);
		}
		if (param[0] != '\0' &&
		    query_add(path, cap, param, argv[i + 1]) != 0) {
			fprintf(stderr, "bmcsim ctl: the filter is too long\n");
			return CTL_EXIT_USAGE;
		}
		i++;
	}
	return 0;
}

static int
journal_list(struct ctl *c, int argc, char **argv)
{
	struct extra_opt extra[] = {{"--limit", "limit", NULL}};
	char		 path[CTL_JOURNAL_PATH_MAX] = "/v1/journal";
	int		 rc;

	if ((rc = build_query(
		 path, sizeof(path), argc, argv, extra, 1, "list")) != 0)
		return rc;
	return ctl_call(c, "GET", path, NULL);
}

static int
journal_count(struct ctl *c, int argc, char **argv)
{
	char	path[CTL_JOURNAL_PATH_MAX] = "/v1/journal/count";
	json_t *reply;
	int	rc, status;

	if ((rc = build_query(
		 path, sizeof(path), argc, argv, NULL, 0, "count")) != 0)
		return rc;
	rc = ctl_http(c, "GET", path, NULL, &reply, &status);
	if (rc == 0 && status == 200 && !ctl_json_output(c) &&
	    json_is_integer(json_object_get(reply, "count"))) {
		printf("%lld\n",
		    (long long)json_integer_value(
			json_object_get(reply, "count")));
		json_decref(reply);
		return CTL_EXIT_OK;
	}
	return ctl_finish(c, rc, status, reply);
}

/* A near miss list: "other_bmc: 2 (seq 4, 9)". */
static void
print_near(json_t *near, const char *kind, const char *what)
{
	json_t *o = json_object_get(near, kind);
	json_t *seqs = json_object_get(o, "seqs");
	size_t	i;

	if (json_integer_value(json_object_get(o, "count")) == 0)
		return;
	printf("near miss: %lld %s (seq",
	    (long long)json_integer_value(json_object_get(o, "count")), what);
	for (i = 0; i < json_array_size(seqs); i++)
		printf("%s%lld", i == 0 ? " " : ", ",
		    (long long)json_integer_value(json_array_get(seqs, i)));
	printf(")\n");
}

static int
journal_verify(struct ctl *c, int argc, char **argv)
{
	struct extra_opt extra[] = {
	    {"--exactly", "exactly", NULL},
	    {"--at-least", "at_least", NULL},
	    {"--at-most", "at_most", NULL},
	};
	char	    path[CTL_JOURNAL_PATH_MAX] = "/v1/journal/verify";
	json_t	   *reply;
	const char *verdict;
	int	    rc, status, given = 0;
	size_t	    k;

	if ((rc = build_query(
		 path, sizeof(path), argc, argv, extra, 3, "verify")) != 0)
		return rc;
	for (k = 0; k < 3; k++)
		given += extra[k].value != NULL;
	if (given != 1) {
		fprintf(stderr,
		    "bmcsim ctl journal verify: give one of "
		    "--exactly, --at-least, --at-most\n");
		return usage_of("verify");
	}
	rc = ctl_http(c, "GET", path, NULL, &reply, &status);
	if (rc != 0 || status != 200 ||
	    (verdict = json_string_value(json_object_get(reply, "verdict"))) ==
		NULL)
		return ctl_finish(c, rc, status, reply);
	if (ctl_json_output(c))
		ctl_print(c, reply);
	else {
		printf(
		    "%s: %lld matching (%lld retransmitted, %lld dropped)%s\n",
		    verdict,
		    (long long)json_integer_value(
			json_object_get(reply, "count")),
		    (long long)json_integer_value(
			json_object_get(reply, "retransmits")),
		    (long long)json_integer_value(
			json_object_get(reply, "dropped")),
		    json_is_true(json_object_get(reply, "window_evicted"))
			? "; the journal evicted part of the window"
			: "");
		print_near(json_object_get(reply, "near_misses"), "other_bmc",
		    "to another BMC");
		print_near(json_object_get(reply, "near_misses"), "other_data",
		    "with other data");
	}
	rc = strcmp(verdict, "ok") == 0		   ? CTL_EXIT_OK
	    : strcmp(verdict, "inconclusive") == 0 ? CTL_EXIT_INCONCLUSIVE
						   : CTL_EXIT_FAILED;
	json_decref(reply);
	return rc;
}

static int
journal_wait(struct ctl *c, int argc, char **argv)
{
	struct extra_opt extra[] = {
	    {"--count", "count", NULL},
	    {"--timeout", "", NULL},
	};
	char	path[CTL_JOURNAL_PATH_MAX] = "/v1/journal/wait";
	char	ms[32];
	json_t *reply;
	double	secs = 10;
	int	rc, status;

	if ((rc = build_query(
		 path, sizeof(path), argc, argv, extra, 2, "wait")) != 0)
		return rc;
	if (extra[1].value != NULL) {
		char *end;

		secs = strtod(extra[1].value, &end);
		/* Below the client's own 60 s read timeout. */
		if (*end != '\0' || secs < 0 || secs > 55) {
			fprintf(stderr,
			    "bmcsim ctl journal wait: --timeout: "
			    "0 to 55 seconds\n");
			return CTL_EXIT_USAGE;
		}
	}
	snprintf(ms, sizeof(ms), "%llu", (unsigned long long)(secs * 1000));
	if (query_add(path, sizeof(path), "timeout_ms", ms) != 0)
		return CTL_EXIT_USAGE;
	rc = ctl_http(c, "GET", path, NULL, &reply, &status);
	if (rc != 0 || status != 200)
		return ctl_finish(c, rc, status, reply);
	rc = json_is_true(json_object_get(reply, "satisfied"))
	    ? CTL_EXIT_OK
	    : CTL_EXIT_FAILED;
	ctl_print(c, reply);
	json_decref(reply);
	return rc;
}

static int
journal_mark(struct ctl *c, int argc, char **argv)
{
	json_t *body;
	int	rc;

	if (argc != 2)
		return usage_of("mark");
	body = json_pack("{s:s}", "name", argv[1]);
	rc = ctl_call(c, "POST", "/v1/journal/marks", body);
	json_decref(body);
	return rc;
}

static int
journal_clear(struct ctl *c, int argc, char **argv)
{
	(void)argv;
	if (argc != 1)
		return usage_of("clear");
	return ctl_call(c, "DELETE", "/v1/journal", NULL);
}

/* RFC 4648 base64, as the export sends a capture inside JSON. */
static int
base64_value(int ch)
{
	static const char a[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const char *p = ch != 0 ? strchr(a, ch) : NULL;

	return p != NULL ? (int)(p - a) : -1;
}

static int
write_base64(FILE *f, const char *s)
{
	uint32_t acc = 0;
	int	 bits = 0, v;

	for (; *s != '\0' && *s != '='; s++) {
		if ((v = base64_value((unsigned char)*s)) < 0)
			return -1;
		acc = acc << 6 | (uint32_t)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			if (fputc((int)(acc >> bits) & 0xff, f) == EOF)
				return -1;
		}
	}
	return 0;
}

static int
journal_export(struct ctl *c, int argc, char **argv)
{
	struct extra_opt extra[] = {
	    {"--format", "", NULL},
	    {"--output", "", NULL},
	    {"--keylog", "", NULL},
	};
	char	    path[CTL_JOURNAL_PATH_MAX] = "/v1/journal/export";
	const char *format;
	json_t	   *reply;
	FILE	   *f = stdout;
	int	    rc, status, pcap;

	if ((rc = build_query(
		 path, sizeof(path), argc, argv, extra, 3, "export")) != 0)
		return rc;
	format = extra[0].value != NULL ? extra[0].value : "ndjson";
	pcap = strcmp(format, "pcap") == 0;
	if (!pcap && strcmp(format, "ndjson") != 0) {
		fprintf(stderr,
		    "bmcsim ctl journal export: --format ndjson "
		    "or pcap\n");
		return CTL_EXIT_USAGE;
	}
	if (pcap && extra[1].value == NULL) {
		fprintf(stderr,
		    "bmcsim ctl journal export: a capture needs "
		    "--output FILE\n");
		return CTL_EXIT_USAGE;
	}
	/* Inside JSON: the client reads JSON answers only. */
	if (query_add(path, sizeof(path), "format", format) != 0 ||
	    query_add(path, sizeof(path), "encoding", "json") != 0)
		return CTL_EXIT_USAGE;
	rc = ctl_http(c, "GET", path, NULL, &reply, &status);
	if (rc != 0 || status != 200)
		return ctl_finish(c, rc, status, reply);
	if (extra[1].value != NULL &&
	    (f = fopen(extra[1].value, pcap ? "wb" : "w")) == NULL) {
		perror(extra[1].value);
		json_decref(reply);
		return CTL_EXIT_FAILED;
	}
	rc = CTL_EXIT_OK;
	if (pcap) {
		if (write_base64(f,
			json_string_value(json_object_get(reply, "pcap")) !=
				NULL
			    ? json_string_value(json_object_get(reply, "pcap"))
			    : "") != 0)
			rc = CTL_EXIT_FAILED;
	} else {
		json_t *e;
		size_t	i;

		json_array_foreach(json_object_get(reply, "entries"), i, e)
		{
			char *line = json_dumps(e, JSON_COMPACT);

			if (line != NULL)
				fprintf(f, "%s\n", line);
			free(line);
		}
	}
	if (f != stdout && fclose(f) != 0)
		rc = CTL_EXIT_FAILED;
	if (rc == CTL_EXIT_OK && extra[2].value != NULL) {
		const char *k = json_string_value(
		    json_object_get(reply, "keylog"));

		if ((f = fopen(extra[2].value, "w")) == NULL ||
		    fputs(k != NULL ? k : "", f) == EOF || fclose(f) != 0)
			rc = CTL_EXIT_FAILED;
	}
	json_decref(reply);
	return rc;
}

const struct ctl_cmd ctl_journal_cmds[] = {
    {"journal", "list", journal_list, FILTER_USAGE " [--limit N]"},
    {"journal", "count", journal_count, FILTER_USAGE},
    {"journal", "verify", journal_verify,
	"--bmc NAME --command CMD [--data HEX] "
	"--exactly N|--at-least N|--at-most N [filter...]"},
    {"journal", "wait", journal_wait,
	FILTER_USAGE " [--count N] [--timeout SECONDS]"},
    {"journal", "mark", journal_mark, "NAME"},
    {"journal", "export", journal_export,
	"[--format ndjson|pcap] [--output FILE] [--keylog FILE] [filter...]"},
    {"journal", "clear", journal_clear, ""},
    {NULL, NULL, NULL, NULL},
};

static const struct ctl_cmd *
ctl_journal_find(const char *verb)
{
	size_t i;

	for (i = 0; ctl_journal_cmds[i].noun != NULL; i++)
		if (strcmp(ctl_journal_cmds[i].verb, verb) == 0)
			return &ctl_journal_cmds[i];
	return &ctl_journal_cmds[0];
}
