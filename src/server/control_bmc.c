/*
 * The control plane's BMC resources: /v1 (what this daemon is), the BMC
 * list and views, and what is done to one BMC out of band (power, ...),
 * each through the model's control interface (src/model/control.h)
 * between instance_control_begin() and instance_control_end(), so that a
 * change takes effect as a request's would.
 */
#include <errno.h>
#include <fnmatch.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bmc.h"
#include "control.h"
#include "control_bmc.h"
#include "daemon.h"
#include "err.h"
#include "fleet.h"
#include "instance.h"
#include "node.h"
#include "sel_record.h"
#include "statefile.h"

/* Page size of the BMC list unless ?limit= says otherwise. */
#define CONTROL_BMC_PAGE_DEFAULT 100
#define CONTROL_BMC_PAGE_MAX	 10000

/* ---- helpers shared by the BMC handlers ---- */

/* The HTTP status an ERR_* code of the model means. */
int
control_bmc_status_of(int err)
{
	static const struct {
		int err, status;
	} map[] = {
	    {0, 200},
	    {ERR_INVALID_ARG, 422},
	    {ERR_NOT_FOUND, 404},
	    {ERR_WRONG_STATE, 409},
	    {ERR_NOSPACE, 507},
	    {ERR_NOMEM, 500},
	};
	size_t i;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (map[i].err == err)
			return map[i].status;
	return 500;
}

void
control_bmc_fail(struct control_call *c, int err, const char *what)
{
	control_call_problem(c, control_bmc_status_of(err), "Refused", "%s: %s",
	    what, err_str(err));
}

/*
 * 1 if labels ("k=v,k2=v2", as the INI's labels = gives them) hold every
 * k=v of selector (spaces ignored), else 0; an empty selector matches.
 */
int
control_bmc_selector_match(const char *labels, const char *selector)
{
	char   want[CONFIG_LABELS_MAX], *tok, *save = NULL;
	size_t n = 0;

	for (; *selector != '\0' && n + 1 < sizeof(want); selector++)
		if (*selector != ' ' && *selector != '\t')
			want[n++] = *selector;
	want[n] = '\0';
	for (tok = strtok_r(want, ",", &save); tok != NULL;
	     tok = strtok_r(NULL, ",", &save)) {
		size_t	    len = strlen(tok);
		const char *p = labels;
		int	    found = 0;

		while (!found && (p = strstr(p, tok)) != NULL) {
			found = (p == labels || p[-1] == ',') &&
			    (p[len] == '\0' || p[len] == ',');
			p++;
		}
		if (!found)
			return 0;
	}
	return 1;
}

/* {"k": "v", ...} of "k=v,k2=v2". */
static json_t *
labels_json(const char *labels)
{
	char	buf[CONFIG_LABELS_MAX], *tok, *save = NULL;
	json_t *o = json_object();

	snprintf(buf, sizeof(buf), "%s", labels);
	for (tok = strtok_r(buf, ",", &save); tok != NULL;
	     tok = strtok_r(NULL, ",", &save)) {
		char *eq = strchr(tok, '=');

		if (eq != NULL) {
			*eq = '\0';
			json_object_set_new(o, tok, json_string(eq + 1));
		}
	}
	return o;
}

/* "on"/"off" and where a change is on its way. */
json_t *
control_bmc_power_json(const struct bmc_control_state *st)
{
	static const char *const pending[] = {"none", "on", "soft-off"};

	return json_pack("{s:s, s:s, s:i}", "state",
	    st->power_on ? "on" : "off", "pending",
	    st->power_pending < 3 ? pending[st->power_pending] : "?",
	    "restart_cause", st->restart_cause);
}

/* The compact view of a BMC, as the list gives it. */
json_t *
control_bmc_summary(struct control *ctl, const char *name, struct instance *in)
{
	struct daemon		    *d = control_daemon(ctl);
	const struct fleet	    *f = d != NULL ? daemon_fleet(d) : NULL;
	const struct fleet_endpoint *ep = f != NULL ? fleet_endpoint_of(f, name)
						    : NULL;
	char			     text[FLEET_ENDPOINT_TEXT_MAX] = "";
	struct bmc		    *b = node_bmc(instance_node(in));

	if (ep != NULL)
		fleet_endpoint_format(ep, text, sizeof(text));
	return json_pack("{s:s, s:s, s:s, s:s, s:o}", "name", name, "listen",
	    text, "state", instance_offline(in) ? "offline" : "running",
	    "power", bmc_power_is_on(b) ? "on" : "off", "labels",
	    labels_json(instance_config(in)->labels));
}

/* ---- /v1 ---- */

static void
get_v1(struct control_call *c)
{
	struct daemon	   *d = control_call_daemon(c);
	const struct fleet *f = d != NULL ? daemon_fleet(d) : NULL;
	struct control	   *ctl = control_call_control(c);
	const char	   *caps[64];
	size_t		    n = control_capabilities(ctl, caps, 64), i;
	json_t		   *list = json_array();

	/* From the route tables: what this build (and its merges) serves. */
	for (i = 0; i < n; i++)
		json_array_append_new(list, json_string(caps[i]));
	control_call_reply(c, 200,
	    json_pack("{s:s, s:s, s:o, s:n, s:I, s:{s:I}}", "name", "bmcsimd",
		"version", PACKAGE_VERSION, "capabilities", list, "seed",
		"uptime_ms", (json_int_t)control_uptime_ms(ctl), "counts",
		"bmcs", (json_int_t)(f != NULL ? fleet_count(f) : 0)));
}

/* ---- /v1/bmcs ---- */

/*
 * ?name=GLOB (fnmatch), ?limit=N, ?cursor=NAME (the last name of the page
 * before: pages stay right while BMCs come and go).
 */
