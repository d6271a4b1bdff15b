/*
 * Platform Event Filtering and alerting (IPMI 2.0 §17, §30): the PEF
 * commands of the Sensor/Event netFn, the PEF configuration parameters
 * 0-15, and the path from an event to a Platform Event Trap (PET 1.0, an
 * SNMPv1 trap) sent to the LAN alert destinations.
 *
 * Every event that reaches bmc_event() (sensor crossings, the watchdog,
 * power changes, Platform Event Messages, the control interface) comes
 * here after the SEL logged it.  Gates (PEF enabled, startup delay,
 * postpone timer) come first; then every enabled filter is matched, the
 * union of their actions taken (the global action control permitting),
 * and each alert policy set named by a matching filter is walked in entry
 * order.  A walk sends one trap at a time: to an acknowledged destination
 * it waits for a PET Acknowledge, resending the same trap (same sequence
 * number) every timeout until the retries run out, and then goes on with
 * the policy types (table 30-3) judging the entries after it.
 *
 * Traps wait in a small queue of their own until the node takes them
 * (bmc_out_take()); the walks' timers are the area's deadline.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bmc_impl.h"
#include "confparam.h"
#include "err.h"
#include "hexdump.h"
#include "snmp.h"

/* Sensor/Event netFn commands (IPMI 2.0 §30, appendix G). */
#define CMD_PEF_GET_CAPABILITIES   0x10
#define CMD_PEF_ARM_POSTPONE_TIMER 0x11
#define CMD_PEF_SET_CONFIG	   0x12
#define CMD_PEF_GET_CONFIG	   0x13
#define CMD_PEF_SET_LAST_PROCESSED 0x14
#define CMD_PEF_GET_LAST_PROCESSED 0x15
#define CMD_PEF_ALERT_IMMEDIATE	   0x16
#define CMD_PEF_PET_ACKNOWLEDGE	   0x17

#define PEF_VERSION  0x51 /* 1.5, minor in the high nibble (§30.1) */
#define PEF_REVISION 0x11 /* parameter revision (table 30-6) */
#define PEF_FILTERS  MODEL_PEF_FILTERS
#define PEF_POLICIES MODEL_PEF_POLICIES
#define PEF_FLEN     MODEL_PEF_FILTER_LEN
/* Non-volatile alert strings 1..N; string 0 is the volatile one. */
#define PEF_STRINGS	  4
#define PEF_STRING_BLOCKS 5 /* 16 bytes each: 64 characters and a NUL */
#define PEF_STRING_LEN	  (PEF_STRING_BLOCKS * 16)
/* PET 1.0: an alert string field holds at most 62 characters. */
#define PEF_PET_STRING_MAX 62

/* Actions (param 2, filter byte 1, Get PEF Capabilities byte 2). */
#define PEF_ACT_ALERT	    0x01
#define PEF_ACT_POWER_DOWN  0x02
#define PEF_ACT_RESET	    0x04
#define PEF_ACT_POWER_CYCLE 0x08
#define PEF_ACT_DIAG	    0x20
#define PEF_ACT_SUPPORTED \
	(PEF_ACT_ALERT | PEF_ACT_POWER_DOWN | PEF_ACT_RESET | \
	    PEF_ACT_POWER_CYCLE | PEF_ACT_DIAG)

/* PEF control (param 1). */
#define PEF_CTL_ENABLE	      0x01
#define PEF_CTL_EVENT_MESSAGE 0x02
#define PEF_CTL_STARTUP_DELAY 0x04
#define PEF_CTL_ALERT_DELAY   0x08

/* Arm PEF Postpone Timer (§30.2). */
#define PEF_POSTPONE_DISABLE   0x00
#define PEF_POSTPONE_TEMPORARY 0xfe
#define PEF_POSTPONE_GET       0xff

/* Alert Immediate status (§30.7). */
#define PEF_AI_NONE    0x00
#define PEF_AI_NORMAL  0x01
#define PEF_AI_FAILED  0x02
#define PEF_AI_NO_ACK  0x03
#define PEF_AI_PENDING 0xff
#define PEF_CC_AI_BUSY 0x81

/* PEF configuration parameters (table 30-6). */
enum pef_param {
	PEF_SET_IN_PROGRESS = 0,
	PEF_CONTROL = 1,
	PEF_ACTION_CONTROL = 2,
	PEF_STARTUP_DELAY = 3,
	PEF_ALERT_STARTUP_DELAY = 4,
	PEF_FILTER_COUNT = 5,
	PEF_FILTER_TABLE = 6,
	PEF_FILTER_DATA1 = 7,
	PEF_POLICY_COUNT = 8,
	PEF_POLICY_TABLE = 9,
	PEF_SYSTEM_GUID = 10,
	PEF_STRING_COUNT = 11,
	PEF_STRING_KEYS = 12,
	PEF_STRINGS_PARAM = 13
};

/* PET fields (PET 1.0 table 3, ASF 2.0 §3.1). */
#define PET_SOURCE_IPMI	    0x20
#define PET_LANGUAGE_EN	    0x19
#define PET_UTC_UNSPECIFIED (-1)
/* SEL timestamps below this are "pre-init" (§32.2): no real time. */
#define PEF_SEL_PREINIT 0x20000000u

/* System Event sensor offset 04h: PEF Action (table 42-3). */
#define PEF_EVENT_PEF_ACTION 0x04
#define PEF_ED1_EXT_IN_ED2   0xc0 /* ED2 holds the offset's extension */
/* Restart causes (table 28-11). */
#define PEF_RESTART_RESET 0x08
#define PEF_RESTART_CYCLE 0x09

#define PEF_WALKS_MAX 4 /* alert walks at once */
/* Traps waiting for the node: a ring that starts small and grows. */
#define PEF_QUEUE_FIRST 8
#define PEF_QUEUE_MAX	256
#define PEF_TRAP_MAX	200 /* a 110-byte varbind makes a 178-byte trap */

/* What an alert says of its event. */
struct pef_event {
	uint8_t	 generator;
	uint8_t	 sensor_type;
	uint8_t	 sensor_number;
	uint8_t	 event_type; /* bit 7: deassertion */
	uint8_t	 data[3];
	uint16_t record_id; /* the PET sequence number */
	uint32_t sel_time;  /* 0: not known */
};

/*
 * One alert policy set being walked (or one Alert Immediate).  The trap
 * of the entry in flight is kept for resending.
 */
