/*
 * The System Event Log (IPMI 2.0 section 31): Storage netFn 0Ah commands
 * 40h-49h and 5Ch-5Dh, the events the rest of the BMC logs through
 * bmc_event(), the history the model starts with ([sel_event N]) and the
 * full-log behaviour ([sel] when_full).
 *
 * Entries are 16-byte records kept oldest first in an array that grows
 * as they come (an idle fleet's BMCs hold a few entries each, not their
 * capacity).  The whole log is part of the saved state: a real BMC keeps
 * it in flash.
 */
#include <stdlib.h>
#include <string.h>

#include "bmc_impl.h"
#include "err.h"
#include "hexdump.h"
#include "sel_record.h"

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

#define SEL_RECORD_LEN	    16
#define SEL_VERSION	    0x51 /* IPMI 2.0 / 1.5 */
#define SEL_ID_FIRST	    0x0000
#define SEL_ID_LAST	    0xffff
#define SEL_UTC_UNSPECIFIED 0x07ff
/* Get SEL Info byte 14: delete, reserve and allocation info supported. */
#define SEL_OPS_SUPPORTED 0x0b
#define SEL_OVERFLOW	  0x80
/* Clear SEL: initiate erase, get erasure status; status "completed". */
#define SEL_CLEAR_INITIATE 0xaa
#define SEL_CLEAR_STATUS   0x00
#define SEL_ERASE_DONE	   0x01
/* Add/Delete SEL Entry: not for this record type (31.6). */
#define SEL_CC_RECORD_TYPE 0x80
/* The event the BMC logs when its log is cleared (table 42-3, 10h). */
#define SEL_EVENT_LOG_CLEARED 0x02
/* The record type byte (§32.1) and what the assumesystemevent quirk
 * writes there for a system event record. */
#define SEL_OFFSET_TYPE	   2
#define SEL_QUIRK_BAD_TYPE 0x01

struct sel_entry {
	uint16_t id;
	uint8_t	 rec[SEL_RECORD_LEN]; /* bytes 0-1 hold the ID too */
};

struct bmc_sel {
	struct sel_entry *e;
	size_t		  n, cap;
	uint16_t	  next_id;
	uint16_t	  reservation; /* the last one given */
	uint8_t		  reserved;    /* 1: it still holds */
	uint8_t		  overflow;
	uint32_t	  last_add;	  /* SEL time of the last addition */
	uint32_t	  last_erase;	  /* and of the last clear */
	int64_t		  time_offset_s;  /* Set SEL Time minus real time */
	int16_t		  utc_offset_min; /* 7FFh: unspecified */
	uint8_t		  restored; /* the saved log replaced the history */
	uint16_t	  event_id; /* of the last bmc_event(); 0: not logged */
};

static struct bmc_sel *
sel_of(const struct bmc *b)
{
	return b->sel;
}

/*
 * SEL time: seconds since 1970 as Set SEL Time last put it.  Before the
 * real time is known, seconds since the BMC's clock started: what the
 * specification calls a pre-init timestamp (00000000h-20000000h).
 */
static uint32_t
sel_time(const struct bmc *b, uint64_t now_ms)
{
	uint64_t wall = bmc_wall_ms(b, now_ms);
	int64_t	 t = (int64_t)((wall != 0 ? wall : now_ms) / 1000) +
	    sel_of(b)->time_offset_s;

	return t < 0 ? 0 : t > 0xfffffffe ? 0xfffffffe : (uint32_t)t;
}

/* The ID after id, never 0000h or FFFFh (they mean first and last). */
static uint16_t
sel_next_id(uint16_t id)
{
	return id >= 0xfffe ? 1 : (uint16_t)(id + 1);
}

static long
sel_find(const struct bmc_sel *s, uint16_t id)
{
	size_t i;

	if (s->n == 0)
		return -1;
	if (id == SEL_ID_FIRST)
		return 0;
	if (id == SEL_ID_LAST)
		return (long)s->n - 1;
	for (i = 0; i < s->n; i++)
		if (s->e[i].id == id)
			return (long)i;
	return -1;
}

static void
sel_remove(struct bmc_sel *s, size_t i)
{
	memmove(&s->e[i], &s->e[i + 1], (s->n - i - 1) * sizeof(s->e[0]));
	s->n--;
}

/*
 * Appends a record (its ID is set here; timestamped types get the SEL
 * time).  A full log drops its oldest entry or refuses: 0, ERR_NOSPACE
 * or ERR_NOMEM.  *id receives the record's ID.
 */
