/*
 * The System Event Log (IPMI 2.0 §31, Storage netFn 0Ah): info and
 * allocation, reservations, reading, adding and deleting entries,
 * clearing, the SEL time and its UTC offset.
 *
 * The log starts with the model's history ([sel_event N], stamped "ago"
 * seconds before the BMC started) and records the platform events the
 * rest of the BMC raises through bmc_event() (power changes, and so on),
 * as well as "log area reset/cleared" after a Clear SEL, as real BMCs do.
 * Everything is kept in the saved state: a restart finds the same
 * entries, record IDs, time offset and UTC offset, and the history is
 * not added again.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bmc_impl.h"
#include "err.h"
#include "hexdump.h"

#define CMD_SEL_GET_INFO       0x40
#define CMD_SEL_GET_ALLOC_INFO 0x41
#define CMD_SEL_RESERVE	       0x42
#define CMD_SEL_GET_ENTRY      0x43
#define CMD_SEL_ADD_ENTRY      0x44
#define CMD_SEL_DELETE_ENTRY   0x46
#define CMD_SEL_CLEAR	       0x47
#define CMD_SEL_GET_TIME       0x48
#define CMD_SEL_SET_TIME       0x49
#define CMD_SEL_GET_UTC_OFFSET 0x5c
#define CMD_SEL_SET_UTC_OFFSET 0x5d

#define SEL_VERSION	    0x51 /* IPMI 1.5 and 2.0 */
#define SEL_RECORD_LEN	    16
#define SEL_ID_FIRST	    0x0000
#define SEL_ID_LAST	    0xffff
#define SEL_TIME_NONE	    0xffffffffu
#define SEL_TYPE_SYSTEM	    0x02
#define SEL_TYPE_OEM_TS_MIN 0xc0 /* C0h-DFh: OEM, timestamped */
#define SEL_TYPE_OEM_TS_MAX 0xdf
#define SEL_TYPE_OEM_MIN    0xe0 /* E0h-FFh: OEM, not timestamped */
#define SEL_EVM_REV	    0x04 /* IPMI 1.5 and later */
#define SEL_READ_ALL	    0xff
#define SEL_CLEAR_INITIATE  0xaa
#define SEL_CLEAR_STATUS    0x00
#define SEL_ERASE_DONE	    0x01
#define SEL_UTC_UNSPECIFIED 0x07ff
#define SEL_UTC_MAX	    1440 /* minutes */

/* Get SEL Info byte 14 (§31.2). */
#define SEL_OP_OVERFLOW	  0x80
#define SEL_OP_DELETE	  0x08
#define SEL_OP_RESERVE	  0x02
#define SEL_OP_ALLOC_INFO 0x01

/* Completion code of Add, Delete: not for this record type (§31.6). */
#define SEL_CC_NOT_SUPPORTED 0x80

/* The "log area reset/cleared" offset of Event Logging Disabled. */
#define SEL_EVENT_LOG_CLEARED 0x02

struct bmc_sel {
	uint8_t (*rec)[SEL_RECORD_LEN]; /* oldest first; cap of them */
	unsigned n;
	unsigned cap;
	uint16_t next_id;
	uint16_t reservation; /* the last one given; 0: none yet */
	uint8_t	 reserved;    /* 1: it is still valid */
	uint8_t	 overflow;    /* events were dropped (or overwritten) */
	uint8_t	 restoring;   /* saved entries replace the history */
	uint32_t last_add;    /* SEL time; SEL_TIME_NONE: never */
	uint32_t last_erase;
	int64_t	 time_offset_s; /* SEL time minus real time */
	int16_t	 utc_offset;	/* minutes; SEL_UTC_UNSPECIFIED */
};

static struct bmc_sel *
sel_of(const struct bmc *b)
{
	return b->sel;
}

/* ---- the log ---- */

/* The SEL time now: real time (when known) plus the set offset. */
static uint32_t
sel_time(const struct bmc *b, uint64_t now_ms)
{
	uint64_t wall = bmc_wall_ms(b, now_ms);
	int64_t	 t;

	/* Before the real time is known: seconds since the BMC started. */
	t = wall != 0 ? (int64_t)(wall / 1000) : (int64_t)(now_ms / 1000);
	t += sel_of(b)->time_offset_s;
	if (t < 0)
		return 0;
	if (t > (int64_t)0xfffffffe)
		return 0xfffffffe;
	return (uint32_t)t;
}

