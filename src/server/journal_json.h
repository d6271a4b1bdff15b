/*
 * The journal (src/node/journal.h) as the control plane shows it: an
 * entry as a JSON object (one NDJSON line), and a filter read from named
 * parameters (the query string or a JSON body), so the HTTP handlers and
 * their tests share one reading.
 */
#ifndef BMCSIM_JOURNAL_JSON_H
#define BMCSIM_JOURNAL_JSON_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "journal.h"

struct journal_entry;

/* The entry as an object (a new reference), NULL when out of memory. */
json_t *journal_json_entry(const struct journal_entry *);

/* Looks a parameter up by name: its text, or NULL. */
typedef const char *journal_json_param_fn(void *arg, const char *name);

/* A filter with the storage its pointers need. */
struct journal_json_filter {
	struct journal_filter f;
	uint8_t		      data[IPMIMSG_DATA_MAX];
};

/*
 * Fills out from the parameters bmc, peer, user, command (a name or
 * NETFN:CMD), data (hex, a prefix), cc (hex), outcome, from_seq, to_seq,
 * since_mark, until_mark (marks of j), since_ms, until_ms (wall time),
 * originals (1: retransmissions left out).  0, or -1 with the offending
 * parameter explained in why.
 */
int
journal_json_filter(struct journal_json_filter *out, const struct journal *j,
    journal_json_param_fn *param, void *arg, char *why, size_t whycap);

/* Hex text ("0x02", "02 00", "0200") into bytes: the count, -1 if bad. */
int journal_json_hex(const char *, uint8_t *, size_t cap);

#endif