static int
sel_append(struct bmc *b, const uint8_t rec[SEL_RECORD_LEN], uint32_t when,
    int stamp, uint16_t *id)
{
	struct bmc_sel	 *s = sel_of(b);
	struct sel_entry *e;
	struct sel_record r;
	size_t		  len;

	if (s->n >= b->model->sel.capacity) {
		s->overflow = 1;
		if (!b->model->sel.overwrite)
			return ERR_NOSPACE;
		sel_remove(s, 0);
	}
	if (s->n == s->cap) {
		size_t cap = s->cap == 0 ? 8 : s->cap * 2;

		if (cap > b->model->sel.capacity)
			cap = b->model->sel.capacity;
		if ((e = realloc(s->e, cap * sizeof(*e))) == NULL)
			return ERR_NOMEM;
		s->e = e;
		s->cap = cap;
	}
	e = &s->e[s->n++];
	e->id = s->next_id;
	s->next_id = sel_next_id(s->next_id);
	memcpy(e->rec, rec, SEL_RECORD_LEN);
	/* The record ID, and the timestamp if its type has one (32.1). */
	if (sel_record_decode(rec, SEL_RECORD_LEN, &r) == 0) {
		r.id = e->id;
		if (stamp)
			r.timestamp = when;
		(void)sel_record_encode(&r, e->rec, SEL_RECORD_LEN, &len);
	}
	s->last_add = when;
	/*
	 * An addition cancels the reservation, so that a client that read
	 * the log under it cannot clear an event it has not seen (31.4).
	 */
	s->reserved = 0;
	b->state_generation++;
	if (id != NULL)
		*id = e->id;
	return 0;
}

/* A system event record (table 32-1) for an event at SEL time when. */
static void
sel_event_record(uint8_t rec[SEL_RECORD_LEN], const struct bmc_event *ev)
{
	struct sel_record r = {.type = SEL_RECORD_SYSTEM};
	size_t		  len;

	r.u.system.generator = ev->generator; /* channel 0, LUN 0 */
	r.u.system.evm_rev = SEL_RECORD_EVM_REV;
	r.u.system.sensor_type = ev->sensor_type;
	r.u.system.sensor_number = ev->sensor_number;
	r.u.system.event_type = ev->event_type;
	memcpy(r.u.system.data, ev->data, 3);
	if (sel_record_encode(&r, rec, SEL_RECORD_LEN, &len) != 0)
		memset(rec, 0, SEL_RECORD_LEN);
}

/* bmc_event() lands here, unless Set BMC Global Enables turned it off. */
static void
sel_record_event(struct bmc *b, uint64_t now_ms, const struct bmc_event *ev)
{
	uint8_t rec[SEL_RECORD_LEN];

	sel_of(b)->event_id = 0;
	if (!(bmc_global_enables(b) & BMC_GLOBAL_ENABLE_SEL))
		return;
	sel_event_record(rec, ev);
	if (sel_append(b, rec, sel_time(b, now_ms), 1, &sel_of(b)->event_id) ==
	    ERR_NOSPACE)
		bmc_log(b, "SEL full: event of sensor %02xh not logged",
		    ev->sensor_number);
}

int
bmc_sel_add_event(
    struct bmc *b, uint64_t now_ms, const struct bmc_event *ev, uint16_t *id)
{
	uint8_t rec[SEL_RECORD_LEN];

	sel_event_record(rec, ev);
	return sel_append(b, rec, sel_time(b, now_ms), 1, id);
}

void
bmc_sel_clear(struct bmc *b, uint64_t now_ms)
{
	struct bmc_sel	*s = sel_of(b);
	struct bmc_event ev = {
	    .generator = 0x20,
	    .sensor_type = BMC_SENSOR_TYPE_EVENT_LOGGING,
	    .sensor_number = 0xff,
	    .event_type = 0x6f,
	    .data = {SEL_EVENT_LOG_CLEARED, 0xff, 0xff},
	};
	struct bmc_sensor_address at;

	s->n = 0;
	s->overflow = 0;
	s->reserved = 0;
	s->last_erase = sel_time(b, now_ms);
	b->state_generation++;
	bmc_log(b, "SEL cleared");
	/* What real BMCs log first in a fresh log. */
	if (bmc_sensor_find_type(
		b->model, BMC_SENSOR_TYPE_EVENT_LOGGING, &at) == 0)
		ev.sensor_number = at.number;
	sel_record_event(b, now_ms, &ev);
}