static void
list_bmcs(struct control_call *c)
{
	struct daemon	   *d = control_call_daemon(c);
	const struct fleet *f = d != NULL ? daemon_fleet(d) : NULL;
	const char	   *glob = control_call_param(c, "name");
	const char	   *lim = control_call_param(c, "limit");
	const char	   *cursor = control_call_param(c, "cursor");
	const char	   *sel = control_call_param(c, "selector");
	const char	   *name, *last = NULL;
	struct fleet_iter   it;
	void		   *item;
	json_t		   *items, *out;
	unsigned long	    limit = CONTROL_BMC_PAGE_DEFAULT;
	size_t		    n = 0;
	int		    more = 0, past_cursor = cursor == NULL;

	if (lim != NULL) {
		char *end;

		limit = strtoul(lim, &end, 10);
		if (*end != '\0' || limit == 0 ||
		    limit > CONTROL_BMC_PAGE_MAX) {
			control_call_problem(c, 400, "Bad limit",
			    "limit is 1..%d", CONTROL_BMC_PAGE_MAX);
			return;
		}
	}
	items = json_array();
	if (f != NULL) {
		fleet_iter_init(f, &it);
		while ((item = fleet_iter_next(&it, &name, NULL)) != NULL) {
			if (!past_cursor) {
				past_cursor = strcmp(name, cursor) == 0;
				continue;
			}
			if (glob != NULL && fnmatch(glob, name, 0) != 0)
				continue;
			if (sel != NULL &&
			    !control_bmc_selector_match(
				instance_config(daemon_item_bmc(item))->labels,
				sel))
				continue;
			if (n == limit) {
				more = 1;
				break;
			}
			json_array_append_new(items,
			    control_bmc_summary(control_call_control(c), name,
				daemon_item_bmc(item)));
			last = name;
			n++;
		}
	}
	out = json_pack("{s:o, s:I}", "items", items, "count", (json_int_t)n);
	if (more && last != NULL)
		json_object_set_new(out, "next_cursor", json_string(last));
	control_call_reply(c, 200, out);
}

static void
show_bmc(struct control_call *c)
{
	struct instance		*in = control_call_bmc(c);
	struct bmc_control_ctx	 ctx;
	struct bmc_control_state st;
	const char		*name = control_call_param(c, "bmc");
	json_t			*o;

	instance_control_begin(in, &ctx);
	bmc_control_state(node_bmc(instance_node(in)), ctx.now_ms, &st);
	instance_control_end(in);
	o = control_bmc_summary(control_call_control(c), name, in);
	json_object_set_new(o, "power_detail", control_bmc_power_json(&st));
	json_object_set_new(o, "sel_entries", json_integer(st.sel_entries));
	json_object_set_new(o, "users", json_integer(st.nusers));
	control_call_reply(c, 200, o);
}

/* ---- /v1/bmcs/{bmc}/power ---- */

static void
get_power(struct control_call *c)
{
	struct instance		*in = control_call_bmc(c);
	struct bmc_control_ctx	 ctx;
	struct bmc_control_state st;

	instance_control_begin(in, &ctx);
	bmc_control_state(node_bmc(instance_node(in)), ctx.now_ms, &st);
	instance_control_end(in);
	control_call_reply(c, 200, control_bmc_power_json(&st));
}

static const struct {
	const char	      *name;
	enum bmc_control_power action;
} control_power_actions[] = {
    {"on", BMC_CONTROL_POWER_ON},
    {"off", BMC_CONTROL_POWER_OFF},
    {"cycle", BMC_CONTROL_POWER_CYCLE},
    {"reset", BMC_CONTROL_HARD_RESET},
    {"diag", BMC_CONTROL_DIAG_INTERRUPT},
    {"soft", BMC_CONTROL_SOFT_OFF},
    {"soft-off", BMC_CONTROL_SOFT_OFF},
};

int
control_bmc_power_parse(const char *s, enum bmc_control_power *out)
{
	size_t i;

	for (i = 0; s != NULL &&
	     i < sizeof(control_power_actions) /
		     sizeof(control_power_actions[0]);
	     i++)
		if (strcmp(s, control_power_actions[i].name) == 0) {
			*out = control_power_actions[i].action;
			return 0;
		}
	return ERR_NOT_FOUND;
}

/* Applies a power action to one BMC: 0 or the model's ERR_*. */
int
control_bmc_power_apply(struct instance *in, enum bmc_control_power action)
{
	struct bmc_control_ctx ctx;
	int		       rc;

	instance_control_begin(in, &ctx);
	rc = bmc_control_power(node_bmc(instance_node(in)), &ctx, action);
	instance_control_end(in);
	return rc;
}

/*
 * "press": the change came from the front panel: the event a BMC logs
 * for its buttons, a Button/Switch sensor (IPMI 2.0 table 42-3, 14h)
 * sensor-specific offset 00h power button or 02h reset button pressed.
 */
static void
press_logged(struct instance *in, enum bmc_control_power action)
{
	struct bmc_control_event ev = {
	    0x20, 0x14, 0x00, 0x6f, {0x00, 0xff, 0xff}};
	struct bmc_control_ctx ctx;

	if (action == BMC_CONTROL_HARD_RESET)
		ev.data[0] = 0x02;
	instance_control_begin(in, &ctx);
	(void)bmc_control_event(node_bmc(instance_node(in)), &ctx, &ev);
	instance_control_end(in);
}

/* PUT {"state":"on|off|cycle|reset|diag|soft-off","press":false} */
static void
put_power(struct control_call *c)
{
	struct instance		*in = control_call_bmc(c);
	json_t			*body = control_call_body(c);
	const char		*state = NULL;
	enum bmc_control_power	 action;
	struct bmc_control_ctx	 ctx;
	struct bmc_control_state st;
	int			 rc;

	if (body != NULL)
		state = json_string_value(json_object_get(body, "state"));
	if (control_bmc_power_parse(state, &action) != 0) {
		control_call_problem(c, 422, "Bad power state",
		    "want {\"state\": \"on|off|cycle|reset|diag|soft-off\"}");
		return;
	}
	rc = control_bmc_power_apply(in, action);
	if (rc != 0) {
		control_bmc_fail(c, rc, "power");
		return;
	}
	if (json_is_true(json_object_get(body, "press")))
		press_logged(in, action);
	instance_control_begin(in, &ctx);
	bmc_control_state(node_bmc(instance_node(in)), ctx.now_ms, &st);
	instance_control_end(in);
	control_call_reply(c, 200, control_bmc_power_json(&st));
}

/* ---- boot flags ---- */

static json_t *
boot_json(const struct bmc_control_boot *bt)
{
	const char *dev = bmc_control_boot_device_name(bt->device);

	return json_pack("{s:b, s:b, s:b, s:s}", "valid", bt->valid,
	    "persistent", bt->persistent, "efi", bt->efi, "device",
	    dev != NULL ? dev : "reserved");
}

static void
get_boot(struct control_call *c)
{
	struct bmc_control_boot bt;

	bmc_control_boot_get(node_bmc(instance_node(control_call_bmc(c))), &bt);
	control_call_reply(c, 200, boot_json(&bt));
}