static uint16_t
sel_id_at(const struct bmc_sel *s, unsigned i)
{
	return (uint16_t)(s->rec[i][0] | s->rec[i][1] << 8);
}

/* The index of a record ID (0000h first, FFFFh last), or -1. */
static int
sel_find(const struct bmc_sel *s, uint16_t id)
{
	unsigned i;

	if (s->n == 0)
		return -1;
	if (id == SEL_ID_FIRST)
		return 0;
	if (id == SEL_ID_LAST)
		return (int)s->n - 1;
	for (i = 0; i < s->n; i++)
		if (sel_id_at(s, i) == id)
			return (int)i;
	return -1;
}

/* The next record ID, never 0000h or FFFFh nor one in use. */
static uint16_t
sel_new_id(struct bmc_sel *s)
{
	uint16_t id;

	do {
		id = s->next_id;
		s->next_id = (uint16_t)(id + 1);
		if (s->next_id == SEL_ID_LAST)
			s->next_id = 1;
	} while (
	    id == SEL_ID_FIRST || id == SEL_ID_LAST || sel_find(s, id) >= 0);
	return id;
}

static void
sel_put_u32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

/*
 * Appends a record, giving it the next record ID (and a timestamp when
 * stamp is set): the ID, or -1 when the log is full and stops.  A full
 * log that overwrites drops its oldest entry.  Any change cancels the
 * reservation (§31.4).
 */
static int
sel_append(struct bmc *b, const uint8_t *rec, uint32_t stamp_time, int stamp,
    uint64_t now_ms)
{
	struct bmc_sel *s = sel_of(b);
	uint8_t	       *r;
	uint16_t	id;

	if (s->n == s->cap) {
		s->overflow = 1;
		if (!b->model->sel.overwrite || s->cap == 0)
			return -1;
		memmove(s->rec[0], s->rec[1], (s->n - 1) * SEL_RECORD_LEN);
		s->n--;
	}
	r = s->rec[s->n];
	memcpy(r, rec, SEL_RECORD_LEN);
	id = sel_new_id(s);
	r[0] = (uint8_t)id;
	r[1] = (uint8_t)(id >> 8);
	if (stamp)
		sel_put_u32(r + 3, stamp_time);
	s->n++;
	s->last_add = sel_time(b, now_ms);
	s->reserved = 0;
	b->state_generation++;
	return id;
}

/* A system event record (§32.1) for an event. */
static void
sel_event_record(uint8_t *r, const struct bmc_event *ev)
{
	memset(r, 0, SEL_RECORD_LEN);
	r[2] = SEL_TYPE_SYSTEM;
	r[7] = ev->generator;
	r[8] = 0x00; /* channel 0 (IPMB), LUN 0 */
	r[9] = SEL_EVM_REV;
	r[10] = ev->sensor_type;
	r[11] = ev->sensor_number;
	r[12] = ev->event_type;
	memcpy(r + 13, ev->data, 3);
}

/* bmc_event(): a platform event, logged unless logging is disabled. */
static void
sel_event_cb(struct bmc *b, uint64_t now_ms, const struct bmc_event *ev)
{
	uint8_t r[SEL_RECORD_LEN];

	if (!(bmc_global_enables(b) & BMC_GLOBAL_ENABLE_SEL))
		return;
	sel_event_record(r, ev);
	if (sel_append(b, r, sel_time(b, now_ms), 1, now_ms) < 0)
		bmc_log(b, "SEL full: event dropped (sensor type %02xh)",
		    ev->sensor_type);
}

/* "Log area reset/cleared", on the Event Logging Disabled sensor. */
static void
sel_log_cleared(struct bmc *b, uint64_t now_ms)
{
	struct bmc_sensor_address at = {0, 0xff};
	struct bmc_event	  ev = {
		     .generator = 0x20,
		     .sensor_type = BMC_SENSOR_TYPE_EVENT_LOGGING,
		     .event_type = 0x6f,
		     .data = {SEL_EVENT_LOG_CLEARED, 0xff, 0xff},
	 };
	uint8_t r[SEL_RECORD_LEN];

	(void)bmc_sensor_find_type(
	    b->model, BMC_SENSOR_TYPE_EVENT_LOGGING, &at);
	ev.sensor_number = at.number;
	sel_event_record(r, &ev);
	(void)sel_append(b, r, sel_time(b, now_ms), 1, now_ms);
}