struct pef_walk {
	uint8_t		 used;
	uint8_t		 immediate; /* 1: Alert Immediate, no walk */
	uint8_t		 set;	    /* policy set number */
	uint8_t		 filter;    /* the matching filter, 1..N */
	uint8_t		 severity;
	uint8_t		 next;	  /* the entry to look at next */
	int8_t		 prev_ok; /* the last attempt: -1 none, 0, 1 */
	uint8_t		 prev_channel, prev_type;
	uint8_t		 skip_channel, skip_type; /* 1: the prev_ ones */
	struct pef_event ev;
	/* The trap in flight, to an acknowledged destination. */
	uint8_t		      awaiting;
	uint8_t		      retries_left;
	uint32_t	      timeout_ms;
	uint64_t	      deadline_ms;
	struct model_out_dest to;
	uint8_t		      pet[12]; /* the PET Acknowledge key */
	size_t		      len;
	uint8_t		      trap[PEF_TRAP_MAX];
};

struct pef_out {
	struct model_out_dest to;
	size_t		      len;
	uint8_t		      trap[PEF_TRAP_MAX];
};

struct bmc_pef {
	uint8_t	 set_in_progress;
	uint8_t	 control;
	uint8_t	 action_control;
	uint8_t	 startup_delay;
	uint8_t	 alert_startup_delay;
	uint8_t	 filter[PEF_FILTERS + 1][PEF_FLEN]; /* [0] unused */
	uint8_t	 policy[PEF_POLICIES + 1][3];	    /* [0] unused */
	uint8_t	 guid[1 + MODEL_GUID_LEN];	    /* param 10 */
	uint8_t	 string_key[PEF_STRINGS + 1][2];
	uint8_t	 string[PEF_STRINGS + 1][PEF_STRING_LEN];
	uint16_t last_sw_id, last_bmc_id;
	uint8_t	 changed; /* set over IPMI: saved */
	/* The postpone timer: FEh, or the s it was armed with. */
	uint8_t	 postpone;
	uint64_t postpone_deadline_ms;
	uint8_t	 ai_status; /* Alert Immediate */
	/* 1 while an event is handled: what its actions cause is not. */
	uint8_t	 busy;
	uint64_t alerts_sent, alerts_lost;
	/* Made on the first alert: an idle BMC of a fleet costs none. */
	struct pef_walk *walks; /* PEF_WALKS_MAX */
	struct pef_out	*queue; /* a ring of q_cap */
	unsigned	 q_head, q_count, q_cap;
};

static struct bmc_pef *
pef_of(const struct bmc *b)
{
	return b->pef;
}

static void
pef_changed(struct bmc *b)
{
	pef_of(b)->changed = 1;
	b->state_generation++;
}

/* ---- the trap ---- */

/* Entity ID and instance of the sensor's SDR (PET bytes 29-30), or 0. */
static void
pef_entity(const struct bmc *b, uint8_t owner, uint8_t number, uint8_t *id,
    uint8_t *instance)
{
	const struct model	 *m = b->model;
	struct bmc_sensor_address a;
	unsigned		  i, r;

	*id = 0;
	*instance = 0;
	if (owner != 0x20)
		return;
	for (i = 0; i < m->nsensors; i++)
		for (r = 0; r < m->sensors[i].count; r++) {
			bmc_sensor_address(m, i, r, &a);
			if (a.lun == 0 && a.number == number) {
				*id = m->sensors[i].entity_id;
				*instance =
				    (uint8_t)(m->sensors[i].entity_instance +
					r);
				return;
			}
		}
}

/*
 * The alert string of a policy entry's byte 3 (table 30-3): bit 7 set
 * means the string whose key (param 12) names this filter and the set in
 * bits 6:0; clear, bits 6:0 select the string.  Its length, 0 for none.
 */
static size_t
pef_alert_string(
    const struct bmc_pef *p, uint8_t sel, uint8_t filter, const uint8_t **s)
{
	unsigned i, n = 0;

	*s = NULL;
	if (sel & 0x80) {
		for (i = 0; i <= PEF_STRINGS; i++)
			if ((p->string_key[i][0] & 0x7f) == filter &&
			    (p->string_key[i][1] & 0x7f) == (sel & 0x7f))
				break;
		if (i > PEF_STRINGS)
			return 0;
	} else if ((i = sel & 0x7f) > PEF_STRINGS)
		return 0;
	while (n < PEF_STRING_LEN && p->string[i][n] != '\0')
		n++;
	if (n == 0)
		return 0;
	*s = p->string[i];
	return n > PEF_PET_STRING_MAX ? PEF_PET_STRING_MAX : n;
}

/*
 * Builds the SNMPv1 trap of an event (PET 1.0; shared/reference/pet.md
 * §3): 0 with *len, or an error from the codec.  key gets the fields a
 * PET Acknowledge names (§30.8), in the order the command carries them.
 */
static int
pef_trap_build(const struct bmc *b, uint64_t now_ms, const struct pef_event *e,
    uint8_t severity, const uint8_t *str, size_t slen, uint8_t *out, size_t cap,
    size_t *len, uint8_t key[12])
{
	const struct bmc_pef *p = pef_of(b);
	struct pet_data	      d;
	struct snmp_trap      t;
	uint8_t		      vb[PET_DATA_FIXED_LEN + 2 + PEF_PET_STRING_MAX];
	uint8_t		      oem[2 + PEF_PET_STRING_MAX];
	char		      community[BMC_COMMUNITY_LEN + 1];
	size_t		      vblen;
	int		      rc;

	memset(&d, 0, sizeof(d));
	/* Param 10 bit 0: its GUID, else the one Get System GUID sends. */
	memcpy(d.guid, (p->guid[0] & 0x01) ? p->guid + 1 : b->system_guid,
	    sizeof(d.guid));
	d.sequence = e->record_id;
	d.timestamp = e->sel_time >= PEF_SEL_PREINIT
	    ? e->sel_time - PET_EPOCH_UNIX
	    : 0;
	d.utc_offset = PET_UTC_UNSPECIFIED;
	d.trap_source = PET_SOURCE_IPMI;
	d.event_source = PET_SOURCE_IPMI;
	d.severity = severity;
	d.sensor_device = e->generator;
	d.sensor_number = e->sensor_number;
	pef_entity(
	    b, e->generator, e->sensor_number, &d.entity, &d.entity_instance);
	memcpy(d.event_data, e->data, 3);
	d.language = PET_LANGUAGE_EN;
	d.manufacturer_id = b->model->identity.manufacturer_id;
	d.system_id = b->model->identity.product_id;
	if (slen > 0) {
		/* A FRU-style type/length field (C0h | len, 8-bit ASCII). */
		oem[0] = (uint8_t)(0xc0 | slen);
		memcpy(oem + 1, str, slen);
		oem[1 + slen] = 0xc1;
		d.oem = oem;
		d.oem_len = slen + 2;
	}
	if ((rc = pet_encode(&d, vb, sizeof(vb), &vblen)) != 0)
		return rc;

	memset(&t, 0, sizeof(t));
	bmc_lan_alert_source(b, t.agent_addr, community);
	t.version = 0;
	t.community = (const uint8_t *)community;
	t.community_len = strlen(community);
	t.enterprise = pet_enterprise_oid;
	t.generic_trap = SNMP_TRAP_ENTERPRISE_SPECIFIC;
	/* ipmi-pet reads the event from ED1: keep the offsets alike. */
	t.specific_trap = pet_specific_trap(e->sensor_type,
	    e->event_type & 0x7f, (e->event_type & 0x80) != 0,
	    e->data[0] & 0x0f);
	/* TimeTicks: the BMC's uptime in hundredths of a second. */
	t.time_stamp = (uint32_t)((now_ms - b->created_ms) / 10);
	t.vb[0].name = pet_binding_oid;
	t.vb[0].type = BER_OCTET_STRING;
	t.vb[0].value = vb;
	t.vb[0].value_len = vblen;
	t.nvb = 1;
	if ((rc = snmp_encode_trap(&t, out, cap, len)) != 0)
		return rc;
	/* Sequence, timestamp, event source, device, number, ED1-3 (LS first). */
	key[0] = (uint8_t)d.sequence;
	key[1] = (uint8_t)(d.sequence >> 8);
	key[2] = (uint8_t)d.timestamp;
	key[3] = (uint8_t)(d.timestamp >> 8);
	key[4] = (uint8_t)(d.timestamp >> 16);
	key[5] = (uint8_t)(d.timestamp >> 24);
	key[6] = d.event_source;
	key[7] = d.sensor_device;
	key[8] = d.sensor_number;
	memcpy(key + 9, e->data, 3);
	return 0;
}