/* PUT {"device":"pxe","persistent":false,"efi":false,"valid":true} */
static void
put_boot(struct control_call *c)
{
	struct instance	       *in = control_call_bmc(c);
	json_t		       *body = control_call_body(c);
	struct bmc_control_ctx	ctx;
	struct bmc_control_boot bt;
	const char	       *dev;
	int			rc;

	memset(&bt, 0, sizeof(bt));
	dev = json_string_value(json_object_get(body, "device"));
	if (dev == NULL ||
	    bmc_control_boot_device_parse(dev, &bt.device) != 0) {
		control_call_problem(c, 422, "Bad boot device",
		    "want {\"device\": \"none|pxe|disk|safe|diag|cdrom|bios|"
		    "remote-floppy|remote-cdrom|remote-primary|remote-disk|"
		    "floppy\"}");
		return;
	}
	bt.valid = json_object_get(body, "valid") == NULL ||
	    json_is_true(json_object_get(body, "valid"));
	bt.persistent = json_is_true(json_object_get(body, "persistent"));
	bt.efi = json_is_true(json_object_get(body, "efi"));
	instance_control_begin(in, &ctx);
	rc = bmc_control_boot_set(node_bmc(instance_node(in)), &ctx, &bt);
	if (rc == 0)
		bmc_control_boot_get(node_bmc(instance_node(in)), &bt);
	instance_control_end(in);
	if (rc != 0) {
		control_bmc_fail(c, rc, "boot flags");
		return;
	}
	control_call_reply(c, 200, boot_json(&bt));
}

/* ---- sensors ---- */

static json_t *
sensor_json(const struct bmc_control_sensor *s)
{
	json_t *o = json_pack("{s:s, s:i, s:i, s:i, s:i, s:s, s:b, s:i}",
	    "name", s->name, "number", s->number, "lun", s->lun, "sensor_type",
	    s->sensor_type, "event_type", s->event_type, "kind",
	    s->threshold ? "threshold" : "discrete", "overridden",
	    s->overridden, "asserted", s->asserted);

	if (s->threshold)
		json_object_set_new(o, "reading", json_real(s->value));
	else
		json_object_set_new(
		    o, "states", json_integer((json_int_t)s->value));
	return o;
}

static void
list_sensors(struct control_call *c)
{
	struct instance		 *in = control_call_bmc(c);
	struct bmc		 *b = node_bmc(instance_node(in));
	struct bmc_control_ctx	  ctx;
	struct bmc_control_sensor s;
	json_t			 *items = json_array();
	unsigned		  i, n = bmc_control_sensor_count(b);

	instance_control_begin(in, &ctx);
	for (i = 0; i < n; i++)
		if (bmc_control_sensor_get(b, ctx.now_ms, i, &s) == 0)
			json_array_append_new(items, sensor_json(&s));
	instance_control_end(in);
	control_call_reply(c, 200, json_pack("{s:o}", "items", items));
}

/* The sensor {sensor} names: its SDR ID string, or its number. */
static int
find_sensor(struct control_call *c, struct bmc *b, uint64_t now,
    struct bmc_control_sensor *out)
{
	const char *want = control_call_param(c, "sensor");
	unsigned    i, n = bmc_control_sensor_count(b);
	char	   *end;
	long	    num = strtol(want, &end, 0);

	for (i = 0; i < n; i++)
		if (bmc_control_sensor_get(b, now, i, out) == 0 &&
		    (strcmp(out->name, want) == 0 ||
			(*end == '\0' && end != want && num == out->number)))
			return 0;
	return ERR_NOT_FOUND;
}

static void
get_sensor(struct control_call *c)
{
	struct instance		 *in = control_call_bmc(c);
	struct bmc		 *b = node_bmc(instance_node(in));
	struct bmc_control_ctx	  ctx;
	struct bmc_control_sensor s;
	int			  rc;

	instance_control_begin(in, &ctx);
	rc = find_sensor(c, b, ctx.now_ms, &s);
	instance_control_end(in);
	if (rc != 0) {
		control_call_problem(c, 404, "Unknown sensor",
		    "no sensor \"%s\"", control_call_param(c, "sensor"));
		return;
	}
	control_call_reply(c, 200, sensor_json(&s));
}

/*
 * PUT {"reading": 92.5} holds the reading (a discrete sensor: its states
 * as a number); {"reading": null} gives it back to the model.
 */
static void
put_sensor(struct control_call *c)
{
	struct instance		 *in = control_call_bmc(c);
	struct bmc		 *b = node_bmc(instance_node(in));
	json_t			 *body = control_call_body(c);
	json_t			 *v = json_object_get(body, "reading");
	struct bmc_control_ctx	  ctx;
	struct bmc_control_sensor s;
	int			  rc;

	if (v == NULL || (!json_is_number(v) && !json_is_null(v))) {
		control_call_problem(c, 422, "Bad reading",
		    "want {\"reading\": NUMBER} or {\"reading\": null}");
		return;
	}
	instance_control_begin(in, &ctx);
	rc = find_sensor(c, b, ctx.now_ms, &s);
	if (rc == 0)
		rc = json_is_null(v)
		    ? bmc_control_sensor_clear(b, &ctx, s.lun, s.number)
		    : bmc_control_sensor_set(
			  b, &ctx, s.lun, s.number, json_number_value(v));
	if (rc == 0)
		rc = find_sensor(c, b, ctx.now_ms, &s);
	instance_control_end(in);
	if (rc != 0) {
		control_bmc_fail(c, rc, "sensor");
		return;
	}
	control_call_reply(c, 200, sensor_json(&s));
}

/* ---- FRU ---- */

/* {"id": N, "chassis": {...}, "board": {...}, "product": {...}}: the
 * fields the image has now, as Read FRU Data gives them. */
static json_t *
fru_json(const struct bmc *b, unsigned id)
{
	json_t	*o = json_pack("{s:i}", "id", (int)id);
	char	 v[BMC_CONTROL_FRU_VALUE_MAX + 1];
	unsigned a, i;

	for (a = 0; a < BMC_CONTROL_FRU_AREAS; a++) {
		const char *area = bmc_control_fru_area_name(a), *f;
		json_t	   *fields = json_object();

		for (i = 0; (f = bmc_control_fru_field_name(a, i)) != NULL; i++)
			if (bmc_control_fru_get(b, id, area, f, v) == 0)
				json_object_set_new(fields, f, json_string(v));
		if (json_object_size(fields) > 0)
			json_object_set_new(o, area, fields);
		else
			json_decref(fields);
	}
	return o;
}

/* {id} as a FRU device of the model, or 0 without {id}: 0 or -1. */
static int
fru_id(struct control_call *c, const struct bmc *b, unsigned *id)
{
	const char *s = control_call_param(c, "id");
	char	   *end;
	long	    v = s != NULL ? strtol(s, &end, 10) : 0;

	if ((s != NULL && (*s == '\0' || *end != '\0')) || v < 0 || v > 255 ||
	    !bmc_control_fru_defined(b, (unsigned)v)) {
		control_call_problem(c, 404, "Unknown FRU device",
		    "no FRU device \"%s\"", s != NULL ? s : "0");
		return -1;
	}
	*id = (unsigned)v;
	return 0;
}

