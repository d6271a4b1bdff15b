/*
 * [fault NAME] of bmcsim.ini(5): a fault rule, kept as written.  The keys
 * are known here (an unknown one is an error with its line); their values
 * are read by the node's fault engine (src/node/fault.c), which says what
 * is wrong with one when the BMC starts.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "conf.h"
#include "model.h"

static int
fault_conf_value(
    struct ini_file *f, const struct ini_key *k, const char *v, void *target)
{
	struct model_fault *r = target;

	if (strlen(v) >= MODEL_FAULT_VALUE_MAX) {
		ini_bad_value(f, k, v, "expected at most %d characters",
		    MODEL_FAULT_VALUE_MAX - 1);
		return -1;
	}
	/* The engine reads them in order; each key is given once. */
	r->keys[r->nkeys].key = k->name;
	snprintf(r->keys[r->nkeys].value, MODEL_FAULT_VALUE_MAX, "%s", v);
	r->nkeys++;
	return 0;
}

#define FAULT_KEY(n) \
	{ \
		.name = n, .parse = fault_conf_value \
	}

/* Every key of fault_rule_set() but name, which is the section's. */
static const struct ini_key fault_conf_keys[] = {
    FAULT_KEY("bmc"),
    FAULT_KEY("peer"),
    FAULT_KEY("session"),
    FAULT_KEY("user"),
    FAULT_KEY("stage"),
    FAULT_KEY("kind"),
    FAULT_KEY("netfn"),
    FAULT_KEY("cmd"),
    FAULT_KEY("command"),
    FAULT_KEY("data"),
    FAULT_KEY("mask"),
    FAULT_KEY("transmission"),
    FAULT_KEY("action"),
    FAULT_KEY("jitter"),
    FAULT_KEY("head_of_line"),
    FAULT_KEY("probability"),
    FAULT_KEY("count"),
    FAULT_KEY("skip"),
    FAULT_KEY("every"),
    FAULT_KEY("window"),
    {.name = "disabled", .parse = fault_conf_value},
    {.name = NULL},
};

static void *
fault_conf_begin(struct ini_file *f, void *root, unsigned n, const char *name)
{
	struct model	   *m = root;
	struct model_fault *r;
	const char	   *c;
	unsigned	    i;

	(void)n;
	for (c = name; *c != '\0'; c++)
		if (!isalnum((unsigned char)*c) && *c != '-' && *c != '_' &&
		    *c != '.')
			break;
	if (*name == '\0' || *c != '\0' ||
	    strlen(name) >= MODEL_FAULT_NAME_MAX) {
		ini_error(f,
		    "[fault %s]: a name of 1 to %d letters, digits, '.', "
		    "'_' or '-' is needed",
		    name, MODEL_FAULT_NAME_MAX - 1);
		return NULL;
	}
	for (i = 0; i < m->nfaults; i++)
		if (strcmp(m->faults[i].name, name) == 0) {
			ini_error(f, "[fault %s] is defined twice", name);
			return NULL;
		}
	if (m->nfaults == MODEL_FAULTS_MAX) {
		ini_error(f, "[fault %s]: at most %d fault rules", name,
		    MODEL_FAULTS_MAX);
		return NULL;
	}
	r = &m->faults[m->nfaults++];
	memset(r, 0, sizeof(*r));
	snprintf(r->name, sizeof(r->name), "%s", name);
	r->line = ini_line(f);
	return r;
}

const struct ini_section fault_conf_section = {
    .name = "fault",
    .arg = INI_ARG_NAME,
    .keys = fault_conf_keys,
    .begin_cb = fault_conf_begin,
};