/*
 * Room for one more trap: the ring made, or doubled (oldest first again)
 * up to PEF_QUEUE_MAX, so that a burst of events (a whole row of sensors
 * crossing at one tick) loses nothing while an idle BMC holds no ring.
 * 0, or ERR_NOMEM / ERR_NOSPACE.
 */
static int
pef_queue_room(struct bmc_pef *p)
{
	struct pef_out *q;
	unsigned	cap, i;

	if (p->queue != NULL && p->q_count < p->q_cap)
		return 0;
	if (p->q_cap >= PEF_QUEUE_MAX)
		return ERR_NOSPACE;
	cap = p->q_cap == 0 ? PEF_QUEUE_FIRST : p->q_cap * 2;
	if ((q = calloc(cap, sizeof(*q))) == NULL)
		return ERR_NOMEM;
	for (i = 0; i < p->q_count; i++)
		q[i] = p->queue[(p->q_head + i) % p->q_cap];
	free(p->queue);
	p->queue = q;
	p->q_head = 0;
	p->q_cap = cap;
	return 0;
}

/* Queues a trap for the node: 0, or ERR_NOSPACE / ERR_NOMEM (counted). */
static int
pef_queue_put(struct bmc *b, const struct model_out_dest *to,
    const uint8_t *trap, size_t len)
{
	struct bmc_pef *p = pef_of(b);
	struct pef_out *o;
	int		rc;

	if (len > sizeof(o->trap))
		rc = ERR_NOSPACE;
	else
		rc = pef_queue_room(p);
	if (rc != 0) {
		p->alerts_lost++;
		bmc_log(b, "alert queue full: a PET is lost");
		return rc;
	}
	o = &p->queue[(p->q_head + p->q_count) % p->q_cap];
	o->to = *to;
	o->len = len;
	memcpy(o->trap, trap, len);
	p->q_count++;
	p->alerts_sent++;
	return 0;
}

int
bmc_out_take(struct bmc *b, struct model_out *out)
{
	struct bmc_pef *p = pef_of(b);
	struct pef_out *o;

	if (p == NULL || p->q_count == 0)
		return ERR_NOT_FOUND;
	o = &p->queue[p->q_head];
	out->kind = MODEL_OUT_PET_TRAP;
	out->dest = o->to;
	out->len = o->len;
	memcpy(out->data, o->trap, o->len);
	p->q_head = (p->q_head + 1) % p->q_cap;
	p->q_count--;
	return 0;
}

/* ---- alert policies (§17.11, table 30-3) ---- */

/* 1 when the channel may alert now: LAN, alerting on, delay over. */
static int
pef_channel_may_alert(const struct bmc *b, uint8_t channel, uint64_t now_ms)
{
	const struct bmc_pef *p = pef_of(b);

	if (channel != b->channel.number || !b->channel.alerting)
		return 0;
	if ((p->control & PEF_CTL_ALERT_DELAY) &&
	    now_ms <
		b->power_changed_ms + (uint64_t)p->alert_startup_delay * 1000)
		return 0;
	return 1;
}

/*
 * Sends w's trap to destination dest of the LAN channel: 1 when sent
 * and done (unacknowledged), 2 when sent and waiting for an
 * acknowledgement, 0 when it could not be sent.
 */
static int
pef_walk_send(struct bmc *b, struct pef_walk *w, uint64_t now_ms, uint8_t dest,
    int string_sel)
{
	struct bmc_alert_dest d;
	const uint8_t	     *s;
	size_t		      slen;

	if (bmc_lan_alert_dest(b, dest, &d) != 0 || d.type != 0 ||
	    d.format != 0 || (d.ip[0] | d.ip[1] | d.ip[2] | d.ip[3]) == 0)
		return 0;
	s = NULL;
	slen = string_sel < 0
	    ? 0
	    : pef_alert_string(pef_of(b), (uint8_t)string_sel, w->filter, &s);
	if (pef_trap_build(b, now_ms, &w->ev, w->severity, s, slen, w->trap,
		sizeof(w->trap), &w->len, w->pet) != 0)
		return 0;
	memset(&w->to, 0, sizeof(w->to));
	w->to.family = 4;
	memcpy(w->to.addr, d.ip, 4);
	w->to.port = d.port;
	if (pef_queue_put(b, &w->to, w->trap, w->len) != 0)
		return 0;
	if (!d.ack)
		return 1;
	/* Table 23-4 param 18: the timeout is at least 1 s. */
	w->timeout_ms = (d.timeout_s != 0 ? d.timeout_s : 1) * 1000u;
	w->retries_left = d.retries;
	w->deadline_ms = now_ms + w->timeout_ms;
	w->awaiting = 1;
	return 2;
}

/*
 * Goes on with a walk from entry w->next until it waits for an
 * acknowledgement or ends (then w is freed).
 */
