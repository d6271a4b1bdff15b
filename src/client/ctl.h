/*
 * bmcsim ctl: a thin client of bmcsimd's control API (docs/api.md).
 * Subcommands are const table entries {noun, verb, handler}; each feature
 * file has its own table (ctl_bmc.c: ctl_bmc_cmds[], ctl_journal.c:
 * ctl_journal_cmds[], ...) and one line in ctl.c's list of tables.
 *
 * Exit codes, for CI: 0 ok, 1 refused or verification failed, 2 usage,
 * 3 inconclusive, 4 unreachable.
 */
#ifndef BMCSIM_CTL_H
#define BMCSIM_CTL_H

#include <jansson.h>

#define CTL_EXIT_OK	      0
#define CTL_EXIT_FAILED	      1
#define CTL_EXIT_USAGE	      2
#define CTL_EXIT_INCONCLUSIVE 3
#define CTL_EXIT_UNREACHABLE  4

struct ctl;

/*
 * One subcommand: "bmcsim ctl NOUN VERB ARGS..." (verb NULL: "bmcsim ctl
 * NOUN ARGS...").  run gets argv from the first argument after the verb
 * (argv[0] is the verb, or the noun) and returns an exit code.
 */
struct ctl_cmd {
	const char *noun;
	const char *verb;
	int (*run)(struct ctl *, int argc, char **argv);
	const char *usage; /* after "bmcsim ctl NOUN VERB" */
};

extern const struct ctl_cmd ctl_bmc_cmds[]; /* ctl_bmc.c; ends with NULLs */

/*
 * One request: method and path ("/v1/bmcs?limit=5"), body (borrowed; NULL:
 * none).  0 with the HTTP status in *status and the parsed JSON answer
 * in *reply (NULL when the answer has no JSON body; the caller
 * json_decref()s it), or CTL_EXIT_UNREACHABLE with a message printed.
 */
int ctl_http(struct ctl *, const char *method, const char *path, json_t *body,
    json_t **reply, int *status);

/*
 * Prints an answer as -o asks: JSON (one line), or a table for people (an
 * "items" list as columns, an object as "key: value" lines).  Returns
 * CTL_EXIT_OK.
 */
int ctl_print(struct ctl *, json_t *);

/*
 * The usual end of a request: a 2xx answer printed (ctl_print) and
 * CTL_EXIT_OK, anything else its problem's detail on stderr and
 * CTL_EXIT_FAILED (CTL_EXIT_UNREACHABLE passed on).  Steals reply.
 */
int ctl_finish(struct ctl *, int rc, int status, json_t *reply);
/* ctl_http() then ctl_finish(). */
int ctl_call(struct ctl *, const char *method, const char *path, json_t *body);

/* Prints "usage: bmcsim ctl ..." for cmd; returns CTL_EXIT_USAGE. */
int ctl_usage(const struct ctl_cmd *cmd);

/*
 * Appends a path segment to buf (cap bytes), percent-encoding what is not
 * unreserved (RFC 3986).  0, or -1 if it does not fit.
 */
int ctl_path_append(char *buf, size_t cap, const char *segment);

/* wait-ready: no message while the server cannot be reached. */
void ctl_set_quiet(struct ctl *, int quiet);

/* -o json */
int ctl_json_output(const struct ctl *);

/* The bmcsim subcommand: argv[0] is "ctl". */
int ctl_main(int argc, char **argv);

#endif