static void
list_fru(struct control_call *c)
{
	struct instance	      *in = control_call_bmc(c);
	struct bmc	      *b = node_bmc(instance_node(in));
	struct bmc_control_ctx ctx;
	json_t		      *items = json_array();
	unsigned	       id;

	instance_control_begin(in, &ctx);
	for (id = 0; id < 256; id++)
		if (bmc_control_fru_defined(b, id))
			json_array_append_new(items, fru_json(b, id));
	instance_control_end(in);
	control_call_reply(c, 200, json_pack("{s:o}", "items", items));
}

static void
get_fru(struct control_call *c)
{
	struct instance	      *in = control_call_bmc(c);
	struct bmc	      *b = node_bmc(instance_node(in));
	struct bmc_control_ctx ctx;
	unsigned	       id;

	json_t *o;

	if (fru_id(c, b, &id) != 0)
		return;
	instance_control_begin(in, &ctx);
	o = fru_json(b, id);
	instance_control_end(in);
	control_call_reply(c, 200, o);
}

/*
 * PUT {"product": {"serial": "X"}, "board": {...}}: each field set as
 * text.  Every name and value is checked before the first is set, so a
 * refused body changes nothing (but a device too small for the new image
 * can stop it part way: 507 names the field).
 */
static void
put_fru(struct control_call *c)
{
	struct instance	      *in = control_call_bmc(c);
	struct bmc	      *b = node_bmc(instance_node(in));
	json_t		      *body = control_call_body(c), *fields, *v, *o;
	const char	      *area, *field;
	struct bmc_control_ctx ctx;
	char		       cur[BMC_CONTROL_FRU_VALUE_MAX + 1];
	unsigned	       id, a, i;
	int		       rc = 0;

	if (fru_id(c, b, &id) != 0)
		return;
	json_object_foreach(body, area, fields)
	{
		for (a = 0; a < BMC_CONTROL_FRU_AREAS; a++)
			if (strcmp(area, bmc_control_fru_area_name(a)) == 0)
				break;
		if (a == BMC_CONTROL_FRU_AREAS || !json_is_object(fields)) {
			control_call_problem(c, 422, "Bad FRU area",
			    "\"%s\": want chassis, board or product, each "
			    "an object of fields",
			    area);
			return;
		}
		json_object_foreach(fields, field, v)
		{
			const char *f;

			for (i = 0;
			     (f = bmc_control_fru_field_name(a, i)) != NULL &&
			     strcmp(f, field) != 0;
			     i++)
				;
			if (f == NULL || !json_is_string(v) ||
			    json_string_length(v) > BMC_CONTROL_FRU_VALUE_MAX ||
			    strlen(json_string_value(v)) !=
				json_string_length(v)) {
				control_call_problem(c, 422, "Bad FRU field",
				    "%s.%s: want a known field and text of at "
				    "most %d bytes",
				    area, field, BMC_CONTROL_FRU_VALUE_MAX);
				return;
			}
		}
	}
	instance_control_begin(in, &ctx);
	json_object_foreach(body, area, fields)
	{
		json_object_foreach(fields, field, v)
		{
			/* Unchanged fields leave the image (and state) be. */
			if (bmc_control_fru_get(b, id, area, field, cur) == 0 &&
			    strcmp(cur, json_string_value(v)) == 0)
				continue;
			rc = bmc_control_fru_set(
			    b, &ctx, id, area, field, json_string_value(v));
			if (rc != 0)
				break;
		}
		if (rc != 0)
			break;
	}
	o = rc == 0 ? fru_json(b, id) : NULL;
	instance_control_end(in);
	if (rc != 0)
		control_bmc_fail(c, rc, "FRU field");
	else
		control_call_reply(c, 200, o);
}

/* ---- SEL ---- */

static json_t *
sel_json(const uint8_t rec[SEL_RECORD_SIZE])
{
	struct sel_record r;
	char		  hex[2 * SEL_RECORD_SIZE + 1];
	json_t		 *o;
	unsigned	  i;

	for (i = 0; i < SEL_RECORD_SIZE; i++)
		snprintf(hex + 2 * i, 3, "%02x", rec[i]);
	if (sel_record_decode(rec, SEL_RECORD_SIZE, &r) != 0)
		return json_pack("{s:s}", "hex", hex);
	o = json_pack(
	    "{s:i, s:i, s:s}", "id", r.id, "type", r.type, "hex", hex);
	if (sel_record_has_timestamp(r.type))
		json_object_set_new(
		    o, "timestamp", json_integer((json_int_t)r.timestamp));
	if (r.type == SEL_RECORD_SYSTEM) {
		const struct sel_record_system *e = &r.u.system;

		json_object_set_new(o, "generator", json_integer(e->generator));
		json_object_set_new(
		    o, "sensor_type", json_integer(e->sensor_type));
		json_object_set_new(
		    o, "sensor_number", json_integer(e->sensor_number));
		json_object_set_new(o, "event_type",
		    json_integer(e->event_type & ~SEL_RECORD_DEASSERTION));
		json_object_set_new(o, "deassertion",
		    json_boolean(e->event_type & SEL_RECORD_DEASSERTION));
		json_object_set_new(o, "data",
		    json_pack("[i,i,i]", e->data[0], e->data[1], e->data[2]));
	}
	return o;
}

static void
list_sel(struct control_call *c)
{
	struct bmc *b = node_bmc(instance_node(control_call_bmc(c)));
	uint8_t	    rec[SEL_RECORD_SIZE];
	json_t	   *items = json_array();
	unsigned    i, n = bmc_control_sel_count(b);

	for (i = 0; i < n; i++)
		if (bmc_control_sel_get(b, i, rec) == 0)
			json_array_append_new(items, sel_json(rec));
	control_call_reply(c, 200, json_pack("{s:o}", "items", items));
}

/* An integer member in 0..max, or def when absent: 0, or -1. */
static int
json_u8(json_t *o, const char *key, int def, int max, int *out)
{
	json_t *v = json_object_get(o, key);

	if (v == NULL) {
		*out = def;
		return def < 0 ? -1 : 0;
	}
	if (!json_is_integer(v) || json_integer_value(v) < 0 ||
	    json_integer_value(v) > max)
		return -1;
	*out = (int)json_integer_value(v);
	return 0;
}

/*
 * POST {"sensor_type":1,"sensor_number":48,"event_type":1,"data":[1,255,
 * 255],"generator":32,"deassertion":false}: a system event record.
 */