static void
pef_walk_run(struct bmc *b, struct pef_walk *w, uint64_t now_ms)
{
	struct bmc_pef *p = pef_of(b);
	int		rc;

	while (!w->awaiting && !w->immediate && w->next <= PEF_POLICIES) {
		const uint8_t	     *e = p->policy[w->next++];
		uint8_t		      type = e[0] & 0x07, chan = e[1] >> 4;
		struct bmc_alert_dest d;

		if (!(e[0] & 0x08) || (e[0] >> 4) != w->set)
			continue;
		if (w->skip_channel && chan == w->prev_channel)
			continue;
		if (w->skip_type &&
		    bmc_lan_alert_dest(b, e[1] & 0x0f, &d) == 0 &&
		    d.type == w->prev_type)
			continue;
		if (type != 0 && w->prev_ok == 1) {
			/* The previous alert went through: skip this one. */
			if (type == 2)
				break;
			if (type == 3)
				w->skip_channel = 1;
			if (type == 4)
				w->skip_type = 1;
			continue;
		}
		if (!pef_channel_may_alert(b, chan, now_ms))
			continue;
		w->prev_channel = chan;
		w->prev_type = bmc_lan_alert_dest(b, e[1] & 0x0f, &d) == 0
		    ? d.type
		    : 0;
		rc = pef_walk_send(b, w, now_ms, e[1] & 0x0f, e[2]);
		if (rc == 2)
			return;
		w->prev_ok = rc == 1;
	}
	if (!w->awaiting)
		w->used = 0;
}

/* A free walk, or NULL (counted as a lost alert). */
static struct pef_walk *
pef_walk_new(struct bmc *b)
{
	struct bmc_pef *p = pef_of(b);
	unsigned	i;

	if (p->walks == NULL &&
	    (p->walks = calloc(PEF_WALKS_MAX, sizeof(*p->walks))) == NULL) {
		p->alerts_lost++;
		return NULL;
	}
	for (i = 0; i < PEF_WALKS_MAX; i++)
		if (!p->walks[i].used) {
			memset(&p->walks[i], 0, sizeof(p->walks[i]));
			p->walks[i].used = 1;
			p->walks[i].prev_ok = -1;
			p->walks[i].next = 1;
			return &p->walks[i];
		}
	p->alerts_lost++;
	bmc_log(b, "too many alerts in progress: one is lost");
	return NULL;
}

/* The trap in flight of w ended: acknowledged (ok 1) or not. */
static void
pef_walk_done(struct bmc *b, struct pef_walk *w, int ok, uint64_t now_ms)
{
	w->awaiting = 0;
	if (w->immediate) {
		pef_of(b)->ai_status = ok ? PEF_AI_NORMAL : PEF_AI_NO_ACK;
		w->used = 0;
		return;
	}
	w->prev_ok = (int8_t)ok;
	pef_walk_run(b, w, now_ms);
}

/* ---- event filters (§17.7, table 30-2) ---- */

/*
 * One event data byte against an AND mask and two compare bytes: bits
 * with AND and compare 1 set must equal compare 2; of the bits with AND
 * set and compare 1 clear, at least one must (none such: a match).
 */
static int
pef_data_match(uint8_t data, uint8_t and, uint8_t c1, uint8_t c2)
{
	uint8_t same = (uint8_t) ~(data ^ c2);
	uint8_t any = (uint8_t)(and&~c1);

	if ((and&c1 & ~same) != 0)
		return 0;
	return any == 0 || (same & any) != 0;
}

static int
pef_filter_match(const uint8_t f[PEF_FLEN], const struct pef_event *e)
{
	uint16_t mask = (uint16_t)(f[9] | f[10] << 8);
	unsigned i;

	if (!(f[0] & 0x80))
		return 0;
	if (f[4] != 0xff && f[4] != e->generator)
		return 0;
	/* Generator ID byte 2: channel 0 and LUN 0 for every event here. */
	if (f[5] != 0xff && f[5] != 0x00)
		return 0;
	if (f[6] != 0xff && f[6] != e->sensor_type)
		return 0;
	if (f[7] != 0xff && f[7] != e->sensor_number)
		return 0;
	/* The trigger is the event type; deassertions match it too. */
	if (f[8] != 0xff && f[8] != (e->event_type & 0x7f))
		return 0;
	if (!(mask & (1u << (e->data[0] & 0x0f))))
		return 0;
	for (i = 0; i < 3; i++)
		if (!pef_data_match(e->data[i], f[11 + 3 * i], f[12 + 3 * i],
			f[13 + 3 * i]))
			return 0;
	return 1;
}

/* 1 while PEF must not act: startup delay, postpone timer. */
static int
pef_postponed(const struct bmc *b, uint64_t now_ms)
{
	const struct bmc_pef *p = pef_of(b);

	if ((p->control & PEF_CTL_STARTUP_DELAY) &&
	    now_ms < b->power_changed_ms + (uint64_t)p->startup_delay * 1000)
		return 1;
	if (p->postpone == PEF_POSTPONE_TEMPORARY)
		return 1;
	return p->postpone != 0 && now_ms < p->postpone_deadline_ms;
}

/* The power action of the highest priority (§17.6), then the others. */
static void
pef_power_action(struct bmc *b, uint8_t actions, uint64_t now_ms)
{
	if (actions & PEF_ACT_POWER_DOWN) {
		if (b->power_on)
			bmc_power_set(b, 0, now_ms, "PEF power down");
	} else if (actions & PEF_ACT_POWER_CYCLE) {
		if (b->power_on) {
			bmc_power_set(b, 0, now_ms, "PEF power cycle");
			b->pending = BMC_PENDING_POWER_ON;
			b->pending_cause = PEF_RESTART_CYCLE;
			b->pending_deadline_ms = now_ms +
			    b->model->chassis.power_cycle_interval_ms;
			b->restart_channel = 0;
		}
	} else if (actions & PEF_ACT_RESET) {
		if (b->power_on) {
			bmc_log(b, "PEF reset");
			bmc_system_boot(b, PEF_RESTART_RESET, 0, now_ms);
		}
	} else if (actions & PEF_ACT_DIAG)
		bmc_log(b, "PEF diagnostic interrupt");
}

/* The "PEF Action" system event (table 42-3, offset 04h), not filtered. */
static void
pef_log_action(struct bmc *b, uint8_t actions, uint64_t now_ms)
{
	struct bmc_event ev = {
	    .generator = 0x20,
	    .sensor_type = BMC_SENSOR_TYPE_SYSTEM_EVENT,
	    .sensor_number = 0xff,
	    .event_type = 0x6f,
	    .data = {PEF_ED1_EXT_IN_ED2 | PEF_EVENT_PEF_ACTION, actions, 0xff},
	};
	struct bmc_sensor_address at;

	if (bmc_sensor_find_type(b->model, BMC_SENSOR_TYPE_SYSTEM_EVENT, &at) ==
	    0)
		ev.sensor_number = at.number;
	(void)bmc_sel_add_event(b, now_ms, &ev, NULL);
}