uint16_t
bmc_sel_event_id(const struct bmc *b)
{
	return sel_of(b)->event_id;
}

void
bmc_sel_last_added(const struct bmc *b, uint32_t *when, uint16_t *id)
{
	const struct bmc_sel *s = sel_of(b);

	*when = s->last_add;
	*id = s->n > 0 ? s->e[s->n - 1].id : 0xffff;
}

unsigned
bmc_sel_count(const struct bmc *b)
{
	return (unsigned)sel_of(b)->n;
}

int
bmc_sel_entry(const struct bmc *b, unsigned i, uint8_t rec[16])
{
	const struct bmc_sel *sel = sel_of(b);

	if (i >= sel->n)
		return ERR_NOT_FOUND;
	memcpy(rec, sel->e[i].rec, SEL_RECORD_LEN);
	return 0;
}

/* ---- handlers ---- */

static uint8_t
sel_get_info(struct bmc *b, struct bmc_cmd *ctx)
{
	const struct bmc_sel *s = sel_of(b);
	size_t		      free_units = b->model->sel.capacity - s->n;

	wr_u8(&ctx->out, SEL_VERSION);
	wr_u16le(&ctx->out, (uint16_t)s->n);
	wr_u16le(&ctx->out,
	    (uint16_t)(free_units * SEL_RECORD_LEN > 0xfffe
		    ? 0xfffe
		    : free_units * SEL_RECORD_LEN));
	wr_u32le(&ctx->out, s->last_add);
	wr_u32le(&ctx->out, s->last_erase);
	wr_u8(&ctx->out, SEL_OPS_SUPPORTED | (s->overflow ? SEL_OVERFLOW : 0));
	return IPMI_CC_OK;
}

static uint8_t
sel_get_alloc_info(struct bmc *b, struct bmc_cmd *ctx)
{
	const struct bmc_sel *s = sel_of(b);
	uint16_t	      free_units;

	free_units = (uint16_t)(b->model->sel.capacity - s->n);
	wr_u16le(&ctx->out, b->model->sel.capacity);
	wr_u16le(&ctx->out, SEL_RECORD_LEN);
	wr_u16le(&ctx->out, free_units);
	wr_u16le(&ctx->out, free_units); /* one contiguous free block */
	wr_u8(&ctx->out, 1);		 /* a record takes one unit */
	return IPMI_CC_OK;
}

static uint8_t
sel_reserve(struct bmc *b, struct bmc_cmd *ctx)
{
	struct bmc_sel *s = sel_of(b);

	/* A new reservation cancels the one before (section 31.4). */
	s->reservation = (uint16_t)(s->reservation + 1);
	if (s->reservation == 0)
		s->reservation = 1;
	s->reserved = 1;
	wr_u16le(&ctx->out, s->reservation);
	return IPMI_CC_OK;
}

static int
sel_reservation_ok(const struct bmc_sel *s, uint16_t r)
{
	return s->reserved && r == s->reservation;
}

static uint8_t
sel_get_entry(struct bmc *b, struct bmc_cmd *ctx)
{
	const struct bmc_sel *s = sel_of(b);
	uint16_t	      resv, id;
	uint8_t		      offset, count, rec[SEL_RECORD_LEN];
	long		      i;

	rd_u16le(&ctx->in, &resv);
	rd_u16le(&ctx->in, &id);
	rd_u8(&ctx->in, &offset);
	rd_u8(&ctx->in, &count);
	/* A reservation is needed for partial reads only (31.5). */
	if (offset != 0 && !sel_reservation_ok(s, resv))
		return IPMI_CC_INVALID_RESERVATION;
	if ((i = sel_find(s, id)) < 0)
		return IPMI_CC_NOT_PRESENT;
	if (offset >= SEL_RECORD_LEN)
		return IPMI_CC_PARAM_OUT_OF_RANGE;
	if (count == 0xff)
		count = (uint8_t)(SEL_RECORD_LEN - offset);
	else if (offset + count > SEL_RECORD_LEN)
		return IPMI_CC_CANT_RETURN_BYTES;
	wr_u16le(&ctx->out,
	    (size_t)i + 1 < s->n ? s->e[i + 1].id : (uint16_t)SEL_ID_LAST);
	memcpy(rec, s->e[i].rec, SEL_RECORD_LEN);
	/*
	 * Quirk (HP DL380 G5): system event records (§32.1) sent under a
	 * record type no SEL defines.
	 */
	if (b->model->quirks.assumesystemevent &&
	    rec[SEL_OFFSET_TYPE] == SEL_RECORD_SYSTEM)
		rec[SEL_OFFSET_TYPE] = SEL_QUIRK_BAD_TYPE;
	wr_bytes(&ctx->out, rec + offset, count);
	return IPMI_CC_OK;
}