static void
post_sel(struct control_call *c)
{
	struct instance		*in = control_call_bmc(c);
	json_t			*body = control_call_body(c);
	json_t			*data = json_object_get(body, "data");
	struct bmc_control_event ev;
	struct bmc_control_ctx	 ctx;
	uint16_t		 id = 0;
	int			 st, sn, et, gen, i, rc;

	if (json_u8(body, "sensor_type", -1, 255, &st) != 0 ||
	    json_u8(body, "sensor_number", -1, 255, &sn) != 0 ||
	    json_u8(body, "event_type", -1, 127, &et) != 0 ||
	    json_u8(body, "generator", 0x20, 255, &gen) != 0 ||
	    (data != NULL &&
		(!json_is_array(data) || json_array_size(data) > 3))) {
		control_call_problem(c, 422, "Bad event",
		    "want sensor_type, sensor_number, event_type (0..127), "
		    "optional generator, data (up to 3 bytes), deassertion");
		return;
	}
	memset(&ev, 0, sizeof(ev));
	ev.generator = (uint8_t)gen;
	ev.sensor_type = (uint8_t)st;
	ev.sensor_number = (uint8_t)sn;
	ev.event_type = (uint8_t)et;
	if (json_is_true(json_object_get(body, "deassertion")))
		ev.event_type |= SEL_RECORD_DEASSERTION;
	memset(ev.data, 0xff, sizeof(ev.data));
	for (i = 0; i < 3 && data != NULL && i < (int)json_array_size(data);
	     i++) {
		json_t *b = json_array_get(data, (size_t)i);

		if (!json_is_integer(b) || json_integer_value(b) < 0 ||
		    json_integer_value(b) > 255) {
			control_call_problem(
			    c, 422, "Bad event", "data bytes are 0..255");
			return;
		}
		ev.data[i] = (uint8_t)json_integer_value(b);
	}
	instance_control_begin(in, &ctx);
	rc = bmc_control_sel_add(node_bmc(instance_node(in)), &ctx, &ev, &id);
	instance_control_end(in);
	if (rc != 0) {
		control_bmc_fail(c, rc, "SEL");
		return;
	}
	control_call_reply(c, 201, json_pack("{s:i}", "id", id));
}

static void
delete_sel(struct control_call *c)
{
	struct instance	      *in = control_call_bmc(c);
	struct bmc_control_ctx ctx;

	instance_control_begin(in, &ctx);
	bmc_control_sel_clear(node_bmc(instance_node(in)), &ctx);
	instance_control_end(in);
	control_call_reply(c, 200,
	    json_pack("{s:i}", "entries",
		bmc_control_sel_count(node_bmc(instance_node(in)))));
}

/* ---- users ---- */

static const struct {
	const char *name;
	int	    level;
} control_privs[] = {
    {"callback", 1},
    {"user", 2},
    {"operator", 3},
    {"administrator", 4},
    {"oem", 5},
    {"no-access", 15},
};

static const char *
priv_name(int level)
{
	size_t i;

	for (i = 0; i < sizeof(control_privs) / sizeof(control_privs[0]); i++)
		if (control_privs[i].level == level)
			return control_privs[i].name;
	return "?";
}

static int
priv_parse(const char *s)
{
	size_t i;

	for (i = 0; i < sizeof(control_privs) / sizeof(control_privs[0]); i++)
		if (strcasecmp(control_privs[i].name, s) == 0)
			return control_privs[i].level;
	return -1;
}

static void
list_users(struct control_call *c)
{
	struct instance		*in = control_call_bmc(c);
	struct bmc_control_ctx	 ctx;
	struct bmc_control_state st;
	json_t			*items = json_array();
	unsigned		 i;

	instance_control_begin(in, &ctx);
	bmc_control_state(node_bmc(instance_node(in)), ctx.now_ms, &st);
	instance_control_end(in);
	for (i = 1; i <= st.max_users && i <= MODEL_USERS_MAX; i++) {
		const struct bmc_control_user_state *u = &st.users[i];

		if (!u->defined)
			continue;
		json_array_append_new(items,
		    json_pack("{s:i, s:s, s:b, s:s, s:b}", "id", i, "name",
			u->name, "enabled", u->enabled, "priv",
			priv_name(u->priv_limit), "ipmi_messaging",
			u->ipmi_messaging));
	}
	control_call_reply(c, 200, json_pack("{s:o}", "items", items));
}

/*
 * PUT /v1/bmcs/{bmc}/users/{id} {"name","password","priv","enabled",
 * "ipmi_messaging"}; absent members are kept.
 */
static void
put_user(struct control_call *c)
{
	struct instance	       *in = control_call_bmc(c);
	json_t		       *body = control_call_body(c), *v;
	struct bmc_control_user u;
	struct bmc_control_ctx	ctx;
	const char	       *ids = control_call_param(c, "id");
	char		       *end;
	long			id = strtol(ids, &end, 10);
	int			rc;

	bmc_control_user_init(&u);
	if (*end != '\0' || id < 1 || id > MODEL_USERS_MAX ||
	    !json_is_object(body)) {
		control_call_problem(c, 422, "Bad user",
		    "want /users/ID (1..%d) and a JSON object",
		    MODEL_USERS_MAX);
		return;
	}
	u.name = json_string_value(json_object_get(body, "name"));
	u.password = json_string_value(json_object_get(body, "password"));
	if ((v = json_object_get(body, "priv")) != NULL) {
		u.priv_limit = json_is_string(v)
		    ? priv_parse(json_string_value(v))
		    : -1;
		if (u.priv_limit < 0) {
			control_call_problem(c, 422, "Bad privilege",
			    "callback, user, operator, administrator, oem or "
			    "no-access");
			return;
		}
	}
	if ((v = json_object_get(body, "enabled")) != NULL)
		u.enabled = json_is_true(v);
	if ((v = json_object_get(body, "ipmi_messaging")) != NULL)
		u.ipmi_messaging = json_is_true(v);
	instance_control_begin(in, &ctx);
	rc = bmc_control_user_set(
	    node_bmc(instance_node(in)), &ctx, (uint8_t)id, &u);
	instance_control_end(in);
	if (rc != 0) {
		control_bmc_fail(c, rc, "user");
		return;
	}
	list_users(c);
}

/* ---- sessions ---- */