/* bmc_event(): the SEL has logged the event (or not); filter it. */
static void
pef_event(struct bmc *b, uint64_t now_ms, const struct bmc_event *bev)
{
	struct bmc_pef	*p = pef_of(b);
	struct pef_event e;
	struct pef_walk *w;
	uint16_t	 last_id;
	uint16_t	 sets_done = 0;
	uint8_t		 actions = 0;
	unsigned	 i;

	memset(&e, 0, sizeof(e));
	e.generator = bev->generator;
	e.sensor_type = bev->sensor_type;
	e.sensor_number = bev->sensor_number;
	e.event_type = bev->event_type;
	memcpy(e.data, bev->data, 3);
	e.record_id = bmc_sel_event_id(b);
	if (e.record_id != 0)
		bmc_sel_last_added(b, &e.sel_time, &last_id);
	if (!(p->control & PEF_CTL_ENABLE) || pef_postponed(b, now_ms) ||
	    p->busy)
		return;
	p->busy = 1;
	for (i = 1; i <= PEF_FILTERS; i++)
		if (pef_filter_match(p->filter[i], &e))
			actions |= p->filter[i][1];
	actions &= p->action_control & PEF_ACT_SUPPORTED;
	/* Alerts first: a power action may take the network with it. */
	if (actions & PEF_ACT_ALERT)
		for (i = 1; i <= PEF_FILTERS; i++) {
			uint8_t set = p->filter[i][2] & 0x0f;

			if (!(p->filter[i][1] & PEF_ACT_ALERT) || set == 0 ||
			    !pef_filter_match(p->filter[i], &e))
				continue;
			/* Two filters naming one set: one walk. */
			if (sets_done & (1u << set))
				continue;
			sets_done |= (uint16_t)(1u << set);
			if ((w = pef_walk_new(b)) == NULL)
				break;
			w->set = set;
			w->filter = (uint8_t)i;
			w->severity = p->filter[i][3];
			w->ev = e;
			pef_walk_run(b, w, now_ms);
		}
	if (actions != 0 && (p->control & PEF_CTL_EVENT_MESSAGE))
		pef_log_action(b, actions, now_ms);
	pef_power_action(b, actions, now_ms);
	/* §17.4: the BMC has processed this record (0000h: not logged). */
	p->last_bmc_id = e.record_id;
	p->busy = 0;
}

/* ---- commands ---- */

/* §30.1: version, the actions this BMC supports, the filter count. */
static uint8_t
pef_get_capabilities(struct bmc *b, struct bmc_cmd *ctx)
{
	(void)b;
	wr_u8(&ctx->out, PEF_VERSION);
	wr_u8(&ctx->out, PEF_ACT_SUPPORTED);
	/* Must equal param 5: ipmitool lists that many filters. */
	wr_u8(&ctx->out, PEF_FILTERS);
	return IPMI_CC_OK;
}

/* §30.2: the countdown now, in seconds (FEh: PEF disabled for now). */
static uint8_t
pef_postpone_now(const struct bmc_pef *p, uint64_t now_ms)
{
	if (p->postpone == PEF_POSTPONE_TEMPORARY)
		return PEF_POSTPONE_TEMPORARY;
	if (p->postpone == 0 || now_ms >= p->postpone_deadline_ms)
		return 0;
	return (uint8_t)((p->postpone_deadline_ms - now_ms + 999) / 1000);
}

static uint8_t
pef_arm_postpone_timer(struct bmc *b, struct bmc_cmd *ctx)
{
	struct bmc_pef *p = pef_of(b);
	uint64_t	now = ctx->req->now_ms;
	uint8_t		v;

	rd_u8(&ctx->in, &v);
	if (v != PEF_POSTPONE_GET) {
		p->postpone = v;
		p->postpone_deadline_ms = v == PEF_POSTPONE_DISABLE ||
			v == PEF_POSTPONE_TEMPORARY
		    ? 0
		    : now + (uint64_t)v * 1000;
		bmc_log(b, "PEF postpone timer set to %02xh", v);
	}
	wr_u8(&ctx->out, pef_postpone_now(p, now));
	return IPMI_CC_OK;
}

/* What a Set of each parameter carries after the parameter byte. */
static const struct confparam_desc pef_params[] = {
    {PEF_SET_IN_PROGRESS, 1, 0},
    {PEF_CONTROL, 1, 0},
    {PEF_ACTION_CONTROL, 1, 0},
    {PEF_STARTUP_DELAY, 1, 0},
    {PEF_ALERT_STARTUP_DELAY, 1, 0},
    {PEF_FILTER_COUNT, 0, 1},
    {PEF_FILTER_TABLE, 1 + PEF_FLEN, 0},
    {PEF_FILTER_DATA1, 2, 0},
    {PEF_POLICY_COUNT, 0, 1},
    {PEF_POLICY_TABLE, 4, 0},
    {PEF_SYSTEM_GUID, 1 + MODEL_GUID_LEN, 0},
    {PEF_STRING_COUNT, 0, 1},
    {PEF_STRING_KEYS, 3, 0},
};

/* Alert Strings (param 13): selector, block 1..5, up to 16 bytes. */
static uint8_t
pef_set_string(struct bmc_pef *p, const uint8_t *v, size_t len)
{
	uint8_t sel, block;

	if (len < 3 || len > 2 + 16)
		return IPMI_CC_REQ_DATA_LEN_INVALID;
	sel = v[0] & 0x7f;
	block = v[1];
	if (sel > PEF_STRINGS || block == 0 || block > PEF_STRING_BLOCKS)
		return IPMI_CC_PARAM_OUT_OF_RANGE;
	memset(p->string[sel] + (block - 1) * 16, 0, 16);
	memcpy(p->string[sel] + (block - 1) * 16, v + 2, len - 2);
	return IPMI_CC_OK;
}

