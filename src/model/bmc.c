/*
 * One simulated BMC: made of its areas (bmc_areas.c), it dispatches each
 * request to the area whose table has the command, fans events out to
 * the areas that listen, and asks every area for its next deadline and
 * ticks them.
 */
#include <stdlib.h>
#include <string.h>

#include "bmc_impl.h"
#include "plugin.h"
#include "err.h"
#include "log.h"

/*
 * The dispatch index: for every (netFn, command), the row that answers
 * it, found in one step however many areas there are.  Built once per
 * list of areas: for bmc_areas on the first bmc_new() (the model is used
 * from one thread), allocated with the BMC for any other list.  Where two
 * areas declare the same command, the first in the list answers.
 */
#define DISPATCH_NETFNS	  64 /* a netFn is 6 bits */
#define DISPATCH_ROWS_MAX 1024

struct bmc_dispatch {
	unsigned		nrows;
	unsigned		duplicates;
	const struct cmd_entry *rows[DISPATCH_ROWS_MAX + 1]; /* from 1 */
	uint16_t		slot[DISPATCH_NETFNS][256];  /* 0: none */
};

static struct bmc_dispatch bmc_dispatch_default;
static int		   bmc_dispatch_default_built;

static void
bmc_dispatch_build(struct bmc_dispatch *d, const struct bmc_area *const *areas)
{
	const struct bmc_area *const *a;
	size_t			      i;

	for (a = areas; *a != NULL; a++)
		for (i = 0; i < (*a)->ncmds; i++) {
			const struct cmd_entry *e = &(*a)->cmds[i];
			uint16_t	       *slot;

			if (e->netfn >= DISPATCH_NETFNS ||
			    d->nrows == DISPATCH_ROWS_MAX)
				continue;
			slot = &d->slot[e->netfn][e->cmd];
			if (*slot != 0) {
				d->duplicates++;
				continue;
			}
			d->rows[++d->nrows] = e;
			*slot = (uint16_t)d->nrows;
		}
}

static const struct cmd_entry *
bmc_dispatch_find(const struct bmc_dispatch *d, uint8_t netfn, uint8_t cmd)
{
	if (netfn >= DISPATCH_NETFNS)
		return NULL;
	return d->rows[d->slot[netfn][cmd]]; /* rows[0] is NULL */
}

unsigned
bmc_areas_duplicates(const struct bmc_area *const *areas)
{
	struct bmc_dispatch *d = calloc(1, sizeof(*d));
	unsigned	     n;

	if (d == NULL)
		return 0;
	bmc_dispatch_build(d, areas);
	n = d->duplicates;
	free(d);
	return n;
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
	const struct bmc_area *const *a;
	struct bmc		     *b;

	if ((b = calloc(1, sizeof(*b))) == NULL)
		return NULL;
	b->cfg = cfg;
	b->model = cfg->model;
	b->areas = areas;
	if (areas == bmc_areas) {
		if (!bmc_dispatch_default_built) {
			bmc_dispatch_build(&bmc_dispatch_default, bmc_areas);
			bmc_dispatch_default_built = 1;
		}
		b->dispatch = &bmc_dispatch_default;
	} else {
		if ((b->dispatch = calloc(1, sizeof(*b->dispatch))) == NULL) {
			free(b);
			return NULL;
		}
		bmc_dispatch_build(b->dispatch, areas);
	}
	b->name = cfg->name[0] != '\0' ? cfg->name : "bmc";
	memcpy(b->device_guid, cfg->device_guid, MODEL_GUID_LEN);
	memcpy(b->system_guid, cfg->system_guid, MODEL_GUID_LEN);

	b->created_ms = now_ms;
	b->port = cfg->port;
	if (wall_ms != 0)
		b->wall_offset_ms = (int64_t)wall_ms - (int64_t)now_ms;
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
	if (b->dispatch != &bmc_dispatch_default)
		free(b->dispatch);
	free(b);
}

void
bmc_set_port(struct bmc *b, uint16_t port)
{
	b->port = port;
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
	e = bmc_dispatch_find(b->dispatch, msg->netfn, msg->cmd);
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

/* Every area's rows, as the default dispatch has them (first wins). */
const char *
bmc_command_name(uint8_t netfn, uint8_t cmd)
{
	const struct bmc_area *const *a;
	size_t			      i;

	for (a = bmc_areas; *a != NULL; a++)
		for (i = 0; i < (*a)->ncmds; i++)
			if ((*a)->cmds[i].netfn == netfn &&
			    (*a)->cmds[i].cmd == cmd)
				return (*a)->cmds[i].name;
	return NULL;
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

uint64_t
bmc_next_deadline(const struct bmc *b)
{
	const struct bmc_area *const *a;
	uint64_t		      t = UINT64_MAX, d;

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
}
