/*
 * [bmc NAME] and [fleet NAME] of bmcsim.ini(5): the instance sections of
 * a main configuration file, as written; config.c turns them into BMC
 * instances.
 */
#include <ctype.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "config.h"

#define INSTANCE_CONF_INDEX_MAX_DIGITS 5 /* of CONFIG_INSTANCES_MAX */

static int
instance_conf_listen(
    struct ini_file *f, const struct ini_key *k, const char *v, void *target)
{
	struct instance_conf *d = target;
	const char	     *why;

	if (ini_endpoint_parse(v, d->host, sizeof(d->host), &d->port,
		CONFIG_DEFAULT_PORT, &why) != 0) {
		ini_bad_value(f, k, v, "%s", why);
		return -1;
	}
	return 0;
}

static int
instance_conf_model(
    struct ini_file *f, const struct ini_key *k, const char *v, void *target)
{
	struct instance_conf *d = target;

	if (*v == '\0') {
		ini_bad_value(f, k, v, "expected a file name");
		return -1;
	}
	if (ini_path_resolve(f, k, v, &d->model_path) != 0)
		return -1;
	d->model_line = ini_line(f);
	return 0;
}

/* A label key or value: letters, digits, '.', '_', '-', '/'. */
static int
instance_conf_label_char(int c)
{
	return isalnum(c) || c == '.' || c == '_' || c == '-' || c == '/';
}

/*
 * labels = rack=r1, role=compute: kept as "rack=r1,role=compute" for
 * the control API's selectors.
 */
static int
instance_conf_labels(
    struct ini_file *f, const struct ini_key *k, const char *v, void *target)
{
	struct instance_conf *d = target;
	char		      out[CONFIG_LABELS_MAX];
	size_t		      n = 0;
	const char	     *p = v;

	while (*p != '\0') {
		int part = 0; /* 0 key, 1 value */
		int len[2] = {0, 0};

		while (*p == ' ' || *p == '\t')
			p++;
		for (; *p != '\0' && *p != ','; p++) {
			if (*p == ' ' || *p == '\t')
				continue;
			if (*p == '=' && part == 0) {
				part = 1;
			} else if (!instance_conf_label_char(
				       (unsigned char)*p)) {
				ini_bad_value(f, k, v,
				    "labels are KEY=VALUE, ... of letters, "
				    "digits, '.', '_', '-', '/'");
				return -1;
			} else
				len[part]++;
			if (n + 2 >= sizeof(out)) {
				ini_bad_value(f, k, v, "at most %d bytes",
				    CONFIG_LABELS_MAX - 1);
				return -1;
			}
			out[n++] = *p;
		}
		if (part == 0 || len[0] == 0 || len[1] == 0) {
			ini_bad_value(f, k, v, "labels are KEY=VALUE, ...");
			return -1;
		}
		if (*p == ',') {
			p++;
			out[n++] = ',';
		}
	}
	if (n > 0 && out[n - 1] == ',')
		n--;
	out[n] = '\0';
	memcpy(d->labels, out, n + 1);
	return 0;
}

static const struct ini_name instance_conf_step_names[] = {
    {"port", 0},
    {"address", 1},
    {NULL, 0},
};

#define INSTANCE_CONF_KEYS \
	{.name = "listen", .parse = instance_conf_listen}, \
	    {.name = "model", .parse = instance_conf_model}, \
	    {.name = "labels", .parse = instance_conf_labels}, \
	    {.name = "system_guid", \
		.parse = ini_type_guid, \
		.off = offsetof(struct instance_conf, system_guid)}, \
	{ \
		.name = "device_guid", .parse = ini_type_guid, \
		.off = offsetof(struct instance_conf, device_guid) \
	}

static const struct ini_key instance_conf_bmc_keys[] = {
    INSTANCE_CONF_KEYS,
    {.name = NULL},
};

static const struct ini_key instance_conf_fleet_keys[] = {
    {.name = "count",
	.parse = ini_type_uint,
	.off = offsetof(struct instance_conf, count),
	.size = 4,
	.min = 1,
	.max = CONFIG_INSTANCES_MAX},
    {.name = "step",
	.parse = ini_type_enum,
	.off = offsetof(struct instance_conf, step_address),
	.names = instance_conf_step_names},
    INSTANCE_CONF_KEYS,
    {.name = NULL},
};

/* Letters, digits, '.', '_' and '-': names appear in logs and files. */
static int
instance_conf_name_valid(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s != '\0'; s++)
		if (!isalnum((unsigned char)*s) && *s != '.' && *s != '_' &&
		    *s != '-')
			return 0;
	return 1;
}

/* A new instance section: its decl, or NULL after saying why. */
static void *
instance_conf_begin(
    struct ini_file *f, const char *kind, int fleet, const char *name)
{
	struct instance_conf_file *p = ini_user(f);
	struct instance_conf_list *l = p->list;
	struct instance_conf	  *d;
	size_t			   namemax;

	if (!p->main_file) {
		ini_error(f,
		    "[%s %s]: instance sections belong in the main "
		    "configuration file, not in a model file",
		    kind, name);
		return NULL;
	}
	/* Fleet members add "-" and up to five digits. */
	namemax = CONFIG_NAME_MAX - 1 -
	    (fleet ? 1 + INSTANCE_CONF_INDEX_MAX_DIGITS : 0);
	if (!instance_conf_name_valid(name) || strlen(name) > namemax) {
		ini_error(f,
		    "[%s %s]: a name of 1 to %zu letters, digits, '.', "
		    "'_' or '-' is needed",
		    kind, name, namemax);
		return NULL;
	}
	if (l->n == l->cap) {
		size_t cap = l->cap == 0 ? 8 : l->cap * 2;

		if ((d = realloc(l->v, cap * sizeof(*d))) == NULL) {
			ini_nomem(f);
			return NULL;
		}
		l->v = d;
		l->cap = cap;
	}
	d = &l->v[l->n++];
	memset(d, 0, sizeof(*d));
	d->fleet = (uint8_t)fleet;
	snprintf(d->name, sizeof(d->name), "%s", name);
	d->line = ini_line(f);
	snprintf(d->host, sizeof(d->host), "%s", CONFIG_DEFAULT_HOST);
	d->port = CONFIG_DEFAULT_PORT;
	d->count = 1;
	d->src = p->src;
	return d;
}

static void *
instance_conf_bmc_begin(
    struct ini_file *f, void *root, unsigned n, const char *name)
{
	(void)root;
	(void)n;
	return instance_conf_begin(f, "bmc", 0, name);
}

static void *
instance_conf_fleet_begin(
    struct ini_file *f, void *root, unsigned n, const char *name)
{
	(void)root;
	(void)n;
	return instance_conf_begin(f, "fleet", 1, name);
}

static void
instance_conf_fleet_end(struct ini_file *f, void *root, void *target)
{
	struct instance_conf *d = target;

	(void)root;
	if (ini_key_line(f, "count") == 0)
		ini_error_at(
		    f, ini_section_line(f), "[fleet %s] needs count", d->name);
}

const struct ini_section instance_conf_bmc_section = {
    .name = "bmc",
    .arg = INI_ARG_NAME,
    .keys = instance_conf_bmc_keys,
    .begin_cb = instance_conf_bmc_begin,
};

const struct ini_section instance_conf_fleet_section = {
    .name = "fleet",
    .arg = INI_ARG_NAME,
    .keys = instance_conf_fleet_keys,
    .begin_cb = instance_conf_fleet_begin,
    .end_cb = instance_conf_fleet_end,
};