static uint8_t
pef_set_config(struct bmc *b, struct bmc_cmd *ctx)
{
	struct bmc_pef *p = pef_of(b);
	uint8_t		param, v[2 + PEF_FLEN], cc, n;
	size_t		len;

	rd_u8(&ctx->in, &param);
	len = rd_left(&ctx->in);
	param &= 0x7f;
	if (rd_bytes(&ctx->in, v, len) != 0)
		return IPMI_CC_REQ_DATA_LEN_INVALID;
	if (param == PEF_STRINGS_PARAM)
		cc = pef_set_string(p, v, len);
	else if ((cc = confparam_set_check(pef_params,
		      sizeof(pef_params) / sizeof(pef_params[0]), param,
		      len)) != IPMI_CC_OK)
		return cc;
	switch (param) {
	case PEF_SET_IN_PROGRESS:
		return confparam_set_in_progress(&p->set_in_progress, v[0], 0);
	case PEF_CONTROL:
		p->control = v[0] & 0x0f;
		break;
	case PEF_ACTION_CONTROL:
		p->action_control = v[0] & 0x3f;
		break;
	case PEF_STARTUP_DELAY:
		p->startup_delay = v[0];
		break;
	case PEF_ALERT_STARTUP_DELAY:
		p->alert_startup_delay = v[0];
		break;
	case PEF_FILTER_TABLE:
		if ((n = v[0] & 0x7f) == 0 || n > PEF_FILTERS)
			return IPMI_CC_PARAM_OUT_OF_RANGE;
		memcpy(p->filter[n], v + 1, PEF_FLEN);
		break;
	case PEF_FILTER_DATA1:
		if ((n = v[0] & 0x7f) == 0 || n > PEF_FILTERS)
			return IPMI_CC_PARAM_OUT_OF_RANGE;
		/*
		 * ipmitool 1.8.19's "pef filter enable" writes 00h then 80h
		 * here without reading first: the enable bit is taken, the
		 * type bits of a pre-configured filter stay.
		 */
		p->filter[n][0] = (uint8_t)((v[1] & 0x80) |
		    ((p->filter[n][0] & 0x60) == 0x40 ? 0x40 : v[1] & 0x60));
		break;
	case PEF_POLICY_TABLE:
		if ((n = v[0] & 0x7f) == 0 || n > PEF_POLICIES)
			return IPMI_CC_PARAM_OUT_OF_RANGE;
		memcpy(p->policy[n], v + 1, 3);
		break;
	case PEF_SYSTEM_GUID:
		memcpy(p->guid, v, sizeof(p->guid));
		p->guid[0] &= 0x01;
		break;
	case PEF_STRING_KEYS:
		if ((n = v[0] & 0x7f) > PEF_STRINGS)
			return IPMI_CC_PARAM_OUT_OF_RANGE;
		p->string_key[n][0] = v[1] & 0x7f;
		p->string_key[n][1] = v[2] & 0x7f;
		break;
	case PEF_STRINGS_PARAM:
		if (cc != IPMI_CC_OK)
			return cc;
		break;
	}
	pef_changed(b);
	bmc_log(b, "PEF configuration parameter %u set", param);
	return IPMI_CC_OK;
}

static uint8_t
pef_get_config(struct bmc *b, struct bmc_cmd *ctx)
{
	const struct bmc_pef *p = pef_of(b);
	uint8_t		      param, set, block;

	rd_u8(&ctx->in, &param);
	rd_u8(&ctx->in, &set);
	rd_u8(&ctx->in, &block);
	if ((param & 0x7f) > PEF_STRINGS_PARAM)
		return CONFPARAM_CC_NOT_SUPPORTED;
	if (confparam_get_revision(&ctx->out, PEF_REVISION, param))
		return IPMI_CC_OK;
	switch (param & 0x7f) {
	case PEF_SET_IN_PROGRESS:
		wr_u8(&ctx->out, p->set_in_progress);
		break;
	case PEF_CONTROL:
		wr_u8(&ctx->out, p->control);
		break;
	case PEF_ACTION_CONTROL:
		wr_u8(&ctx->out, p->action_control);
		break;
	case PEF_STARTUP_DELAY:
		wr_u8(&ctx->out, p->startup_delay);
		break;
	case PEF_ALERT_STARTUP_DELAY:
		wr_u8(&ctx->out, p->alert_startup_delay);
		break;
	case PEF_FILTER_COUNT:
		wr_u8(&ctx->out, PEF_FILTERS);
		break;
	case PEF_FILTER_TABLE:
	case PEF_FILTER_DATA1:
		if ((set &= 0x7f) == 0 || set > PEF_FILTERS)
			return IPMI_CC_PARAM_OUT_OF_RANGE;
		wr_u8(&ctx->out, set);
		wr_bytes(&ctx->out, p->filter[set],
		    (param & 0x7f) == PEF_FILTER_TABLE ? PEF_FLEN : 1);
		break;
	case PEF_POLICY_COUNT:
		wr_u8(&ctx->out, PEF_POLICIES);
		break;
	case PEF_POLICY_TABLE:
		if ((set &= 0x7f) == 0 || set > PEF_POLICIES)
			return IPMI_CC_PARAM_OUT_OF_RANGE;
		wr_u8(&ctx->out, set);
		wr_bytes(&ctx->out, p->policy[set], 3);
		break;
	case PEF_SYSTEM_GUID:
		wr_bytes(&ctx->out, p->guid, sizeof(p->guid));
		break;
	case PEF_STRING_COUNT:
		wr_u8(&ctx->out, PEF_STRINGS);
		break;
	case PEF_STRING_KEYS:
		if ((set &= 0x7f) > PEF_STRINGS)
			return IPMI_CC_PARAM_OUT_OF_RANGE;
		wr_u8(&ctx->out, set);
		wr_bytes(&ctx->out, p->string_key[set], 2);
		break;
	case PEF_STRINGS_PARAM:
		if ((set &= 0x7f) > PEF_STRINGS || block == 0 ||
		    block > PEF_STRING_BLOCKS)
			return IPMI_CC_PARAM_OUT_OF_RANGE;
		wr_u8(&ctx->out, set);
		wr_u8(&ctx->out, block);
		wr_bytes(&ctx->out, p->string[set] + (block - 1) * 16, 16);
		break;
	}
	return IPMI_CC_OK;
}

/* §30.4: byte 1 bit 0 says whose ID it is: 0 software, 1 the BMC. */
static uint8_t
pef_set_last_processed(struct bmc *b, struct bmc_cmd *ctx)
{
	struct bmc_pef *p = pef_of(b);
	uint8_t		which;
	uint16_t	id;

	rd_u8(&ctx->in, &which);
	rd_u16le(&ctx->in, &id);
	if (which & 0x01)
		p->last_bmc_id = id;
	else
		p->last_sw_id = id;
	pef_changed(b);
	return IPMI_CC_OK;
}

static uint8_t
pef_get_last_processed(struct bmc *b, struct bmc_cmd *ctx)
{
	const struct bmc_pef *p = pef_of(b);
	uint32_t	      when;
	uint16_t	      last;

	bmc_sel_last_added(b, &when, &last);
	wr_u32le(&ctx->out, when);
	wr_u16le(&ctx->out, last);
	wr_u16le(&ctx->out, p->last_sw_id);
	wr_u16le(&ctx->out, p->last_bmc_id);
	return IPMI_CC_OK;
}

/*
 * §30.7: a trap straight to (channel, destination), no filter, no
 * policy; its status read and cleared with the same command.
 */