static uint8_t
sel_add_entry(struct bmc *b, struct bmc_cmd *ctx)
{
	uint8_t		  rec[SEL_RECORD_LEN];
	struct sel_record r;
	uint16_t	  id;
	int		  rc, stamp;

	rd_bytes(&ctx->in, rec, sizeof(rec));
	/*
	 * 02h, C0h-DFh and E0h-FFh are the record types of a SEL (§32.1):
	 * a whole record of another type is all the codec refuses.
	 */
	if (sel_record_decode(rec, sizeof(rec), &r) != 0 ||
	    !sel_record_type_valid(r.type))
		return SEL_CC_RECORD_TYPE;
	/*
	 * System events and OEM timestamped records get the SEL time.
	 * Records added over IPMI are logged whatever the global enables.
	 */
	stamp = sel_record_has_timestamp(r.type);
	rc = sel_append(b, rec, sel_time(b, ctx->req->now_ms), stamp, &id);
	if (rc == ERR_NOSPACE)
		return IPMI_CC_OUT_OF_SPACE;
	if (rc != 0)
		return IPMI_CC_UNSPECIFIED;
	wr_u16le(&ctx->out, id);
	return IPMI_CC_OK;
}

static uint8_t
sel_delete_entry(struct bmc *b, struct bmc_cmd *ctx)
{
	struct bmc_sel *s = sel_of(b);
	uint16_t	resv, id;
	long		i;

	rd_u16le(&ctx->in, &resv);
	rd_u16le(&ctx->in, &id);
	if (!sel_reservation_ok(s, resv))
		return IPMI_CC_INVALID_RESERVATION;
	if ((i = sel_find(s, id)) < 0)
		return IPMI_CC_NOT_PRESENT;
	id = s->e[i].id;
	sel_remove(s, (size_t)i);
	s->reserved = 0; /* a deletion cancels it (31.4) */
	s->last_erase = sel_time(b, ctx->req->now_ms);
	b->state_generation++;
	bmc_log(b, "SEL entry %04xh deleted", id);
	wr_u16le(&ctx->out, id);
	return IPMI_CC_OK;
}

static uint8_t
sel_clear(struct bmc *b, struct bmc_cmd *ctx)
{
	struct bmc_sel *s = sel_of(b);
	uint16_t	resv;
	uint8_t		clr[3], op;

	rd_u16le(&ctx->in, &resv);
	rd_bytes(&ctx->in, clr, 3);
	rd_u8(&ctx->in, &op);
	if (memcmp(clr, "CLR", 3) != 0 ||
	    (op != SEL_CLEAR_INITIATE && op != SEL_CLEAR_STATUS))
		return IPMI_CC_INVALID_DATA_FIELD;
	if (!sel_reservation_ok(s, resv))
		return IPMI_CC_INVALID_RESERVATION;
	if (op == SEL_CLEAR_INITIATE)
		bmc_sel_clear(b, ctx->req->now_ms);
	wr_u8(&ctx->out, SEL_ERASE_DONE);
	return IPMI_CC_OK;
}

static uint8_t
sel_get_time(struct bmc *b, struct bmc_cmd *ctx)
{
	wr_u32le(&ctx->out, sel_time(b, ctx->req->now_ms));
	return IPMI_CC_OK;
}

static uint8_t
sel_set_time(struct bmc *b, struct bmc_cmd *ctx)
{
	struct bmc_sel *s = sel_of(b);
	uint32_t	t;

	rd_u32le(&ctx->in, &t);
	s->time_offset_s = 0;
	s->time_offset_s = (int64_t)t - (int64_t)sel_time(b, ctx->req->now_ms);
	b->state_generation++;
	bmc_log(b, "SEL time set to %u (%+lld s from the real time)", t,
	    (long long)s->time_offset_s);
	return IPMI_CC_OK;
}

static uint8_t
sel_get_utc_offset(struct bmc *b, struct bmc_cmd *ctx)
{
	wr_u16le(&ctx->out, (uint16_t)sel_of(b)->utc_offset_min);
	return IPMI_CC_OK;
}

