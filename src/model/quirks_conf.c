/*
 * [quirks] of bmcsim.ini(5): real BMCs' bugs, one switch each, named
 * after the FreeIPMI -W workaround that copes with it, so that a client's
 * author can start the buggy BMC they need.  Every key is a boolean and
 * every default is the correct behaviour.
 */
#include <stddef.h>
#include <stdint.h>

#include "conf.h"
#include "model.h"

#define QUIRK(q) \
	{ \
		.name = #q, .parse = ini_type_bool, \
		.off = offsetof(struct model_quirks, q) \
	}

static const struct ini_key quirks_conf_keys[] = {
    QUIRK(authcap),
    QUIRK(nochecksumcheck),
    QUIRK(noauthcodecheck),
    QUIRK(idzero),
    QUIRK(endianseq),
    QUIRK(opensesspriv),
    QUIRK(integritycheckvalue),
    QUIRK(ignorescanningdisabled),
    QUIRK(assumebmcowner),
    QUIRK(assumesystemevent),
    {.name = NULL},
};

static void *
quirks_conf_begin(struct ini_file *f, void *root, unsigned n, const char *a)
{
	(void)f;
	(void)n;
	(void)a;
	return &((struct model *)root)->quirks;
}

const struct ini_section quirks_conf_section = {
    .name = "quirks",
    .arg = INI_ARG_NONE,
    .keys = quirks_conf_keys,
    .begin_cb = quirks_conf_begin,
};