static uint8_t
pef_alert_immediate(struct bmc *b, struct bmc_cmd *ctx)
{
	struct bmc_pef	*p = pef_of(b);
	struct pef_walk *w;
	uint8_t		 chan, op, dest, str, evm;
	unsigned	 i;
	int		 rc;

	rd_u8(&ctx->in, &chan);
	rd_u8(&ctx->in, &op);
	rd_u8(&ctx->in, &str);
	dest = op & 0x0f;
	chan &= 0x0f;
	switch (op >> 6) {
	case 1: /* get status */
		wr_u8(&ctx->out, p->ai_status);
		return IPMI_CC_OK;
	case 2: /* clear status */
		p->ai_status = PEF_AI_NONE;
		return IPMI_CC_OK;
	case 3:
		return IPMI_CC_INVALID_DATA_FIELD;
	}
	if (rd_left(&ctx->in) != 0 && rd_left(&ctx->in) != 8)
		return IPMI_CC_REQ_DATA_LEN_INVALID;
	if (p->ai_status == PEF_AI_PENDING)
		return PEF_CC_AI_BUSY;
	if (bmc_lan_channel(b, ctx->req, chan) < 0)
		return IPMI_CC_INVALID_DATA_FIELD;
	if ((w = pef_walk_new(b)) == NULL)
		return PEF_CC_AI_BUSY;
	w->immediate = 1;
	w->filter = 0;
	/* Without event bytes: an unspecified event, offset 0Fh. */
	w->ev.generator = 0x20;
	w->ev.sensor_number = 0xff;
	w->ev.data[0] = 0x0f;
	w->ev.data[1] = 0xff;
	w->ev.data[2] = 0xff;
	if (rd_left(&ctx->in) == 8) {
		rd_u8(&ctx->in, &w->ev.generator);
		rd_u8(&ctx->in, &evm);
		rd_u8(&ctx->in, &w->ev.sensor_type);
		rd_u8(&ctx->in, &w->ev.sensor_number);
		rd_u8(&ctx->in, &w->ev.event_type);
		for (i = 0; i < 3; i++)
			rd_u8(&ctx->in, &w->ev.data[i]);
	}
	rc = pef_walk_send(b, w, ctx->req->now_ms, dest,
	    (str & 0x80) ? (int)(str & 0x7f) : -1);
	if (rc == 2)
		p->ai_status = PEF_AI_PENDING;
	else {
		p->ai_status = rc == 1 ? PEF_AI_NORMAL : PEF_AI_FAILED;
		w->used = 0;
	}
	return IPMI_CC_OK;
}

/*
 * §30.8: stops the resends of the trap it names.  Answered 00h whether
 * or not one matches (as iDRAC does), and outside a session: FreeIPMI's
 * ipmi-pet sends it in a sessionless IPMI 1.5 wrapper.
 */
static uint8_t
pef_pet_acknowledge(struct bmc *b, struct bmc_cmd *ctx)
{
	struct bmc_pef *p = pef_of(b);
	uint8_t		key[12];
	unsigned	i;

	rd_bytes(&ctx->in, key, sizeof(key));
	for (i = 0; p->walks != NULL && i < PEF_WALKS_MAX; i++) {
		struct pef_walk *w = &p->walks[i];

		if (w->used && w->awaiting &&
		    memcmp(w->pet, key, sizeof(key)) == 0) {
			bmc_log(b, "PET %04xh acknowledged",
			    (unsigned)(key[0] | key[1] << 8));
			pef_walk_done(b, w, 1, ctx->req->now_ms);
		}
	}
	return IPMI_CC_OK;
}

#define SE	 IPMI_NETFN_SENSOR
#define USER	 IPMI_PRIV_USER
#define OPERATOR IPMI_PRIV_OPERATOR
#define ADMIN	 IPMI_PRIV_ADMIN

/* Privileges of IPMI 2.0 appendix G. */
static const struct cmd_entry pef_cmds[] = {
    /* netfn, cmd, privilege, min, max, sessionless, handler, name */
    {SE, CMD_PEF_GET_CAPABILITIES, USER, 0, 0, 0, pef_get_capabilities,
	"Get PEF Capabilities"},
    {SE, CMD_PEF_ARM_POSTPONE_TIMER, ADMIN, 1, 1, 0, pef_arm_postpone_timer,
	"Arm PEF Postpone Timer"},
    {SE, CMD_PEF_SET_CONFIG, ADMIN, 1, 2 + PEF_FLEN, 0, pef_set_config,
	"Set PEF Configuration Parameters"},
    {SE, CMD_PEF_GET_CONFIG, OPERATOR, 3, 3, 0, pef_get_config,
	"Get PEF Configuration Parameters"},
    {SE, CMD_PEF_SET_LAST_PROCESSED, ADMIN, 3, 3, 0, pef_set_last_processed,
	"Set Last Processed Event ID"},
    {SE, CMD_PEF_GET_LAST_PROCESSED, ADMIN, 0, 0, 0, pef_get_last_processed,
	"Get Last Processed Event ID"},
    {SE, CMD_PEF_ALERT_IMMEDIATE, ADMIN, 3, 11, 0, pef_alert_immediate,
	"Alert Immediate"},
    {SE, CMD_PEF_PET_ACKNOWLEDGE, USER, 12, 12, 1, pef_pet_acknowledge,
	"PET Acknowledge"},
};

/* ---- timers ---- */

static uint64_t
pef_deadline(const struct bmc *b)
{
	const struct bmc_pef *p = pef_of(b);
	uint64_t	      t = UINT64_MAX;
	unsigned	      i;

	for (i = 0; p->walks != NULL && i < PEF_WALKS_MAX; i++)
		if (p->walks[i].used && p->walks[i].awaiting &&
		    p->walks[i].deadline_ms < t)
			t = p->walks[i].deadline_ms;
	return t;
}

/* An unacknowledged trap: the same again, or give up when none are left. */
static void
pef_tick(struct bmc *b, uint64_t now_ms)
{
	struct bmc_pef *p = pef_of(b);
	unsigned	i;

	if (p->postpone != 0 && p->postpone != PEF_POSTPONE_TEMPORARY &&
	    now_ms >= p->postpone_deadline_ms)
		p->postpone = 0;
	for (i = 0; p->walks != NULL && i < PEF_WALKS_MAX; i++) {
		struct pef_walk *w = &p->walks[i];

		if (!w->used || !w->awaiting || now_ms < w->deadline_ms)
			continue;
		if (w->retries_left > 0) {
			w->retries_left--;
			w->deadline_ms = now_ms + w->timeout_ms;
			(void)pef_queue_put(b, &w->to, w->trap, w->len);
		} else {
			bmc_log(b, "PET %04xh not acknowledged",
			    (unsigned)w->ev.record_id);
			pef_walk_done(b, w, 0, now_ms);
		}
	}
}

/* ---- life cycle and saved state ---- */

