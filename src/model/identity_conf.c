/*
 * [identity] of bmcsim.ini(5): the Get Device ID fields (IPMI 2.0 §20.1)
 * and the GUIDs.
 */
#include <ctype.h>
#include <stddef.h>
#include <string.h>

#include "conf.h"
#include "hexdump.h"
#include "model.h"

/* "2.14": major 0..127, minor two decimal digits sent as BCD 14h. */
static int
identity_conf_firmware(
    struct ini_file *f, const struct ini_key *k, const char *v, void *target)
{
	struct model_identity *id = target;
	const char	      *dot = strchr(v, '.');
	char		       major[8];
	uint64_t	       n;

	if (dot == NULL || dot == v || (size_t)(dot - v) >= sizeof(major) ||
	    strlen(dot + 1) != 2 || !isdigit((unsigned char)dot[1]) ||
	    !isdigit((unsigned char)dot[2]))
		goto bad;
	memcpy(major, v, (size_t)(dot - v));
	major[dot - v] = '\0';
	if (strpbrk(major, "xX") != NULL || ini_number_parse(major, &n) != 0 ||
	    n > 127)
		goto bad;
	id->fw_major = (uint8_t)n;
	id->fw_minor_bcd = (uint8_t)((dot[1] - '0') << 4 | (dot[2] - '0'));
	return 0;
bad:
	ini_bad_value(f, k, v,
	    "expected MAJOR.MINOR, MAJOR 0 to 127 and MINOR two digits "
	    "(2.05, 2.14)");
	return -1;
}

/* "2.0" -> 02h, "1.5" -> 51h: BCD, the minor digit in the high nibble. */
static int
identity_conf_ipmi_version(
    struct ini_file *f, const struct ini_key *k, const char *v, void *target)
{
	struct model_identity *id = target;

	if (strlen(v) != 3 || !isdigit((unsigned char)v[0]) || v[1] != '.' ||
	    !isdigit((unsigned char)v[2])) {
		ini_bad_value(
		    f, k, v, "expected MAJOR.MINOR, one digit each (2.0)");
		return -1;
	}
	id->ipmi_version = (uint8_t)((v[2] - '0') << 4 | (v[0] - '0'));
	return 0;
}

/* IPMI 2.0 §20.1, Get Device ID byte 6, bit 0 to bit 7. */
static const struct ini_name identity_conf_support_names[] = {
    {"sensor", 1u << 0},
    {"sdr_repository", 1u << 1},
    {"sel", 1u << 2},
    {"fru", 1u << 3},
    {"ipmb_event_receiver", 1u << 4},
    {"ipmb_event_generator", 1u << 5},
    {"bridge", 1u << 6},
    {"chassis", 1u << 7},
    {NULL, 0},
};

static int
identity_conf_support(
    struct ini_file *f, const struct ini_key *k, const char *v, void *target)
{
	struct model_identity *id = target;
	char		       tok[32], names[200];
	const char	      *s = v;
	uint64_t	       n;
	uint8_t		       bits = 0, bit;
	int		       r;

	if (ini_number_parse(v, &n) == 0) {
		if (n > 255) {
			ini_bad_value(f, k, v, "expected a byte (0 to 255)");
			return -1;
		}
		id->additional_support = (uint8_t)n;
		return 0;
	}
	while ((r = ini_list_next(&s, tok, sizeof(tok))) > 0) {
		if (ini_name_lookup(identity_conf_support_names, tok, &bit) !=
		    0)
			break;
		bits |= bit;
	}
	if (r != 0) {
		ini_names_list(
		    identity_conf_support_names, names, sizeof(names));
		ini_bad_value(
		    f, k, v, "expected a byte or a list of: %s", names);
		return -1;
	}
	id->additional_support = bits;
	return 0;
}

/* Four bytes, "0x01020304" or "0x01 0x02 0x03 0x04", sent in that order. */
static int
identity_conf_aux_firmware(
    struct ini_file *f, const struct ini_key *k, const char *v, void *target)
{
	struct model_identity *id = target;
	uint8_t		       bytes[4];
	char		       tok[16], *t;
	const char	      *s = v;
	size_t		       ntok = 0, nbytes = 0, len, i;
	int		       r, hi, lo;