/* Every active session, through the session view the model has. */
static void
list_sessions(struct control_call *c)
{
	struct instance	      *in = control_call_bmc(c);
	struct bmc_control_ctx ctx;
	json_t		      *items = json_array();
	unsigned	       i, n;

	instance_control_begin(in, &ctx);
	n = ctx.sessions != NULL
	    ? ctx.sessions->active_count_cb(ctx.sessions_arg)
	    : 0;
	for (i = 1; i <= n; i++) {
		struct model_session_info si;
		char			  peer[64] = "";

		if (ctx.sessions->session_info_cb(
			ctx.sessions_arg, MODEL_SESSION_BY_INDEX, i, &si) != 0)
			continue;
		if (si.peer_family == 4)
			snprintf(peer, sizeof(peer), "%u.%u.%u.%u:%u",
			    si.peer_addr[0], si.peer_addr[1], si.peer_addr[2],
			    si.peer_addr[3], si.peer_port);
		json_array_append_new(items,
		    json_pack("{s:i, s:i, s:s, s:s, s:b, s:i}", "handle",
			si.handle, "user_id", si.user_id, "privilege",
			priv_name(si.privilege), "peer", peer, "ipmi15",
			si.ipmi15, "channel", si.channel));
	}
	instance_control_end(in);
	control_call_reply(c, 200, json_pack("{s:o}", "items", items));
}

/*
 * DELETE /v1/bmcs/{bmc}/sessions: ends every session (user by user, as
 * when users are disabled).  DELETE .../sessions/{handle}: ends that
 * session only, as its own Close Session would; the user's others stay.
 */
static void
kill_sessions(struct control_call *c)
{
	struct instance		 *in = control_call_bmc(c);
	struct bmc_control_ctx	  ctx;
	struct model_session_info si;
	unsigned		  i, n, closed = 0;
	uint8_t			  users[MODEL_USERS_MAX + 1];

	memset(users, 0, sizeof(users));
	instance_control_begin(in, &ctx);
	n = ctx.sessions != NULL
	    ? ctx.sessions->active_count_cb(ctx.sessions_arg)
	    : 0;
	for (i = 1; i <= n; i++) {
		if (ctx.sessions->session_info_cb(ctx.sessions_arg,
			MODEL_SESSION_BY_INDEX, i, &si) != 0 ||
		    si.user_id > MODEL_USERS_MAX)
			continue;
		closed++;
		users[si.user_id] = 1;
	}
	for (i = 0; i <= MODEL_USERS_MAX; i++)
		if (users[i])
			ctx.sessions->close_user_sessions_cb(
			    ctx.sessions_arg, (uint8_t)i);
	instance_control_end(in);
	control_call_reply(c, 200, json_pack("{s:i}", "closed", (int)closed));
}

static void
kill_session(struct control_call *c)
{
	struct instance *in = control_call_bmc(c);
	const char	*h = control_call_param(c, "handle");
	char		*end;
	long		 v = strtol(h, &end, 0);
	int		 rc = ERR_NOT_FOUND;

	if (*h != '\0' && *end == '\0' && v > 0 && v <= 255) {
		struct bmc_control_ctx ctx;

		instance_control_begin(in, &ctx);
		rc = node_session_close(instance_node(in), (uint8_t)v);
		instance_control_end(in);
	}
	if (rc != 0) {
		control_call_problem(
		    c, 404, "Unknown session", "no session with handle %s", h);
		return;
	}
	control_call_reply(c, 200, json_pack("{s:i}", "closed", 1));
}

/* ---- life cycle ---- */

static void
post_stop(struct control_call *c)
{
	instance_set_offline(control_call_bmc(c), UINT64_MAX);
	control_call_reply(c, 200, json_pack("{s:s}", "state", "stopped"));
}

static void
post_start(struct control_call *c)
{
	instance_set_offline(control_call_bmc(c), 0);
	control_call_reply(c, 200, json_pack("{s:s}", "state", "running"));
}

/*
 * POST {"ms":N}: a BMC reboot: its sessions end (the instance starts
 * again on its socket with its saved state) and it answers nothing for N
 * ms (default 1000).
 */
int
control_bmc_reboot(struct daemon *d, const char *name, uint64_t ms)
{
	struct instance *in;
	int		 rc = daemon_bmc_restart(d, name, 0);

	if (rc != 0)
		return rc;
	in = daemon_find_bmc(d, name);
	if (in != NULL && ms > 0)
		instance_set_offline(in, ms);
	return 0;
}

static void
post_bmc_reset(struct control_call *c)
{
	json_t	   *ms = json_object_get(control_call_body(c), "ms");
	const char *name = control_call_param(c, "bmc");
	char	    keep[256];
	json_int_t  n = 1000;
	int	    rc;

	if (ms != NULL) {
		if (!json_is_integer(ms) || json_integer_value(ms) < 0 ||
		    json_integer_value(ms) > 3600000) {
			control_call_problem(
			    c, 422, "Bad ms", "ms is 0..3600000");
			return;
		}
		n = json_integer_value(ms);
	}
	/* The instance, and the name it holds, are replaced. */
	snprintf(keep, sizeof(keep), "%s", name);
	rc = control_bmc_reboot(control_call_daemon(c), keep, (uint64_t)n);
	if (rc != 0) {
		control_bmc_fail(c, rc, "BMC reset");
		return;
	}
	control_call_reply(c, 200,
	    json_pack("{s:s, s:I}", "state", "resetting", "offline_ms", n));
}

/* POST /v1/bmcs/{bmc}/reset: back to the INI's state. */
static void
post_reset_one(struct control_call *c)
{
	char keep[256];
	int  rc;

	snprintf(keep, sizeof(keep), "%s", control_call_param(c, "bmc"));
	rc = daemon_bmc_restart(control_call_daemon(c), keep, 1);
	if (rc != 0) {
		control_bmc_fail(c, rc, "reset");
		return;
	}
	control_call_reply(c, 200, json_pack("{s:i}", "reset", 1));
}

static void
delete_bmc(struct control_call *c)
{
	char keep[256];
	int  rc;

	snprintf(keep, sizeof(keep), "%s", control_call_param(c, "bmc"));
	rc = daemon_bmc_delete(control_call_daemon(c), keep);
	if (rc != 0) {
		control_bmc_fail(c, rc, "delete");
		return;
	}
	control_call_reply(c, 200, json_pack("{s:s}", "deleted", keep));
}

/*
 * POST /v1/bmcs {"name":"n1","listen":"127.0.0.1:0","model":"BMC"}, or
 * with "count":N names "n1-1".."n1-N" on consecutive ports from the port
 * given (0: each a free one).
 */