static int
pef_init(struct bmc *b, uint64_t now_ms)
{
	const struct model_pef *m = &b->model->pef;
	struct bmc_pef	       *p = calloc(1, sizeof(*p));
	unsigned		i;

	(void)now_ms;
	if (p == NULL)
		return ERR_NOMEM;
	p->control = (uint8_t)((m->enable ? PEF_CTL_ENABLE : 0) |
	    (m->event_messages ? PEF_CTL_EVENT_MESSAGE : 0) |
	    (m->startup_delay ? PEF_CTL_STARTUP_DELAY : 0) |
	    (m->alert_startup_delay ? PEF_CTL_ALERT_DELAY : 0));
	p->action_control = m->action_control;
	p->startup_delay = m->startup_delay;
	p->alert_startup_delay = m->alert_startup_delay;
	for (i = 1; i <= PEF_FILTERS; i++) {
		const struct model_pef_filter *f = &m->filters[i];
		uint8_t			      *e = p->filter[i];

		if (!f->defined)
			continue;
		/* Byte 0 bits 6:5 = 10b: manufacturer pre-configured. */
		e[0] = (uint8_t)((f->enabled ? 0x80 : 0) | 0x40);
		e[1] = f->action;
		e[2] = f->policy;
		e[3] = f->severity;
		e[4] = f->generator;
		e[5] = 0xff;
		e[6] = f->sensor_type;
		e[7] = f->sensor_number;
		e[8] = f->trigger;
		e[9] = (uint8_t)f->offsets;
		e[10] = (uint8_t)(f->offsets >> 8);
	}
	for (i = 1; i <= PEF_POLICIES; i++) {
		const struct model_pef_policy *a = &m->policies[i];

		if (!a->defined)
			continue;
		p->policy[i][0] = (uint8_t)(a->policy << 4 |
		    (a->enabled ? 0x08 : 0) | a->type);
		p->policy[i][1] = (uint8_t)(a->channel << 4 | a->destination);
		p->policy[i][2] = a->string;
	}
	memcpy(p->string[1], m->string, strlen(m->string));
	b->pef = p;
	return 0;
}

static void
pef_free(struct bmc *b)
{
	struct bmc_pef *p = pef_of(b);

	if (p == NULL)
		return;
	free(p->walks);
	free(p->queue);
	free(p);
	b->pef = NULL;
}

/* Cold Reset: alerts in flight and the postpone timer are volatile. */
static void
pef_reset(struct bmc *b, const struct model_request *req)
{
	struct bmc_pef *p = pef_of(b);

	(void)req;
	if (p->walks != NULL)
		memset(p->walks, 0, PEF_WALKS_MAX * sizeof(*p->walks));
	p->postpone = 0;
	p->ai_status = PEF_AI_NONE;
	p->set_in_progress = 0;
}

static void
pef_save(const struct bmc *b, struct bmc_state_out *o)
{
	const struct bmc_pef *p = pef_of(b);
	char		      key[16];
	unsigned	      i;

	if (!p->changed)
		return;
	bmc_state_printf(o, "\n[pef]\n");
	bmc_state_printf(o, "control = %u %u %u %u\n", p->control,
	    p->action_control, p->startup_delay, p->alert_startup_delay);
	for (i = 1; i <= PEF_FILTERS; i++) {
		snprintf(key, sizeof(key), "filter.%u", i);
		bmc_state_hex(o, key, p->filter[i], PEF_FLEN);
	}
	for (i = 1; i <= PEF_POLICIES; i++) {
		snprintf(key, sizeof(key), "policy.%u", i);
		bmc_state_hex(o, key, p->policy[i], 3);
	}
	bmc_state_hex(o, "guid", p->guid, sizeof(p->guid));
	for (i = 1; i <= PEF_STRINGS; i++) {
		snprintf(key, sizeof(key), "key.%u", i);
		bmc_state_hex(o, key, p->string_key[i], 2);
		snprintf(key, sizeof(key), "string.%u", i);
		bmc_state_hex(o, key, p->string[i], PEF_STRING_LEN);
	}
	bmc_state_printf(
	    o, "last_processed = %u %u\n", p->last_sw_id, p->last_bmc_id);
}

/* A saved hex value of exactly n bytes into out, or said. */
static void
pef_load_hex(struct bmc_state_in *in, const char *key, const char *value,
    uint8_t *out, size_t n)
{
	uint8_t buf[PEF_STRING_LEN];
	size_t	got;

	if (bmc_state_hex_parse(value, buf, sizeof(buf), &got) != 0 ||
	    got != n) {
		bmc_state_problem(in, "%s: not %zu bytes of hex", key, n);
		return;
	}
	memcpy(out, buf, n);
}

static int
pef_load(struct bmc *b, const char *section, const char *key, const char *value,
    struct bmc_state_in *in)
{
	struct bmc_pef *p = pef_of(b);
	unsigned	a, c, d, e, i;
	int		used = 0;

	if (strcmp(section, "pef") != 0)
		return 0;
	p->changed = 1;
	if (strcmp(key, "control") == 0 &&
	    sscanf(value, "%u %u %u %u%n", &a, &c, &d, &e, &used) == 4 &&
	    value[used] == '\0' && a <= 0x0f && c <= 0x3f && d <= 255 &&
	    e <= 255) {
		p->control = (uint8_t)a;
		p->action_control = (uint8_t)c;
		p->startup_delay = (uint8_t)d;
		p->alert_startup_delay = (uint8_t)e;
	} else if (sscanf(key, "filter.%u%n", &i, &used) == 1 &&
	    key[used] == '\0' && i >= 1 && i <= PEF_FILTERS)
		pef_load_hex(in, key, value, p->filter[i], PEF_FLEN);
	else if (sscanf(key, "policy.%u%n", &i, &used) == 1 &&
	    key[used] == '\0' && i >= 1 && i <= PEF_POLICIES)
		pef_load_hex(in, key, value, p->policy[i], 3);
	else if (strcmp(key, "guid") == 0)
		pef_load_hex(in, key, value, p->guid, sizeof(p->guid));
	else if (sscanf(key, "key.%u%n", &i, &used) == 1 && key[used] == '\0' &&
	    i >= 1 && i <= PEF_STRINGS)
		pef_load_hex(in, key, value, p->string_key[i], 2);
	else if (sscanf(key, "string.%u%n", &i, &used) == 1 &&
	    key[used] == '\0' && i >= 1 && i <= PEF_STRINGS)
		pef_load_hex(in, key, value, p->string[i], PEF_STRING_LEN);
	else if (strcmp(key, "last_processed") == 0 &&
	    sscanf(value, "%u %u%n", &a, &c, &used) == 2 &&
	    value[used] == '\0' && a <= 0xffff && c <= 0xffff) {
		p->last_sw_id = (uint16_t)a;
		p->last_bmc_id = (uint16_t)c;
	} else
		bmc_state_problem(
		    in, "unknown or out of range: %s in [pef]", key);
	return 1;
}

static void
pef_loaded(struct bmc *b)
{
	if (pef_of(b)->changed)
		bmc_log(b,
		    "PEF configuration set over IPMI restored; it overrides "
		    "the model's");
}

const struct bmc_area bmc_area_pef = {
    .name = "pef",
    .cmds = pef_cmds,
    .ncmds = sizeof(pef_cmds) / sizeof(pef_cmds[0]),
    .init_cb = pef_init,
    .free_cb = pef_free,
    .deadline_cb = pef_deadline,
    .tick_cb = pef_tick,
    .save_cb = pef_save,
    .load_cb = pef_load,
    .loaded_cb = pef_loaded,
    .reset_cb = pef_reset,
    .event_cb = pef_event,
};