/* 1 if a request's reservation ID is the valid one. */
static int
sel_reservation_ok(const struct bmc_sel *s, uint16_t id)
{
	return s->reserved && id == s->reservation;
}

/* ---- handlers ---- */

static uint8_t
sel_get_info(struct bmc *b, const struct model_request *req, struct rd *in,
    struct wr *out)
{
	struct bmc_sel *s = sel_of(b);

	(void)req;
	(void)in;
	wr_u8(out, SEL_VERSION);
	wr_u16le(out, (uint16_t)s->n);
	wr_u16le(out, (uint16_t)((s->cap - s->n) * SEL_RECORD_LEN));
	wr_u32le(out, s->last_add);
	wr_u32le(out, s->last_erase);
	wr_u8(out,
	    (uint8_t)((s->overflow ? SEL_OP_OVERFLOW : 0) | SEL_OP_DELETE |
		SEL_OP_RESERVE | SEL_OP_ALLOC_INFO));
	return IPMI_CC_OK;
}

static uint8_t
sel_get_alloc_info(struct bmc *b, const struct model_request *req,
    struct rd *in, struct wr *out)
{
	struct bmc_sel *s = sel_of(b);

	(void)req;
	(void)in;
	wr_u16le(out, (uint16_t)s->cap);
	wr_u16le(out, SEL_RECORD_LEN);		  /* one record per unit */
	wr_u16le(out, (uint16_t)(s->cap - s->n)); /* free units */
	wr_u16le(out, (uint16_t)(s->cap - s->n)); /* largest free block */
	wr_u8(out, 1);				  /* units per record */
	return IPMI_CC_OK;
}

static uint8_t
sel_reserve(struct bmc *b, const struct model_request *req, struct rd *in,
    struct wr *out)
{
	struct bmc_sel *s = sel_of(b);

	(void)req;
	(void)in;
	/* A new reservation cancels the one before (§31.4). */
	s->reservation = (uint16_t)(s->reservation + 1);
	if (s->reservation == 0)
		s->reservation = 1;
	s->reserved = 1;
	wr_u16le(out, s->reservation);
	return IPMI_CC_OK;
}

static uint8_t
sel_get_entry(struct bmc *b, const struct model_request *req, struct rd *in,
    struct wr *out)
{
	struct bmc_sel *s = sel_of(b);
	uint16_t	resv, id;
	uint8_t		off, count;
	int		i;

	(void)req;
	rd_u16le(in, &resv);
	rd_u16le(in, &id);
	rd_u8(in, &off);
	rd_u8(in, &count);
	/* Partial reads need the reservation; whole ones do not. */
	if (off != 0 && !sel_reservation_ok(s, resv))
		return IPMI_CC_INVALID_RESERVATION;
	if ((i = sel_find(s, id)) < 0)
		return IPMI_CC_NOT_PRESENT;
	if (off >= SEL_RECORD_LEN)
		return IPMI_CC_PARAM_OUT_OF_RANGE;
	if (count == SEL_READ_ALL)
		count = (uint8_t)(SEL_RECORD_LEN - off);
	else if ((unsigned)off + count > SEL_RECORD_LEN)
		return IPMI_CC_CANT_RETURN_BYTES;
	wr_u16le(out,
	    (unsigned)i + 1 < s->n ? sel_id_at(s, (unsigned)i + 1)
				   : SEL_ID_LAST);
	wr_bytes(out, s->rec[i] + off, count);
	return IPMI_CC_OK;
}

static uint8_t
sel_add_entry(struct bmc *b, const struct model_request *req, struct rd *in,
    struct wr *out)
{
	const uint8_t *p;
	uint8_t	       type;
	int	       id;