	while ((r = ini_list_next(&s, tok, sizeof(tok))) > 0) {
		t = tok;
		if (t[0] == '0' && (t[1] == 'x' || t[1] == 'X'))
			t += 2;
		len = strlen(t);
		ntok++;
		/* One token of 8 digits, or four of 1 or 2. */
		if (len != 1 && len != 2 && !(len == 8 && ntok == 1))
			goto bad;
		for (i = 0; i < len; i += 2) {
			if (len == 1) {
				hi = 0;
				lo = hexdump_digit((unsigned char)t[0]);
			} else {
				hi = hexdump_digit((unsigned char)t[i]);
				lo = hexdump_digit((unsigned char)t[i + 1]);
			}
			if (hi < 0 || lo < 0 || nbytes == 4)
				goto bad;
			bytes[nbytes++] = (uint8_t)(hi << 4 | lo);
		}
	}
	if (r < 0 || nbytes != 4 || (ntok != 1 && ntok != 4))
		goto bad;
	memcpy(id->aux_firmware, bytes, 4);
	id->has_aux_firmware = 1;
	return 0;
bad:
	ini_bad_value(f, k, v, "expected four bytes in hex (0x01020304)");
	return -1;
}

static uint64_t
identity_conf_fnv1a(uint64_t h, const char *s)
{
	for (; *s != '\0'; s++) {
		h ^= (uint8_t)*s;
		h *= 0x100000001b3ull;
	}
	return h;
}

/*
 * A GUID derived from an instance section ("bmc NAME" or "fleet NAME"):
 * a hash of the section in the time fields, version 4 and the RFC 4122
 * variant so that ipmitool decodes it as written, which (0 system, 1
 * device) in the clock sequence, and zero in the node field, where
 * identity_conf_guid_add() puts the instance index.
 */
void
identity_conf_guid_derive(uint8_t wire[MODEL_GUID_LEN], const char *kind,
    const char *name, unsigned which)
{
	uint8_t	 text[MODEL_GUID_LEN];
	uint64_t h = 0xcbf29ce484222325ull;
	unsigned i;

	h = identity_conf_fnv1a(h, "bmcsim ");
	h = identity_conf_fnv1a(h, kind);
	h = identity_conf_fnv1a(h, " ");
	h = identity_conf_fnv1a(h, name);
	memset(text, 0, sizeof(text));
	for (i = 0; i < 8; i++)
		text[i] = (uint8_t)(h >> (56 - 8 * i));
	text[6] = (uint8_t)(0x40 | (text[6] & 0x0f)); /* version 4 */
	h *= 0x100000001b3ull;
	text[8] = (uint8_t)(0x80 | ((h >> 32) & 0x3f)); /* variant 10 */
	/* Not 1x: ipmitool would try it as an RFC 4122 time stamp. */
	text[9] = (uint8_t)(0xc0 | (which & 1) << 4 | ((h >> 40) & 0x0f));
	for (i = 0; i < MODEL_GUID_LEN; i++)
		wire[i] = text[MODEL_GUID_LEN - 1 - i];
}

/* Adds n to the node field (the text's last 6 bytes, the wire's first). */
void
identity_conf_guid_add(uint8_t wire[MODEL_GUID_LEN], uint64_t n)
{
	uint64_t node = 0;
	unsigned i;

	for (i = 0; i < 6; i++)
		node |= (uint64_t)wire[i] << (8 * i);
	node += n;
	for (i = 0; i < 6; i++)
		wire[i] = (uint8_t)(node >> (8 * i));
}

#define U(key, field, sz, lo, hi) \
	{ \
		.name = key, .parse = ini_type_uint, \
		.off = offsetof(struct model_identity, field), .size = sz, \
		.min = lo, .max = hi \
	}

static const struct ini_key identity_conf_keys[] = {
    U("device_id", device_id, 1, 0, 255),
    U("device_revision", device_revision, 1, 0, 15),
    {.name = "provides_sdrs",
	.parse = ini_type_bool,
	.off = offsetof(struct model_identity, provides_sdrs)},
    {.name = "firmware", .parse = identity_conf_firmware},
    {.name = "ipmi_version", .parse = identity_conf_ipmi_version},
    {.name = "additional_device_support", .parse = identity_conf_support},
    U("manufacturer_id", manufacturer_id, 4, 0, 0xfffff),
    U("product_id", product_id, 2, 0, 0xffff),
    {.name = "aux_firmware", .parse = identity_conf_aux_firmware},
    {.name = "device_guid",
	.parse = ini_type_guid,
	.off = offsetof(struct model_identity, device_guid)},
    {.name = "system_guid",
	.parse = ini_type_guid,
	.off = offsetof(struct model_identity, system_guid)},
    {.name = NULL},
};

static void *
identity_conf_begin(struct ini_file *f, void *root, unsigned n, const char *a)
{
	(void)f;
	(void)n;
	(void)a;
	return &((struct model *)root)->identity;
}

const struct ini_section identity_conf_section = {
    .name = "identity",
    .arg = INI_ARG_NONE,
    .keys = identity_conf_keys,
    .begin_cb = identity_conf_begin,
};
