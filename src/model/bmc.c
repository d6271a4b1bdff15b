/*
 * One simulated BMC: its state, the dispatcher in front of the command
 * table, and what happens with time (the "on" half of a power cycle, the
 * end of Chassis Identify, a soft shutdown, the 60 s boot flag timeout).
 */
#include <stdlib.h>
#include <string.h>

#include "bmc_impl.h"
#include "plugin.h"
#include "ct.h"
#include "err.h"
#include "log.h"

static void
bmc_channel_access_from(
    struct bmc_channel_access *a, const struct model_channel *c)
{
	a->access_mode = c->access_mode;
	a->priv_limit = c->priv_limit;
	a->per_message_auth = c->per_message_auth;
	a->user_level_auth = c->user_level_auth;
	a->alerting = c->alerting;
}

struct bmc *
bmc_new(const struct config_bmc *cfg, uint64_t now_ms, uint64_t wall_ms)
{
	return bmc_new_with(cfg, bmc_areas, now_ms, wall_ms);
}

struct bmc *
bmc_new_with(const struct config_bmc *cfg, const struct bmc_area *const *areas,
    uint64_t now_ms, uint64_t wall_ms)
{
	const struct model	     *m = cfg->model;
	const struct bmc_area *const *a;
	struct bmc		     *b;

	if ((b = calloc(1, sizeof(*b))) == NULL)
		return NULL;
	b->cfg = cfg;
	b->model = m;
	b->areas = areas;
	b->name = cfg->name[0] != '\0' ? cfg->name : "bmc";
	memcpy(b->device_guid, cfg->device_guid, MODEL_GUID_LEN);
	memcpy(b->system_guid, cfg->system_guid, MODEL_GUID_LEN);

	memcpy(b->users, m->users, sizeof(b->users));
	b->channel = m->channel;
	bmc_channel_access_from(&b->nonvolatile, &m->channel);

	b->restore_policy = m->chassis.restore_policy;
	b->power_on = m->chassis.power_on ? 1 : 0;
	b->created_ms = now_ms;
	if (wall_ms != 0)
		b->wall_offset_ms = (int64_t)wall_ms - (int64_t)now_ms;
	b->power_on_since_ms = now_ms;
	b->power_changed_ms = now_ms;
	b->acpi_system = b->power_on ? BMC_ACPI_S0 : BMC_ACPI_S5;
	b->acpi_device = b->power_on ? BMC_ACPI_D0 : BMC_ACPI_D3;
	/* A cold start is AC being applied: the policy powered us on. */
	if (b->power_on && b->restore_policy == MODEL_RESTORE_ALWAYS_ON)
		b->restart_cause = BMC_RESTART_ALWAYS_RESTORE;
	else if (b->power_on && b->restore_policy == MODEL_RESTORE_PREVIOUS)
		b->restart_cause = BMC_RESTART_RESTORE_PREV;
	else
		b->restart_cause = BMC_RESTART_UNKNOWN;
	b->identify = BMC_IDENTIFY_OFF;
	b->identify_deadline_ms = UINT64_MAX;
	b->pending = BMC_PENDING_NONE;
	b->pending_deadline_ms = UINT64_MAX;
	b->boot.valid_deadline_ms = UINT64_MAX;
	for (a = b->areas; *a != NULL; a++)
		if ((*a)->init_cb != NULL && (*a)->init_cb(b, now_ms) != 0) {
			bmc_free(b);
			return NULL;
		}
	return b;
}

void
bmc_free(struct bmc *b)
{
	const struct bmc_area *const *a;

	if (b == NULL)
		return;
	b->events_muted = 1; /* an area freed hears nothing more */
	for (a = b->areas; *a != NULL; a++)
		if ((*a)->free_cb != NULL)
			(*a)->free_cb(b);
	ct_wipe(b->users, sizeof(b->users));
	ct_wipe(b->channel.kg, sizeof(b->channel.kg));
	free(b);
}

const char *
bmc_name(const struct bmc *b)
{
	return b->name;
}

int
bmc_power_is_on(const struct bmc *b)
{
	return b->power_on;
}

/*
 * The dispatcher.  Outside a session only the rows marked sessionless
 * answer; everything else, known or not, is D4h, so that an
 * unauthenticated peer learns nothing about the command set.
 */
/* A command a plugin registered: 1 when the request was one, answered. */
static int
bmc_plugin_answer(
    struct bmc *b, const struct model_request *req, struct model_reply *rep)
{
	const struct plugin_command *pc;
	struct bmcsim_plugin_request pr;
	struct bmcsim_plugin_reply   pp;