	rd_span(in, &p, SEL_RECORD_LEN);
	type = p[2];
	if (type != SEL_TYPE_SYSTEM && type < SEL_TYPE_OEM_TS_MIN)
		return SEL_CC_NOT_SUPPORTED;
	/*
	 * The BMC stamps system event records and timestamped OEM ones
	 * (§31.6); records added over IPMI are logged even when system
	 * event logging is disabled.
	 */
	id = sel_append(b, p, sel_time(b, req->now_ms),
	    type == SEL_TYPE_SYSTEM || type <= SEL_TYPE_OEM_TS_MAX,
	    req->now_ms);
	if (id < 0)
		return IPMI_CC_OUT_OF_SPACE;
	wr_u16le(out, (uint16_t)id);
	return IPMI_CC_OK;
}

static uint8_t
sel_delete_entry(struct bmc *b, const struct model_request *req, struct rd *in,
    struct wr *out)
{
	struct bmc_sel *s = sel_of(b);
	uint16_t	resv, id;
	int		i;

	(void)req;
	rd_u16le(in, &resv);
	rd_u16le(in, &id);
	if (!sel_reservation_ok(s, resv))
		return IPMI_CC_INVALID_RESERVATION;
	if ((i = sel_find(s, id)) < 0)
		return IPMI_CC_NOT_PRESENT;
	id = sel_id_at(s, (unsigned)i);
	memmove(s->rec[i], s->rec[i + 1],
	    (s->n - (unsigned)i - 1) * SEL_RECORD_LEN);
	s->n--;
	s->reserved = 0;
	s->last_erase = sel_time(b, req->now_ms);
	b->state_generation++;
	bmc_log(b, "SEL entry %04xh deleted", id);
	wr_u16le(out, id);
	return IPMI_CC_OK;
}

static uint8_t
sel_clear(struct bmc *b, const struct model_request *req, struct rd *in,
    struct wr *out)
{
	struct bmc_sel *s = sel_of(b);
	const uint8_t  *clr;
	uint16_t	resv;
	uint8_t		op;

	rd_u16le(in, &resv);
	rd_span(in, &clr, 3);
	rd_u8(in, &op);
	if (!sel_reservation_ok(s, resv))
		return IPMI_CC_INVALID_RESERVATION;
	if (memcmp(clr, "CLR", 3) != 0 ||
	    (op != SEL_CLEAR_INITIATE && op != SEL_CLEAR_STATUS))
		return IPMI_CC_INVALID_DATA_FIELD;
	if (op == SEL_CLEAR_INITIATE) {
		/* Erased at once: the status is "completed" from now on. */
		s->n = 0;
		s->overflow = 0;
		s->reserved = 0;
		s->last_erase = sel_time(b, req->now_ms);
		b->state_generation++;
		bmc_log(b, "SEL cleared");
		sel_log_cleared(b, req->now_ms);
	}
	wr_u8(out, SEL_ERASE_DONE);
	return IPMI_CC_OK;
}

static uint8_t
sel_get_time(struct bmc *b, const struct model_request *req, struct rd *in,
    struct wr *out)
{
	(void)in;
	wr_u32le(out, sel_time(b, req->now_ms));
	return IPMI_CC_OK;
}

static uint8_t
sel_set_time(struct bmc *b, const struct model_request *req, struct rd *in,
    struct wr *out)
{
	struct bmc_sel *s = sel_of(b);
	uint32_t	t;

	(void)out;
	rd_u32le(in, &t);
	s->time_offset_s = 0;
	s->time_offset_s = (int64_t)t - (int64_t)sel_time(b, req->now_ms);
	b->state_generation++;
	bmc_log(b, "SEL time set to %u (%+lld s from real time)", t,
	    (long long)s->time_offset_s);
	return IPMI_CC_OK;
}

static uint8_t
sel_get_utc_offset(struct bmc *b, const struct model_request *req,
    struct rd *in, struct wr *out)
{
	(void)req;
	(void)in;
	wr_u16le(out, (uint16_t)sel_of(b)->utc_offset);
	return IPMI_CC_OK;
}

static uint8_t
sel_set_utc_offset(struct bmc *b, const struct model_request *req,
    struct rd *in, struct wr *out)
{
	uint16_t raw;
	int16_t	 v;

