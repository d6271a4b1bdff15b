/* [system] of bmcsim.ini(5): the System Info Parameters (IPMI 2.0 §22.14a). */
#include <stddef.h>

#include "conf.h"
#include "model.h"

#define SYS(key, field) \
	{ \
		.name = key, .parse = ini_type_string, \
		.off = offsetof(struct model_system, field), \
		.size = MODEL_SYSINFO_LEN \
	}

static const struct ini_key system_conf_keys[] = {
    SYS("firmware_version", firmware_version),
    SYS("name", name),
    SYS("primary_os", primary_os),
    SYS("os_name", os_name),
    {.name = NULL},
};

static void *
system_conf_begin(struct ini_file *f, void *root, unsigned n, const char *a)
{
	(void)f;
	(void)n;
	(void)a;
	return &((struct model *)root)->system;
}

const struct ini_section system_conf_section = {
    .name = "system",
    .arg = INI_ARG_NONE,
    .keys = system_conf_keys,
    .begin_cb = system_conf_begin,
};
