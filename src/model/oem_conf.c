/*
 * [oem N] of bmcsim.ini(5): a vendor's command answered from the model
 * (struct model_oem).
 */
#include <stddef.h>
#include <string.h>

#include "bmc.h"
#include "conf.h"
#include "hexdump.h"
#include "ipmimsg.h"
#include "model.h"

/* Bytes in hex, "0x30 0x01 ff" or "3001ff": the prefix (k->size 1) or data. */
static int
oem_conf_bytes(
    struct ini_file *f, const struct ini_key *k, const char *v, void *target)
{
	struct model_oem *o = target;
	uint8_t		  bytes[MODEL_OEM_DATA_MAX];
	size_t		  n = 0, max, len, i;
	char		  tok[2 * MODEL_OEM_DATA_MAX + 4], *t;
	const char	 *s = v;
	int		  r, is_prefix = k->size == 1;

	max = is_prefix ? MODEL_OEM_PREFIX_MAX : MODEL_OEM_DATA_MAX;
	while ((r = ini_list_next(&s, tok, sizeof(tok))) > 0) {
		t = tok;
		if (t[0] == '0' && (t[1] == 'x' || t[1] == 'X'))
			t += 2;
		len = strlen(t);
		if (len == 0 || len % 2 != 0)
			goto bad;
		for (i = 0; i < len; i += 2) {
			int hi = hexdump_digit((unsigned char)t[i]);
			int lo = hexdump_digit((unsigned char)t[i + 1]);

			if (hi < 0 || lo < 0 || n == max)
				goto bad;
			bytes[n++] = (uint8_t)(hi << 4 | lo);
		}
	}
	if (r < 0)
		goto bad;
	if (is_prefix) {
		memcpy(o->prefix, bytes, n);
		o->prefix_len = (uint8_t)n;
	} else {
		memcpy(o->data, bytes, n);
		o->data_len = (uint8_t)n;
	}
	return 0;
bad:
	ini_bad_value(
	    f, k, v, "expected at most %zu bytes in hex (0x57 0x01 0x00)", max);
	return -1;
}

static const struct ini_name oem_conf_priv_names[] = {
    {"none", 0}, /* answered outside a session too */
    {"callback", IPMI_PRIV_CALLBACK},
    {"user", IPMI_PRIV_USER},
    {"operator", IPMI_PRIV_OPERATOR},
    {"admin", IPMI_PRIV_ADMIN},
    {NULL, 0},
};

#define U(key, field, hi) \
	{ \
		.name = key, .parse = ini_type_uint, \
		.off = offsetof(struct model_oem, field), .size = 1, .min = 0, \
		.max = hi \
	}

static const struct ini_key oem_conf_keys[] = {
    U("netfn", netfn, 0x3e),
    U("cmd", cmd, 255),
    {.name = "privilege",
	.parse = ini_type_enum,
	.off = offsetof(struct model_oem, priv),
	.names = oem_conf_priv_names},
    U("completion_code", cc, 255),
    {.name = "request_prefix", .parse = oem_conf_bytes, .size = 1},
    {.name = "response", .parse = oem_conf_bytes},
    {.name = NULL},
};

static void *
oem_conf_begin(struct ini_file *f, void *root, unsigned n, const char *a)
{
	struct model_oem *o = &((struct model *)root)->oem[n];

	(void)f;
	(void)a;
	memset(o, 0, sizeof(*o));
	o->defined = 1;
	o->priv = IPMI_PRIV_USER;
	return o;
}

/* Implemented commands come first: such a section would never answer. */
static void
oem_conf_end(struct ini_file *f, void *root, void *target)
{
	const struct model_oem *o = target;
	const char	       *name = bmc_command_name(o->netfn, o->cmd);

	if (name != NULL)
		ini_error_at(f, ini_section_line(f),
		    "[oem %u]: netFn %02xh command %02xh is %s, which bmcsimd "
		    "implements, so this section would never answer; change "
		    "what it answers with the model's keys (bmcsim.ini(5)), "
		    "or name a command bmcsimd does not implement ([oem N] "
		    "and plugins answer only those)",
		    (unsigned)(o - ((const struct model *)root)->oem), o->netfn,
		    o->cmd, name);
}

const struct ini_section oem_conf_section = {
    .name = "oem",
    .arg = INI_ARG_NUMBER,
    .arg_min = 1,
    .arg_max = MODEL_OEM_MAX,
    .keys = oem_conf_keys,
    .begin_cb = oem_conf_begin,
    .end_cb = oem_conf_end,
};