	(void)req;
	(void)out;
	rd_u16le(in, &raw);
	v = (int16_t)raw;
	if (v != SEL_UTC_UNSPECIFIED && (v < -SEL_UTC_MAX || v > SEL_UTC_MAX))
		return IPMI_CC_PARAM_OUT_OF_RANGE;
	sel_of(b)->utc_offset = v;
	b->state_generation++;
	bmc_log(b, "SEL time UTC offset %d min", v);
	return IPMI_CC_OK;
}

#define STOR IPMI_NETFN_STORAGE
#define USER IPMI_PRIV_USER
#define OPER IPMI_PRIV_OPERATOR

/* Privileges as in IPMI 2.0 appendix G. */
static const struct cmd_entry sel_cmds[] = {
    {STOR, CMD_SEL_GET_INFO, USER, 0, 0, 0, sel_get_info, "Get SEL Info"},
    {STOR, CMD_SEL_GET_ALLOC_INFO, USER, 0, 0, 0, sel_get_alloc_info,
	"Get SEL Allocation Info"},
    {STOR, CMD_SEL_RESERVE, USER, 0, 0, 0, sel_reserve, "Reserve SEL"},
    {STOR, CMD_SEL_GET_ENTRY, USER, 6, 6, 0, sel_get_entry, "Get SEL Entry"},
    {STOR, CMD_SEL_ADD_ENTRY, OPER, 16, 16, 0, sel_add_entry, "Add SEL Entry"},
    {STOR, CMD_SEL_DELETE_ENTRY, OPER, 4, 4, 0, sel_delete_entry,
	"Delete SEL Entry"},
    {STOR, CMD_SEL_CLEAR, OPER, 6, 6, 0, sel_clear, "Clear SEL"},
    {STOR, CMD_SEL_GET_TIME, USER, 0, 0, 0, sel_get_time, "Get SEL Time"},
    {STOR, CMD_SEL_SET_TIME, OPER, 4, 4, 0, sel_set_time, "Set SEL Time"},
    {STOR, CMD_SEL_GET_UTC_OFFSET, USER, 0, 0, 0, sel_get_utc_offset,
	"Get SEL Time UTC Offset"},
    {STOR, CMD_SEL_SET_UTC_OFFSET, OPER, 2, 2, 0, sel_set_utc_offset,
	"Set SEL Time UTC Offset"},
};

/* ---- life cycle and saved state ---- */

/* The model's history, oldest first, stamped before the start. */
static void
sel_add_history(struct bmc *b, uint64_t now_ms)
{
	const struct model_sel *m = &b->model->sel;
	uint32_t		start = sel_time(b, now_ms);
	uint8_t			done[MODEL_SEL_EVENTS_MAX + 1] = {0};
	unsigned		i, k;

	for (;;) {
		const struct model_sel_event *e;
		struct bmc_event	      ev;
		uint8_t			      r[SEL_RECORD_LEN];
		unsigned		      oldest = 0;

		for (i = 1; i <= MODEL_SEL_EVENTS_MAX; i++)
			if (m->events[i].defined && !done[i] &&
			    (oldest == 0 ||
				m->events[i].ago_s > m->events[oldest].ago_s))
				oldest = i;
		if (oldest == 0)
			break;
		done[oldest] = 1;
		e = &m->events[oldest];
		ev.generator = e->generator;
		ev.sensor_type = e->sensor_type;
		ev.sensor_number = e->sensor_number;
		ev.event_type = e->event_type;
		for (k = 0; k < 3; k++)
			ev.data[k] = e->data[k];
		sel_event_record(r, &ev);
		(void)sel_append(
		    b, r, start > e->ago_s ? start - e->ago_s : 0, 1, now_ms);
	}
	/* The history is the model's: nothing to save for it. */
	sel_of(b)->last_add = SEL_TIME_NONE;
	sel_of(b)->reserved = 0;
}

static int
sel_init(struct bmc *b, uint64_t now_ms)
{
	struct bmc_sel *s = calloc(1, sizeof(*s));
	uint64_t	gen = b->state_generation;

	if (s == NULL)
		return ERR_NOMEM;
	s->cap = b->model->sel.capacity;
	if (s->cap > 0 && (s->rec = calloc(s->cap, SEL_RECORD_LEN)) == NULL) {
		free(s);
		return ERR_NOMEM;
	}
	s->next_id = 1;
	s->last_add = SEL_TIME_NONE;
	s->last_erase = SEL_TIME_NONE;
	s->utc_offset = SEL_UTC_UNSPECIFIED;
	b->sel = s;
	sel_add_history(b, now_ms);
	b->state_generation = gen;
	b->event_cb = sel_event_cb;
	return 0;
}