	pc = plugin_find(req->msg->netfn, req->msg->cmd);
	if (pc == NULL)
		return 0;
	rep->len = 0;
	if ((!req->in_session && pc->min_priv != 0) ||
	    (req->in_session && req->privilege < pc->min_priv)) {
		rep->cc = IPMI_CC_INSUFFICIENT_PRIV;
		return 1;
	}
	pr.netfn = req->msg->netfn;
	pr.cmd = req->msg->cmd;
	pr.in_session = req->in_session;
	pr.privilege = req->privilege;
	pr.data = req->msg->data;
	pr.len = req->msg->data_len;
	pr.bmc_name = b->name;
	pr.bmc_index = b->cfg->index;
	pr.now_ms = req->now_ms;
	pp.cc = IPMI_CC_OK;
	pp.data = rep->data;
	pp.cap = rep->cap;
	pp.len = 0;
	pc->handler(pc->arg, &pr, &pp);
	rep->cc = pp.cc;
	/* A plugin that writes past cap has broken its contract. */
	rep->len = pp.len <= rep->cap ? pp.len : 0;
	if (pp.len > rep->cap)
		rep->cc = IPMI_CC_UNSPECIFIED;
	return 1;
}

/*
 * A command the model declares ([oem N]): the longest matching prefix
 * wins.  Returns 1 when the request was one, answered.
 */
static int
bmc_oem_answer(
    struct bmc *b, const struct model_request *req, struct model_reply *rep)
{
	const struct ipmi_req  *msg = req->msg;
	const struct model_oem *best = NULL;
	unsigned		i;

	for (i = 1; i <= MODEL_OEM_MAX; i++) {
		const struct model_oem *o = &b->model->oem[i];

		if (!o->defined || o->netfn != msg->netfn ||
		    o->cmd != msg->cmd || o->prefix_len > msg->data_len ||
		    memcmp(o->prefix, msg->data, o->prefix_len) != 0)
			continue;
		if (best == NULL || o->prefix_len > best->prefix_len)
			best = o;
	}
	if (best == NULL)
		return 0;
	rep->len = 0;
	if ((!req->in_session && best->priv != 0) ||
	    (req->in_session && req->privilege < best->priv)) {
		rep->cc = IPMI_CC_INSUFFICIENT_PRIV;
		return 1;
	}
	rep->cc = best->cc;
	if (best->data_len <= rep->cap) {
		memcpy(rep->data, best->data, best->data_len);
		rep->len = best->data_len;
	} else
		rep->cc = IPMI_CC_CANT_RETURN_BYTES;
	return 1;
}

void
bmc_handle(
    struct bmc *b, const struct model_request *req, struct model_reply *rep)
{
	const struct ipmi_req  *msg = req->msg;
	const struct cmd_entry *e;
	struct bmc_cmd		ctx;
	uint8_t			cc;

	rep->len = 0;
	if (req->wall_ms != 0)
		b->wall_offset_ms = (int64_t)req->wall_ms -
		    (int64_t)req->now_ms;
	e = cmd_table_find(msg->netfn, msg->cmd);
	if (e == NULL && bmc_plugin_answer(b, req, rep))
		return;
	if (e == NULL && bmc_oem_answer(b, req, rep))
		return;
	if (!req->in_session && (e == NULL || !e->sessionless)) {
		rep->cc = IPMI_CC_INSUFFICIENT_PRIV;
		return;
	}
	if (e == NULL) {
		rep->cc = IPMI_CC_INVALID_CMD;
		return;
	}
	if (req->in_session && req->privilege < e->min_priv) {
		rep->cc = IPMI_CC_INSUFFICIENT_PRIV;
		return;
	}
	if (msg->data_len < e->req_min || msg->data_len > e->req_max) {
		rep->cc = IPMI_CC_REQ_DATA_LEN_INVALID;
		return;
	}
	ctx.req = req;
	ctx.outbox = rep->outbox;
	rd_init(&ctx.in, msg->data, msg->data_len);
	wr_init(&ctx.out, rep->data, rep->cap);
	cc = e->handler(b, &ctx);
	if (cc == IPMI_CC_OK && ctx.out.err != 0)
		cc = IPMI_CC_CANT_RETURN_BYTES;
	rep->cc = cc;
	/*
	 * Generic error codes carry no data; command-specific ones (80h-BEh)
	 * may, as DCMI's Get Power Limit does with "no active limit".
	 */
	rep->len = cc == IPMI_CC_OK || (cc >= 0x80 && cc <= 0xbe)
	    ? wr_len(&ctx.out)
	    : 0;
}