static void
post_bmcs(struct control_call *c)
{
	json_t	   *body = control_call_body(c);
	const char *name = json_string_value(json_object_get(body, "name"));
	const char *listen = json_string_value(json_object_get(body, "listen"));
	const char *model = json_string_value(json_object_get(body, "model"));
	json_t	   *cnt = json_object_get(body, "count"), *names;
	char	    host[64], why[256], one[256];
	const char *colon;
	unsigned long port = 0;
	json_int_t    i, count = 1;
	int	      rc;

	if (listen == NULL)
		listen = "127.0.0.1:0";
	colon = strrchr(listen, ':');
	if (name == NULL || colon == NULL ||
	    (size_t)(colon - listen) >= sizeof(host) ||
	    (cnt != NULL &&
		(!json_is_integer(cnt) || json_integer_value(cnt) < 1 ||
		    json_integer_value(cnt) > 10000))) {
		control_call_problem(c, 422, "Bad BMC",
		    "want {\"name\", \"listen\": \"ADDR:PORT\", \"model\": "
		    "\"BMC to copy\", \"count\": 1..10000}");
		return;
	}
	if (cnt != NULL)
		count = json_integer_value(cnt);
	memcpy(host, listen, (size_t)(colon - listen));
	host[colon - listen] = '\0';
	if (host[0] == '[' && host[strlen(host) - 1] == ']') {
		memmove(host, host + 1, strlen(host));
		host[strlen(host) - 1] = '\0';
	}
	port = strtoul(colon + 1, NULL, 10);
	if (port > 65535 || (port > 0 && port + (unsigned long)count > 65536)) {
		control_call_problem(c, 422, "Bad port", "%s", listen);
		return;
	}
	names = json_array();
	for (i = 0; i < count; i++) {
		if (cnt != NULL)
			snprintf(one, sizeof(one), "%s-%lld", name,
			    (long long)(i + 1));
		else
			snprintf(one, sizeof(one), "%s", name);
		rc = daemon_bmc_create(control_call_daemon(c), one, model,
		    json_string_value(json_object_get(body, "labels")), host,
		    (uint16_t)(port == 0 ? 0 : port + (unsigned long)i), why,
		    sizeof(why));
		if (rc != 0) {
			json_decref(names);
			control_call_problem(c, control_bmc_status_of(rc),
			    "Not created", "%s: %s (%lld created before)", one,
			    why, (long long)i);
			return;
		}
		json_array_append_new(names,
		    control_bmc_summary(control_call_control(c), one,
			daemon_find_bmc(control_call_daemon(c), one)));
	}
	control_call_reply(c, 201,
	    json_pack(
		"{s:I, s:o}", "created", (json_int_t)count, "items", names));
}

/* ---- many BMCs: selection, bulk, reset, state ---- */

/*
 * The names a request selects: {"name": GLOB} or ?name=GLOB (fnmatch), or
 * {"bmcs": [NAMES]}; neither: every BMC.  A malloc'd array of strdup'd
 * names (the operations replace instances, so the registry is not walked
 * while they run) with its length in *n; NULL with a problem answered.
 */
static char **
select_names(struct control_call *c, size_t *n)
{
	struct daemon	   *d = control_call_daemon(c);
	const struct fleet *f = d != NULL ? daemon_fleet(d) : NULL;
	json_t		   *body = control_call_body(c);
	const char *glob = json_string_value(json_object_get(body, "name"));
	json_t	   *list = json_object_get(body, "bmcs");
	struct fleet_iter it;
	const char	 *name;
	char		**out;
	size_t		  cap, k = 0;

	const char *sel = json_string_value(json_object_get(body, "selector"));
	void	   *item;

	if (glob == NULL)
		glob = control_call_param(c, "name");
	if (sel == NULL)
		sel = control_call_param(c, "selector");
	cap = f != NULL ? fleet_count(f) : 0;
	out = calloc(cap + 1, sizeof(*out));
	if (out == NULL) {
		control_call_problem(c, 500, "Out of memory", "retry");
		return NULL;
	}
	if (f != NULL) {
		fleet_iter_init(f, &it);
		while ((item = fleet_iter_next(&it, &name, NULL)) != NULL) {
			size_t i;
			int    want = list == NULL;

			for (i = 0; list != NULL && i < json_array_size(list);
			     i++)
				if (json_is_string(json_array_get(list, i)) &&
				    strcmp(json_string_value(
					       json_array_get(list, i)),
					name) == 0)
					want = 1;
			if (!want ||
			    (glob != NULL && fnmatch(glob, name, 0) != 0) ||
			    (sel != NULL &&
				!control_bmc_selector_match(
				    instance_config(daemon_item_bmc(item))
					->labels,
				    sel)))
				continue;
			if ((out[k] = strdup(name)) == NULL)
				break;
			k++;
		}
	}
	*n = k;
	return out;
}

