/*
 * [sel] and [sel_event N] of bmcsim.ini(5): the SEL's size, what a full
 * log does (IPMI 2.0 §31), and the history it starts with.
 */
#include <stddef.h>
#include <string.h>

#include "conf.h"
#include "hexdump.h"
#include "model.h"

struct sel_conf_event_state {
	unsigned id;  /* N of the [sel_event N] being read */
	uint8_t	 dir; /* 80h: deassertion (§32.1, event dir) */
};

static const struct ini_name sel_conf_when_full_names[] = {
    {"stop", 0},
    {"overwrite", 1},
    {NULL, 0},
};

static const struct ini_key sel_conf_keys[] = {
    {.name = "capacity",
	.parse = ini_type_uint,
	.off = offsetof(struct model_sel, capacity),
	.size = 2,
	.min = 16,
	.max = 3639},
    {.name = "when_full",
	.parse = ini_type_enum,
	.off = offsetof(struct model_sel, overwrite),
	.names = sel_conf_when_full_names},
    {.name = NULL},
};

static void *
sel_conf_begin(struct ini_file *f, void *root, unsigned n, const char *a)
{
	(void)f;
	(void)n;
	(void)a;
	return &((struct model *)root)->sel;
}

const struct ini_section sel_conf_section = {
    .name = "sel",
    .arg = INI_ARG_NONE,
    .keys = sel_conf_keys,
    .begin_cb = sel_conf_begin,
};

static const struct ini_name sel_conf_direction_names[] = {
    {"assert", 0x00},
    {"deassert", 0x80},
    {NULL, 0},
};

static int
sel_conf_direction(
    struct ini_file *f, const struct ini_key *k, const char *v, void *target)
{
	struct sel_conf_event_state *st = ini_state(f, &sel_conf_event_section);

	(void)target;
	if (ini_name_lookup(sel_conf_direction_names, v, &st->dir) != 0) {
		ini_bad_value(f, k, v, "expected assert or deassert");
		return -1;
	}
	return 0;
}

/* One to three event data bytes in hex: "0x01 0xff 0xff" or "01ffff". */
static int
sel_conf_event_data(
    struct ini_file *f, const struct ini_key *k, const char *v, void *target)
{
	struct model_sel_event *e = target;
	char			tok[16], *t;
	const char	       *s = v;
	uint8_t			bytes[3];
	size_t			n = 0, len, i;
	int			r, hi, lo;

	while ((r = ini_list_next(&s, tok, sizeof(tok))) > 0) {
		t = tok;
		if (t[0] == '0' && (t[1] == 'x' || t[1] == 'X'))
			t += 2;
		len = strlen(t);
		if (len == 0 || len % 2 != 0)
			goto bad;
		for (i = 0; i < len; i += 2) {
			hi = hexdump_digit((unsigned char)t[i]);
			lo = hexdump_digit((unsigned char)t[i + 1]);
			if (hi < 0 || lo < 0 || n == 3)
				goto bad;
			bytes[n++] = (uint8_t)(hi << 4 | lo);
		}
	}
	if (r < 0 || n == 0)
		goto bad;
	memset(e->data, 0xff, sizeof(e->data));
	memcpy(e->data, bytes, n);
	e->data_len = (uint8_t)n;
	return 0;
bad:
	ini_bad_value(
	    f, k, v, "expected one to three bytes in hex (0x01 0xff)");
	return -1;
}

#define EU(key, field, sz, lo, hi) \
	{ \
		.name = key, .parse = ini_type_uint, \
		.off = offsetof(struct model_sel_event, field), .size = sz, \
		.min = lo, .max = hi \
	}

static const struct ini_key sel_conf_event_keys[] = {
    EU("ago", ago_s, 4, 0, 10u * 365 * 86400),
    EU("generator", generator, 1, 0, 255),
    {.name = "sensor_type",
	.parse = ini_type_name_or_number,
	.off = offsetof(struct model_sel_event, sensor_type),
	.max = 0xff,
	.names = sensors_conf_type_names},
    EU("sensor", sensor_number, 1, 0, 255),
    /* The direction is added when the section ends. */
    {.name = "event_type",
	.parse = ini_type_name_or_number,
	.off = offsetof(struct model_sel_event, event_type),
	.max = 0x7f,
	.names = sensors_conf_event_type_names},
    {.name = "direction", .parse = sel_conf_direction},
    {.name = "data", .parse = sel_conf_event_data},
    {.name = NULL},
};

static void *
sel_conf_event_begin(struct ini_file *f, void *root, unsigned n, const char *a)
{
	struct sel_conf_event_state *st = ini_state(f, &sel_conf_event_section);
	struct model_sel_event	    *e = &((struct model *)root)->sel.events[n];

	(void)a;
	st->id = n;
	st->dir = 0;
	memset(e, 0, sizeof(*e));
	e->defined = 1;
	e->generator = 0x20;
	e->sensor_type = 0x12; /* system event */
	e->event_type = 0x6f;
	return e;
}

static void
sel_conf_event_end(struct ini_file *f, void *root, void *target)
{
	struct sel_conf_event_state *st = ini_state(f, &sel_conf_event_section);
	struct model_sel_event	    *e = target;

	(void)root;
	e->event_type |= st->dir;
	if (e->data_len == 0)
		ini_error_at(f, ini_section_line(f),
		    "[sel_event %u] needs data (the event data bytes, the "
		    "first holding the offset)",
		    st->id);
}

const struct ini_section sel_conf_event_section = {
    .name = "sel_event",
    .arg = INI_ARG_NUMBER,
    .arg_min = 1,
    .arg_max = MODEL_SEL_EVENTS_MAX,
    .keys = sel_conf_event_keys,
    .state_size = sizeof(struct sel_conf_event_state),
    .begin_cb = sel_conf_event_begin,
    .end_cb = sel_conf_event_end,
};