int
bmc_user_by_name(const struct bmc *b, const uint8_t *name, size_t len,
    struct model_user *out, uint8_t *id)
{
	unsigned i;

	if (len > MODEL_NAME_LEN)
		return ERR_NOT_FOUND;
	for (i = 1; i <= MODEL_USERS_MAX; i++) {
		const struct model_user *u = &b->users[i];

		if (u->defined && u->name_len == len &&
		    (len == 0 || memcmp(u->name, name, len) == 0)) {
			*out = *u;
			if (id != NULL)
				*id = (uint8_t)i;
			return 0;
		}
	}
	return ERR_NOT_FOUND;
}

int
bmc_user_by_id(const struct bmc *b, uint8_t id, struct model_user *out)
{
	if (id == 0 || id > MODEL_USERS_MAX || !b->users[id].defined)
		return ERR_NOT_FOUND;
	*out = b->users[id];
	return 0;
}

void
bmc_channel_policy(const struct bmc *b, struct model_channel *out)
{
	*out = b->channel;
}

uint64_t
bmc_policy_generation(const struct bmc *b)
{
	return b->policy_generation;
}

uint64_t
bmc_state_generation(const struct bmc *b)
{
	return b->state_generation;
}

int
bmc_lan_channel(
    const struct bmc *b, const struct model_request *req, uint8_t channel)
{
	(void)req;
	if (channel == BMC_CHANNEL_CURRENT || channel == b->channel.number)
		return b->channel.number;
	return -1;
}

void
bmc_user_changed(struct bmc *b, uint8_t user_id)
{
	b->users_changed |= (uint64_t)1 << user_id;
	b->policy_generation++;
	b->state_generation++;
}

void
bmc_channel_changed(struct bmc *b, const struct model_request *req)
{
	b->policy_generation++;
	if (req->sessions != NULL && req->sessions->channel_changed_cb != NULL)
		req->sessions->channel_changed_cb(req->sessions_arg);
}

uint32_t
bmc_poh_hours(const struct bmc *b, uint64_t now_ms)
{
	uint64_t on_ms = b->poh_ms;

	if (b->power_on && now_ms > b->power_on_since_ms)
		on_ms += now_ms - b->power_on_since_ms;
	return b->model->chassis.poh_hours + (uint32_t)(on_ms / 3600000);
}

/*
 * Power really changes: ACPI state, the POH counter, the saved "last
 * power state" for the restore-previous policy.  Any pending half of a
 * cycle or soft shutdown is overtaken.
 */
/*
 * A power unit event, as real BMCs log it: "Power off/down" (sensor-
 * specific offset 0 of sensor type 09h) asserted when the power goes off,
 * deasserted when it comes back.
 */
static void
bmc_power_event(struct bmc *b, int on, uint64_t now_ms)
{
	struct bmc_sensor_address at = {0, 0xff};
	struct bmc_event	  ev = {
		     .generator = 0x20,
		     .sensor_type = BMC_SENSOR_TYPE_POWER_UNIT,
		     .event_type = 0x6f,
		     .data = {0x00, 0xff, 0xff},
	 };

	(void)bmc_sensor_find_type(b->model, BMC_SENSOR_TYPE_POWER_UNIT, &at);
	ev.sensor_number = at.number;
	if (on)
		ev.event_type |= 0x80; /* deassertion */
	bmc_event(b, now_ms, &ev);
}

void
bmc_sensor_address(const struct model *m, unsigned section, unsigned replica,
    struct bmc_sensor_address *out)
{
	struct model_sensor_address a;

	(void)model_sensor_address(m, section, replica, &a);
	out->lun = a.lun;
	out->number = a.number;
}

int
bmc_sensor_find_type(
    const struct model *m, uint8_t sensor_type, struct bmc_sensor_address *out)
{
	unsigned i;

	for (i = 0; i < m->nsensors; i++)
		if (m->sensors[i].sensor_type == sensor_type) {
			bmc_sensor_address(m, i, 0, out);
			return 0;
		}
	return ERR_NOT_FOUND;
}