static void
free_names(char **names, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

/*
 * POST /v1/bulk {"name": GLOB | "bmcs": [...], "op": "power" | "boot" |
 * "bmc-reset" | "reset" | "stop" | "start", "args": {...}}.
 */
static void
post_bulk(struct control_call *c)
{
	struct daemon *d = control_call_daemon(c);
	json_t	      *body = control_call_body(c);
	const char    *op = json_string_value(json_object_get(body, "op"));
	json_t	      *args = json_object_get(body, "args"), *failed;
	enum bmc_control_power action = BMC_CONTROL_POWER_OFF;
	char		     **names;
	size_t		       n, i, ok = 0;

	if (op == NULL ||
	    (strcmp(op, "power") == 0 &&
		control_bmc_power_parse(
		    json_string_value(json_object_get(args, "state")),
		    &action) != 0) ||
	    (strcmp(op, "power") != 0 && strcmp(op, "bmc-reset") != 0 &&
		strcmp(op, "reset") != 0 && strcmp(op, "stop") != 0 &&
		strcmp(op, "start") != 0)) {
		control_call_problem(c, 422, "Bad bulk operation",
		    "want {\"op\": \"power\", \"args\": {\"state\": \"off\"}} "
		    "(or op bmc-reset, reset, stop, start)");
		return;
	}
	if ((names = select_names(c, &n)) == NULL)
		return;
	failed = json_array();
	/* Each BMC's state file written now, all made durable at once. */
	statefile_batch_begin();
	for (i = 0; i < n; i++) {
		struct instance *in = daemon_find_bmc(d, names[i]);
		int		 rc = 0;

		if (in == NULL)
			rc = ERR_NOT_FOUND;
		else if (strcmp(op, "power") == 0)
			rc = control_bmc_power_apply(in, action);
		else if (strcmp(op, "bmc-reset") == 0)
			rc = control_bmc_reboot(d, names[i],
			    (uint64_t)json_integer_value(
				json_object_get(args, "ms")));
		else if (strcmp(op, "reset") == 0)
			rc = daemon_bmc_restart(d, names[i], 1);
		else
			instance_set_offline(
			    in, strcmp(op, "stop") == 0 ? UINT64_MAX : 0);
		if (rc == 0)
			ok++;
		else
			json_array_append_new(failed,
			    json_pack("{s:s, s:s}", "name", names[i], "error",
				err_str(rc)));
	}
	free_names(names, n);
	if (statefile_batch_end() != 0) {
		json_decref(failed);
		control_call_problem(c, 500, "State not saved",
		    "the state directory: %s", strerror(errno));
		return;
	}
	control_call_reply(c, 200,
	    json_pack("{s:I, s:I, s:o}", "matched", (json_int_t)n, "ok",
		(json_int_t)ok, "failed", failed));
}

/* POST /v1/reset [{"name": GLOB | "bmcs": [...]}]: to the INI's state. */
static void
post_reset(struct control_call *c)
{
	char **names;
	size_t n, i, ok = 0;

	if ((names = select_names(c, &n)) == NULL)
		return;
	for (i = 0; i < n; i++)
		if (daemon_bmc_restart(control_call_daemon(c), names[i], 1) ==
		    0)
			ok++;
	free_names(names, n);
	control_call_reply(c, ok == n ? 200 : 500,
	    json_pack("{s:I}", "reset", (json_int_t)ok));
}

/*
 * GET /v1/state: {"bmcs": {NAME: "saved state text"}}, the text the
 * state directory would hold (bmcsim.ini(5)); secrets included.
 */
static void
get_state(struct control_call *c)
{
	char  **names;
	size_t	n, i;
	json_t *bmcs;

	if ((names = select_names(c, &n)) == NULL)
		return;
	bmcs = json_object();
	for (i = 0; i < n; i++) {
		struct instance *in = daemon_find_bmc(
		    control_call_daemon(c), names[i]);
		size_t len;
		char  *text;

		if (in == NULL)
			continue;
		text = node_state_save(instance_node(in), &len);
		if (text == NULL)
			continue;
		json_object_set_new(bmcs, names[i], json_stringn(text, len));
		memset(text, 0, len);
		free(text);
	}
	free_names(names, n);
	control_call_reply(c, 200, json_pack("{s:o}", "bmcs", bmcs));
}

/* PUT /v1/state {"bmcs": {NAME: TEXT}}: each BMC's state loaded. */
static void
put_state(struct control_call *c)
{
	json_t	   *bmcs = json_object_get(control_call_body(c), "bmcs");
	json_t	   *v, *problems = json_array();
	const char *name;
	size_t	    ok = 0;

	if (!json_is_object(bmcs)) {
		json_decref(problems);
		control_call_problem(c, 422, "Bad state",
		    "want {\"bmcs\": {NAME: TEXT}} as GET /v1/state gives");
		return;
	}
	statefile_batch_begin();
	json_object_foreach(bmcs, name, v)
	{
		struct instance *in = daemon_find_bmc(
		    control_call_daemon(c), name);
		struct config_diag     diag;
		struct bmc_control_ctx ctx;
		size_t		       i;

		if (in == NULL || !json_is_string(v)) {
			json_array_append_new(problems,
			    json_pack("{s:s, s:s}", "name", name, "error",
				in == NULL ? "no such BMC" : "not a string"));
			continue;
		}
		memset(&diag, 0, sizeof(diag));
		instance_control_begin(in, &ctx);
		if (node_state_load(instance_node(in), json_string_value(v),
			json_string_length(v), name, &diag) == 0)
			ok++;
		instance_control_end(in);
		for (i = 0; i < diag.n; i++)
			json_array_append_new(problems,
			    json_pack("{s:s, s:s}", "name", name, "error",
				diag.msgs[i]));
		config_diag_clear(&diag);
	}
	if (statefile_batch_end() != 0)
		json_array_append_new(problems,
		    json_pack("{s:s, s:s}", "name", "", "error",
			"the state directory: not saved"));
	control_call_reply(c, json_array_size(problems) == 0 ? 200 : 422,
	    json_pack(
		"{s:I, s:o}", "loaded", (json_int_t)ok, "problems", problems));
}

const struct control_route control_bmc_routes[] = {
    {"GET", "/v1", get_v1},
    {"GET", "/v1/bmcs", list_bmcs},
    {"GET", "/v1/bmcs/{bmc}", show_bmc},
    {"GET", "/v1/bmcs/{bmc}/power", get_power},
    {"PUT", "/v1/bmcs/{bmc}/power", put_power},
    {"POST", "/v1/bmcs", post_bmcs},
    {"DELETE", "/v1/bmcs/{bmc}", delete_bmc},
    {"POST", "/v1/bmcs/{bmc}/start", post_start},
    {"POST", "/v1/bmcs/{bmc}/stop", post_stop},
    {"POST", "/v1/bmcs/{bmc}/bmc-reset", post_bmc_reset},
    {"POST", "/v1/bmcs/{bmc}/reset", post_reset_one},
    {"GET", "/v1/bmcs/{bmc}/boot", get_boot},
    {"PUT", "/v1/bmcs/{bmc}/boot", put_boot},
    {"GET", "/v1/bmcs/{bmc}/sensors", list_sensors},
    {"GET", "/v1/bmcs/{bmc}/sensors/{sensor}", get_sensor},
    {"PUT", "/v1/bmcs/{bmc}/sensors/{sensor}", put_sensor},
    {"GET", "/v1/bmcs/{bmc}/fru", list_fru},
    {"GET", "/v1/bmcs/{bmc}/fru/{id}", get_fru},
    {"PUT", "/v1/bmcs/{bmc}/fru", put_fru},
    {"PUT", "/v1/bmcs/{bmc}/fru/{id}", put_fru},
    {"GET", "/v1/bmcs/{bmc}/sel", list_sel},
    {"POST", "/v1/bmcs/{bmc}/sel", post_sel},
    {"DELETE", "/v1/bmcs/{bmc}/sel", delete_sel},
    {"GET", "/v1/bmcs/{bmc}/users", list_users},
    {"PUT", "/v1/bmcs/{bmc}/users/{id}", put_user},
    {"GET", "/v1/bmcs/{bmc}/sessions", list_sessions},
    {"DELETE", "/v1/bmcs/{bmc}/sessions", kill_sessions},
    {"DELETE", "/v1/bmcs/{bmc}/sessions/{handle}", kill_session},
    {"POST", "/v1/bulk", post_bulk},
    {"POST", "/v1/reset", post_reset},
    {"GET", "/v1/state", get_state},
    {"PUT", "/v1/state", put_state},
    {NULL, NULL, NULL},
};
