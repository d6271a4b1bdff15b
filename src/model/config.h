/*
 * The configuration: INI files (bmcsim.ini(5)) turned into BMC instances
 * and the device models they are made from.  Loading reports every
 * problem at once, each with file:line and what is wrong, so a user fixes
 * a file in one pass.
 *
 * A file holds model sections ([identity], [user N], [channel],
 * [chassis], [lab]) that make up its own model, and instance sections:
 * [bmc NAME] (one BMC) and [fleet NAME] (count BMCs on consecutive ports
 * or addresses).  An instance uses the file's own model or, with
 * "model = FILE", the model of another file; a file is loaded once however
 * many instances use it.  A file without instance sections describes one
 * BMC at the default endpoint.
 */
#ifndef BMCSIM_CONFIG_H
#define BMCSIM_CONFIG_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"

#define CONFIG_NAME_MAX	     48
#define CONFIG_HOST_MAX	     64
#define CONFIG_LABELS_MAX    256
#define CONFIG_DEFAULT_HOST  "127.0.0.1"
#define CONFIG_DEFAULT_PORT  623
#define CONFIG_INSTANCES_MAX 65536

/* One BMC instance. */
struct config_bmc {
	char	 name[CONFIG_NAME_MAX];
	char	 host[CONFIG_HOST_MAX]; /* numeric IPv4 or IPv6 */
	uint16_t port;
	unsigned index; /* in its fleet, 1..count; 0 for a single BMC */
	const struct model *model;
	uint8_t		    system_guid[MODEL_GUID_LEN]; /* wire order */
	uint8_t		    device_guid[MODEL_GUID_LEN];
	const char	   *file; /* where it was declared */
	unsigned	    line;
	/* "k=v,k2=v2" (labels = of [bmc]/[fleet]), for selectors; "" none */
	char labels[CONFIG_LABELS_MAX];
};

struct config {
	char		  *path;
	struct config_bmc *bmcs;
	size_t		   nbmcs;
	struct model	 **models;
	size_t		   nmodels;
	char		 **files; /* names that file:line pointers refer to */
	size_t		   nfiles;
	uint8_t		   implicit; /* no instance sections in the file */
	/* bmcs indices sorted by name, for config_find_bmc(); may be NULL. */
	size_t *by_name;
};

/* Messages, each "file:line: what is wrong"; a binary file makes many. */
#define CONFIG_DIAG_MAX 100 /* messages kept */
struct config_diag {
	char **msgs;
	size_t n;
};

/*
 * Loads path.  Returns 0 with *out set, or ERR_CONFIG (every problem in
 * diag), ERR_SYSTEM (a file could not be read; said in diag) or
 * ERR_NOMEM.  diag must be zeroed by the caller and cleared with
 * config_diag_clear().
 */
int config_load(const char *path, struct config **out, struct config_diag *);
/*
 * The same from len bytes of text in memory, named name in messages (the
 * fuzzer's entry): keys that name other files are refused.
 */
int  config_load_text(const char *name, const char *text, size_t len,
     struct config **out, struct config_diag *);
void config_free(struct config *);

/*
 * Moves the only BMC of a configuration to addr_port ("HOST:PORT",
 * "[V6]:PORT").  0, or ERR_CONFIG with the reason in diag (malformed, or a
 * configuration of several BMCs).
 */
int config_set_listen(struct config *, const char *, struct config_diag *);

/*
 * Makes user ID 2 of every model an enabled administrator named name with
 * password (bmcsimd's BMCSIM_USER, BMCSIM_PASSWORD).  0, or ERR_CONFIG
 * (name empty or over 16 bytes, password over 20).
 */
int config_set_admin(struct config *, const char *name, const char *password,
    struct config_diag *);

/*
 * Makes the only BMC of a configuration count BMCs, as a [fleet NAME]
 * section of its name would: NAME-0001 on its port, then the next ports.
 * 0, ERR_CONFIG (several BMCs, port 0, ports past 65535) or ERR_NOMEM.
 */
int config_set_fleet(struct config *, unsigned count, struct config_diag *);

/*
 * Keeps the BMCs of shard index (0 to count-1): the index-th of count
 * equal runs of them in file order.  Shards 0 to count-1 together hold
 * every BMC once.  0, or ERR_CONFIG (bad index, or an empty shard).
 */
int config_select_shard(
    struct config *, unsigned index, unsigned count, struct config_diag *);

/*
 * Parses "HOST:PORT" or "[HOST]:PORT" into host and port, checking the
 * syntax of numeric IPv4 and IPv6 addresses.  0 or ERR_CONFIG.
 */
int config_parse_endpoint(const char *, char *host, size_t, uint16_t *port);

/* The instance of this name, or NULL. */
const struct config_bmc *config_find_bmc(const struct config *, const char *);
/* 1 if the two instances would behave identically. */
int config_bmc_equal(const struct config_bmc *, const struct config_bmc *);

void config_diag_add(struct config_diag *, const char *file, unsigned line,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void config_diag_clear(struct config_diag *);

/* Privilege names: "callback", "user", "operator", "admin", "oem", "none". */
int	    config_parse_priv(const char *, uint8_t *);
const char *config_priv_name(uint8_t);

#endif
