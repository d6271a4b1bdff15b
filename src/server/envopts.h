/*
 * bmcsimd configured by its environment: BMCSIM_* variables give the
 * defaults of its options, so a container is configured without a shell
 * in it (no entrypoint script) and without rebuilding; options on the
 * command line still win.  See bmcsimd(8), ENVIRONMENT.
 */
#ifndef BMCSIM_ENVOPTS_H
#define BMCSIM_ENVOPTS_H

#include <stddef.h>

#include "daemon.h"

/* Looks a variable up: getenv(), or a table in the tests. */
typedef const char *envopts_get_fn(const char *name);

/*
 * Fills o from BMCSIM_CONFIG, BMCSIM_LISTEN, BMCSIM_STATE_DIR,
 * BMCSIM_READY_FILE, BMCSIM_USER, BMCSIM_PASSWORD (user 2 of every model,
 * an administrator), BMCSIM_FLEET, BMCSIM_SHARD and BMCSIM_VERBOSE (unset
 * or empty: left as it is); hostname resolves "host" in BMCSIM_SHARD.
 * 0, or ERR_INVALID_ARG with the reason ("BMCSIM_FLEET=x: ...") in err.
 * o keeps pointers into the environment's strings.
 */
int envopts_apply(struct daemon_options *o, envopts_get_fn *get,
    const char *hostname, char *err, size_t cap);

/*
 * "I/N" (shard I of N, I from 0 to N-1) into index and count.  I may be
 * "host": the number that ends hostname, as a Kubernetes StatefulSet's
 * pod "bmcsim-2" has its ordinal.  0, or ERR_INVALID_ARG with the reason
 * in err.
 */
int envopts_parse_shard(const char *s, const char *hostname, unsigned *index,
    unsigned *count, char *err, size_t cap);

/* A decimal count from 1 to max.  0, or ERR_INVALID_ARG. */
int envopts_parse_count(const char *s, unsigned max, unsigned *out);

#endif