static uint8_t
sel_set_utc_offset(struct bmc *b, struct bmc_cmd *ctx)
{
	uint16_t v;
	int16_t	 min;

	rd_u16le(&ctx->in, &v);
	min = (int16_t)v;
	/* -1440..1440 minutes, or 7FFh: unspecified (31.11a). */
	if (v != SEL_UTC_UNSPECIFIED && (min < -1440 || min > 1440))
		return IPMI_CC_PARAM_OUT_OF_RANGE;
	sel_of(b)->utc_offset_min = min;
	b->state_generation++;
	bmc_log(b, "SEL time UTC offset: %d minutes", min);
	return IPMI_CC_OK;
}

#define STORAGE IPMI_NETFN_STORAGE
#define USER	IPMI_PRIV_USER
#define OPER	IPMI_PRIV_OPERATOR

/* Privileges of IPMI 2.0 appendix G. */
static const struct cmd_entry sel_cmds[] = {
    {STORAGE, CMD_SEL_GET_INFO, USER, 0, 0, 0, sel_get_info, "Get SEL Info"},
    {STORAGE, CMD_SEL_GET_ALLOC_INFO, USER, 0, 0, 0, sel_get_alloc_info,
	"Get SEL Allocation Info"},
    {STORAGE, CMD_SEL_RESERVE, USER, 0, 0, 0, sel_reserve, "Reserve SEL"},
    {STORAGE, CMD_SEL_GET_ENTRY, USER, 6, 6, 0, sel_get_entry, "Get SEL Entry"},
    {STORAGE, CMD_SEL_ADD_ENTRY, OPER, 16, 16, 0, sel_add_entry,
	"Add SEL Entry"},
    {STORAGE, CMD_SEL_DELETE_ENTRY, OPER, 4, 4, 0, sel_delete_entry,
	"Delete SEL Entry"},
    {STORAGE, CMD_SEL_CLEAR, OPER, 6, 6, 0, sel_clear, "Clear SEL"},
    {STORAGE, CMD_SEL_GET_TIME, USER, 0, 0, 0, sel_get_time, "Get SEL Time"},
    {STORAGE, CMD_SEL_SET_TIME, OPER, 4, 4, 0, sel_set_time, "Set SEL Time"},
    {STORAGE, CMD_SEL_GET_UTC_OFFSET, USER, 0, 0, 0, sel_get_utc_offset,
	"Get SEL Time UTC Offset"},
    {STORAGE, CMD_SEL_SET_UTC_OFFSET, OPER, 2, 2, 0, sel_set_utc_offset,
	"Set SEL Time UTC Offset"},
};

/* ---- life cycle and saved state ---- */