void
bmc_power_set(struct bmc *b, int on, uint64_t now_ms, const char *why)
{
	b->pending = BMC_PENDING_NONE;
	b->pending_deadline_ms = UINT64_MAX;
	if (b->power_on == (on ? 1 : 0))
		return;
	if (on) {
		b->created_ms = now_ms;
		b->power_on_since_ms = now_ms;
		b->acpi_system = BMC_ACPI_S0;
		b->acpi_device = BMC_ACPI_D0;
	} else {
		if (now_ms > b->power_on_since_ms)
			b->poh_ms += now_ms - b->power_on_since_ms;
		b->acpi_system = BMC_ACPI_S5;
		b->acpi_device = BMC_ACPI_D3;
	}
	b->power_on = on ? 1 : 0;
	b->power_changed_ms = now_ms;
	b->state_generation++;
	bmc_log(b, "power %s (%s)", on ? "on" : "off", why);
	bmc_power_event(b, on, now_ms);
}

/*
 * The host starts: the restart cause is recorded and a one-time boot
 * flag is consumed (IPMI 2.0 §28.13: "next boot only" options apply to
 * one boot; real BMCs clear the valid bit once the host has started).
 */
void
bmc_system_boot(struct bmc *b, uint8_t cause, uint8_t channel, uint64_t now_ms)
{
	uint8_t *flags = b->boot.flags;

	(void)now_ms;
	b->restart_cause = cause;
	b->restart_channel = channel;
	if ((flags[0] & BMC_BOOT_FLAG_VALID) &&
	    !(flags[0] & BMC_BOOT_FLAG_PERSISTENT)) {
		flags[0] &= (uint8_t)~BMC_BOOT_FLAG_VALID;
		b->boot.valid_deadline_ms = UINT64_MAX;
		bmc_log(b, "one-time boot device used, boot flags cleared");
	}
}

uint64_t
bmc_next_deadline(const struct bmc *b)
{
	const struct bmc_area *const *a;
	uint64_t		      t = UINT64_MAX, d;

	if (b->pending != BMC_PENDING_NONE && b->pending_deadline_ms < t)
		t = b->pending_deadline_ms;
	if (b->identify == BMC_IDENTIFY_TIMED && b->identify_deadline_ms < t)
		t = b->identify_deadline_ms;
	if (b->boot.valid_deadline_ms < t)
		t = b->boot.valid_deadline_ms;
	for (a = b->areas; *a != NULL; a++)
		if ((*a)->deadline_cb != NULL && (d = (*a)->deadline_cb(b)) < t)
			t = d;
	return t;
}

void
bmc_event(struct bmc *b, uint64_t now_ms, const struct bmc_event *ev)
{
	const struct bmc_area *const *a;

	if (b->events_muted)
		return;
	for (a = b->areas; *a != NULL; a++)
		if ((*a)->event_cb != NULL)
			(*a)->event_cb(b, now_ms, ev);
}

uint64_t
bmc_wall_ms(const struct bmc *b, uint64_t now_ms)
{
	if (b->wall_offset_ms == 0)
		return 0;
	return (uint64_t)((int64_t)now_ms + b->wall_offset_ms);
}

void
bmc_tick(struct bmc *b, uint64_t now_ms)
{
	const struct bmc_area *const *a;

	for (a = b->areas; *a != NULL; a++)
		if ((*a)->tick_cb != NULL)
			(*a)->tick_cb(b, now_ms);
	if (b->pending != BMC_PENDING_NONE &&
	    now_ms >= b->pending_deadline_ms) {
		if (b->pending == BMC_PENDING_POWER_ON) {
			bmc_power_set(b, 1, now_ms, "power cycle");
			b->last_power_event = BMC_LAST_EVENT_IPMI_ON;
			bmc_system_boot(b,
			    b->pending_cause != 0 ? b->pending_cause
						  : BMC_RESTART_CHASSIS_CONTROL,
			    b->restart_channel, now_ms);
		} else
			bmc_power_set(b, 0, now_ms, "soft shutdown");
	}
	if (b->identify == BMC_IDENTIFY_TIMED &&
	    now_ms >= b->identify_deadline_ms) {
		b->identify = BMC_IDENTIFY_OFF;
		b->identify_deadline_ms = UINT64_MAX;
		bmc_log(b, "identify off (interval over)");
	}
	/* IPMI 2.0 §28.13, parameter 3 bit 3: the 60 s timeout. */
	if (now_ms >= b->boot.valid_deadline_ms) {
		b->boot.valid_deadline_ms = UINT64_MAX;
		if (b->boot.flags[0] & BMC_BOOT_FLAG_VALID) {
			b->boot.flags[0] &= (uint8_t)~BMC_BOOT_FLAG_VALID;
			b->state_generation++;
			bmc_log(b,
			    "boot flags cleared (no Chassis "
			    "Control within 60 s)");
		}
	}
}
