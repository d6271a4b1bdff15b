/*
 * The control plane's BMC resources: /v1 (what this daemon is), the BMC
 * list and views, and what is done to one BMC out of band (power, ...),
 * each through the model's control interface (src/model/control.h)
 * between instance_control_begin() and instance_control_end(), so that a
 * change takes effect as a request's would.
 */
#include <fnmatch.h>
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
	return json_pack("{s:s, s:s, s:s, s:s}", "name", name, "listen", text,
	    "state", "running", "power", bmc_power_is_on(b) ? "on" : "off");
}

/* ---- /v1 ---- */

static void
get_v1(struct control_call *c)
{
	struct daemon	   *d = control_call_daemon(c);
	const struct fleet *f = d != NULL ? daemon_fleet(d) : NULL;
	struct control	   *ctl = control_call_control(c);

	control_call_reply(c, 200,
	    json_pack("{s:s, s:s, s:[s,s,s,s,s,s,s,s,s,s,s], s:n, s:I, "
		      "s:{s:I}}",
		"name", "bmcsimd", "version", PACKAGE_VERSION, "capabilities",
		"bmcs", "power", "boot", "sensors", "sel", "fru", "users",
		"sessions", "bulk", "state", "probes", "seed", "uptime_ms",
		(json_int_t)control_uptime_ms(ctl), "counts", "bmcs",
		(json_int_t)(f != NULL ? fleet_count(f) : 0)));
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

/* PUT {"state":"on|off|cycle|reset|diag|soft-off"} */
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
	instance_control_begin(in, &ctx);
	bmc_control_state(node_bmc(instance_node(in)), ctx.now_ms, &st);
	instance_control_end(in);
	control_call_reply(c, 200, control_bmc_power_json(&st));
}

const struct control_route control_bmc_routes[] = {
    {"GET", "/v1", get_v1},
    {"GET", "/v1/bmcs", list_bmcs},
    {"GET", "/v1/bmcs/{bmc}", show_bmc},
    {"GET", "/v1/bmcs/{bmc}/power", get_power},
    {"PUT", "/v1/bmcs/{bmc}/power", put_power},
    {NULL, NULL, NULL},
};