/* The model's history, oldest first, stamped before the start. */
static void
sel_add_history(struct bmc *b, uint64_t now_ms)
{
	const struct model_sel *m = &b->model->sel;
	uint8_t			rec[SEL_RECORD_LEN];
	uint32_t		start = sel_time(b, now_ms), when;
	unsigned		i, j, order[MODEL_SEL_EVENTS_MAX];
	unsigned		n = 0;

	for (i = 1; i <= MODEL_SEL_EVENTS_MAX; i++)
		if (m->events[i].defined)
			order[n++] = i;
	/* Oldest first: the largest "ago" first, then by N. */
	for (i = 1; i < n; i++)
		for (j = i; j > 0 &&
		     m->events[order[j]].ago_s > m->events[order[j - 1]].ago_s;
		     j--) {
			unsigned t = order[j];

			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	for (i = 0; i < n; i++) {
		const struct model_sel_event *e = &m->events[order[i]];
		struct bmc_event	      ev = {
				 .generator = e->generator,
				 .sensor_type = e->sensor_type,
				 .sensor_number = e->sensor_number,
				 .event_type = e->event_type,
		     };

		memcpy(ev.data, e->data, 3);
		sel_event_record(rec, &ev);
		when = start > e->ago_s ? start - e->ago_s : 0;
		(void)sel_append(b, rec, when, 1, NULL);
	}
}

static int
sel_init(struct bmc *b, uint64_t now_ms)
{
	struct bmc_sel *s = calloc(1, sizeof(*s));

	if (s == NULL)
		return ERR_NOMEM;
	s->next_id = 1;
	s->utc_offset_min = SEL_UTC_UNSPECIFIED;
	b->sel = s;
	sel_add_history(b, now_ms);
	return 0;
}

static void
sel_free(struct bmc *b)
{
	if (b->sel != NULL)
		free(b->sel->e);
	free(b->sel);
	b->sel = NULL;
}

static void
sel_save(const struct bmc *b, struct bmc_state_out *o)
{
	const struct bmc_sel *s = sel_of(b);
	size_t		      i;

	bmc_state_printf(o,
	    "\n[sel]\nnext_id = %u\noverflow = %u\nlast_add = %u\n"
	    "last_erase = %u\ntime_offset_s = %lld\nutc_offset_min = %d\n",
	    s->next_id, s->overflow, s->last_add, s->last_erase,
	    (long long)s->time_offset_s, s->utc_offset_min);
	for (i = 0; i < s->n; i++)
		bmc_state_hex(o, "entry", s->e[i].rec, SEL_RECORD_LEN);
}

static int
sel_load_number(const char *v, long long lo, long long hi, long long *out)
{
	char *end;

	if (*v == '\0')
		return -1;
	*out = strtoll(v, &end, 10);
	return *end != '\0' || *out < lo || *out > hi ? -1 : 0;
}

static int
sel_load(struct bmc *b, const char *section, const char *key, const char *value,
    struct bmc_state_in *in)
{
	struct bmc_sel *s = sel_of(b);
	uint8_t		rec[SEL_RECORD_LEN];
	size_t		n;
	long long	v;

	if (strcmp(section, "sel") != 0)
		return 0;
	/* The saved log replaces the model's history. */
	if (!s->restored) {
		s->restored = 1;
		s->n = 0;
		s->last_add = 0;
	}
	if (strcmp(key, "entry") == 0) {
		struct sel_entry *e;
		struct sel_record r;

		if (hexdump_parse(value, rec, sizeof(rec), &n) != 0 ||
		    n != SEL_RECORD_LEN) {
			bmc_state_problem(
			    in, "entry: not %d bytes of hex", SEL_RECORD_LEN);
			return 1;
		}
		/* Its record ID, and a type a SEL holds (§32.1). */
		if (sel_record_decode(rec, sizeof(rec), &r) != 0) {
			bmc_state_problem(in, "entry: not a SEL record");
			return 1;
		}
		if (s->n >= b->model->sel.capacity) {
			bmc_state_problem(in,
			    "more entries than the capacity (%u)",
			    b->model->sel.capacity);
			return 1;
		}
		if (s->n == s->cap) {
			size_t cap = s->cap == 0 ? 8 : s->cap * 2;

			if ((e = realloc(s->e, cap * sizeof(*e))) == NULL) {
				bmc_state_problem(in, "out of memory");
				return 1;
			}
			s->e = e;
			s->cap = cap;
		}
		e = &s->e[s->n++];
		memcpy(e->rec, rec, SEL_RECORD_LEN);
		e->id = r.id;
		return 1;
	}
	if (strcmp(key, "next_id") == 0 &&
	    sel_load_number(value, 1, 0xfffe, &v) == 0)
		s->next_id = (uint16_t)v;
	else if (strcmp(key, "overflow") == 0 &&
	    sel_load_number(value, 0, 1, &v) == 0)
		s->overflow = (uint8_t)v;
	else if (strcmp(key, "last_add") == 0 &&
	    sel_load_number(value, 0, UINT32_MAX, &v) == 0)
		s->last_add = (uint32_t)v;
	else if (strcmp(key, "last_erase") == 0 &&
	    sel_load_number(value, 0, UINT32_MAX, &v) == 0)
		s->last_erase = (uint32_t)v;
	else if (strcmp(key, "time_offset_s") == 0 &&
	    sel_load_number(value, -(1LL << 40), 1LL << 40, &v) == 0)
		s->time_offset_s = v;
	else if (strcmp(key, "utc_offset_min") == 0 &&
	    sel_load_number(value, -1440, SEL_UTC_UNSPECIFIED, &v) == 0)
		s->utc_offset_min = (int16_t)v;
	else
		bmc_state_problem(
		    in, "unknown or out of range: %s in [sel]", key);
	return 1;
}

static void
sel_loaded(struct bmc *b)
{
	const struct bmc_sel *s = sel_of(b);

	if (s->restored)
		bmc_log(
		    b, "SEL restored from the saved state: %zu entries", s->n);
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
    .event_cb = sel_record_event,
};