static void
sel_free(struct bmc *b)
{
	if (b->sel != NULL)
		free(b->sel->rec);
	free(b->sel);
	b->sel = NULL;
	b->event_cb = NULL;
}

static void
sel_save(const struct bmc *b, struct bmc_state_out *o)
{
	const struct bmc_sel *s = sel_of(b);
	unsigned	      i;

	bmc_state_printf(o,
	    "\n[sel]\nnext_id = %u\ntime_offset = %lld\nutc_offset = %d\n"
	    "last_add = %u\nlast_erase = %u\noverflow = %u\n",
	    s->next_id, (long long)s->time_offset_s, s->utc_offset, s->last_add,
	    s->last_erase, s->overflow);
	for (i = 0; i < s->n; i++)
		bmc_state_hex(o, "entry", s->rec[i], SEL_RECORD_LEN);
}

static int
sel_load(struct bmc *b, const char *section, const char *key, const char *value,
    struct bmc_state_in *in)
{
	struct bmc_sel *s = sel_of(b);
	char	       *end;
	long long	v;

	if (strcmp(section, "sel") != 0)
		return 0;
	if (!s->restoring) {
		/* The saved log replaces the model's history. */
		s->restoring = 1;
		s->n = 0;
	}
	if (strcmp(key, "entry") == 0) {
		uint8_t rec[SEL_RECORD_LEN];
		size_t	n;

		if (hexdump_parse(value, rec, sizeof(rec), &n) != 0 ||
		    n != SEL_RECORD_LEN) {
			bmc_state_problem(in, "entry: not 16 bytes in hex");
			return 1;
		}
		if (s->cap == 0)
			return 1;
		if (s->n == s->cap) { /* a smaller log now: keep the newest */
			memmove(
			    s->rec[0], s->rec[1], (s->n - 1) * SEL_RECORD_LEN);
			s->n--;
			s->overflow = 1;
		}
		memcpy(s->rec[s->n++], rec, SEL_RECORD_LEN);
		return 1;
	}
	v = strtoll(value, &end, 10);
	if (*value == '\0' || *end != '\0') {
		bmc_state_problem(in, "%s = %s: not a number", key, value);
		return 1;
	}
	if (strcmp(key, "next_id") == 0 && v >= 1 && v < SEL_ID_LAST)
		s->next_id = (uint16_t)v;
	else if (strcmp(key, "time_offset") == 0 && v > -(1LL << 40) &&
	    v < (1LL << 40))
		s->time_offset_s = v;
	else if (strcmp(key, "utc_offset") == 0 &&
	    (v == SEL_UTC_UNSPECIFIED ||
		(v >= -SEL_UTC_MAX && v <= SEL_UTC_MAX)))
		s->utc_offset = (int16_t)v;
	else if (strcmp(key, "last_add") == 0 && v >= 0 && v <= UINT32_MAX)
		s->last_add = (uint32_t)v;
	else if (strcmp(key, "last_erase") == 0 && v >= 0 && v <= UINT32_MAX)
		s->last_erase = (uint32_t)v;
	else if (strcmp(key, "overflow") == 0 && (v == 0 || v == 1))
		s->overflow = (uint8_t)v;
	else
		bmc_state_problem(
		    in, "unknown or out of range: %s in [sel]", key);
	return 1;
}

static void
sel_loaded(struct bmc *b)
{
	struct bmc_sel *s = sel_of(b);

	if (s->restoring)
		bmc_log(b,
		    "SEL restored: %u entries (the model's history not "
		    "added again)",
		    s->n);
	s->restoring = 0;
}

const struct bmc_area bmc_area_sel = {
    .name = "sel",
    .cmds = sel_cmds,
    .ncmds = sizeof(sel_cmds) / sizeof(sel_cmds[0]),
    .init_cb = sel_init,
    .free_cb = sel_free,
    .save_cb = sel_save,
    .load_cb = sel_load,
    .loaded_cb = sel_loaded,
};
