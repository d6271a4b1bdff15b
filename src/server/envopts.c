/*
 * bmcsimd's BMCSIM_* environment variables.  The daemon reads them
 * itself, rather than a start-up script turning them into options, so
 * that its container image needs no shell at run time.
 */
#include <stdio.h>
#include <string.h>

#include "config.h"
#include "envopts.h"
#include "err.h"

int
envopts_parse_count(const char *s, unsigned max, unsigned *out)
{
	unsigned long v = 0;

	if (*s == '\0')
		return ERR_INVALID_ARG;
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9')
			return ERR_INVALID_ARG;
		v = v * 10 + (unsigned)(*s - '0');
		if (v > max)
			return ERR_INVALID_ARG;
	}
	if (v == 0)
		return ERR_INVALID_ARG;
	*out = (unsigned)v;
	return 0;
}

int
envopts_parse_shard(const char *s, const char *hostname, unsigned *index,
    unsigned *count, char *err, size_t cap)
{
	const char *slash = strchr(s, '/');
	const char *digits;
	char	    num[16];
	size_t	    n;
	unsigned    i;

	if (slash == NULL ||
	    envopts_parse_count(slash + 1, CONFIG_INSTANCES_MAX, count) != 0) {
		snprintf(err, cap, "%s: give the shard as I/N, N from 1 to %d",
		    s, CONFIG_INSTANCES_MAX);
		return ERR_INVALID_ARG;
	}
	n = (size_t)(slash - s);
	if (n == 4 && strncmp(s, "host", 4) == 0) {
		/* The trailing digits: "bmcsim-2" is 2. */
		n = strlen(hostname);
		digits = hostname + n;
		while (
		    digits > hostname && digits[-1] >= '0' && digits[-1] <= '9')
			digits--;
		if (*digits == '\0' || strlen(digits) >= sizeof(num)) {
			snprintf(err, cap,
			    "%s: the host name '%s' does not end in a number",
			    s, hostname);
			return ERR_INVALID_ARG;
		}
		snprintf(num, sizeof(num), "%s", digits);
	} else if (n > 0 && n < sizeof(num)) {
		memcpy(num, s, n);
		num[n] = '\0';
	} else {
		snprintf(err, cap, "%s: give the shard as I/N or host/N", s);
		return ERR_INVALID_ARG;
	}
	/* "0" is a valid index: parse I+1 as a count. */
	if (strcmp(num, "0") == 0)
		i = 0;
	else if (num[0] == '0' ||
	    envopts_parse_count(num, CONFIG_INSTANCES_MAX, &i) != 0)
		i = *count; /* refused below */
	if (i >= *count) {
		snprintf(
		    err, cap, "%s: the shard must be 0 to %u", s, *count - 1);
		return ERR_INVALID_ARG;
	}
	*index = i;
	return 0;
}

int
envopts_apply(struct daemon_options *o, envopts_get_fn *get,
    const char *hostname, char *err, size_t cap)
{
	/* The plain strings: the variable and where it goes. */
	const struct {
		const char  *name;
		const char **dst;
	} strs[] = {
	    {"BMCSIM_CONFIG", &o->config_path},
	    {"BMCSIM_LISTEN", &o->listen},
	    {"BMCSIM_STATE_DIR", &o->state_dir},
	    {"BMCSIM_READY_FILE", &o->ready_file},
	    {"BMCSIM_USER", &o->admin_user},
	    {"BMCSIM_PASSWORD", &o->admin_password},
	};
	const char *v;
	size_t	    i;
	unsigned    n;
	char	    why[160];

	for (i = 0; i < sizeof(strs) / sizeof(strs[0]); i++)
		if ((v = get(strs[i].name)) != NULL && *v != '\0')
			*strs[i].dst = v;
	if ((v = get("BMCSIM_FLEET")) != NULL && *v != '\0') {
		if (envopts_parse_count(v, CONFIG_INSTANCES_MAX, &n) != 0) {
			snprintf(err, cap,
			    "BMCSIM_FLEET=%s: a number of BMCs from 1 to %d", v,
			    CONFIG_INSTANCES_MAX);
			return ERR_INVALID_ARG;
		}
		o->fleet = n;
	}
	if ((v = get("BMCSIM_SHARD")) != NULL && *v != '\0') {
		if (envopts_parse_shard(v, hostname, &o->shard, &o->nshards,
			why, sizeof(why)) != 0) {
			snprintf(err, cap, "BMCSIM_SHARD=%s", why);
			return ERR_INVALID_ARG;
		}
	}
	if ((v = get("BMCSIM_VERBOSE")) != NULL && *v != '\0') {
		if (strcmp(v, "0") == 0)
			n = 0;
		else if (envopts_parse_count(v, 4, &n) != 0) {
			snprintf(err, cap, "BMCSIM_VERBOSE=%s: 0 to 4", v);
			return ERR_INVALID_ARG;
		}
		o->verbosity = (int)n;
	}
	return 0;
}
