/*
 * The control plane's fault rules of one BMC (src/node/fault.h):
 *   GET    /v1/bmcs/{bmc}/faults          the rules with their counters
 *   POST   /v1/bmcs/{bmc}/faults          {"name": ..., KEY: VALUE...}
 *   DELETE /v1/bmcs/{bmc}/faults          every rule
 *   DELETE /v1/bmcs/{bmc}/faults/{name}   one rule
 *   PATCH  /v1/bmcs/{bmc}/faults/{name}   {"disabled": true|false}
 * A rule's keys are those of [fault NAME] in bmcsim.ini(5), values as
 * strings (numbers and booleans are taken too).
 */
#include <stdio.h>
#include <string.h>

#include "control.h"
#include "err.h"
#include "fault.h"
#include "instance.h"
#include "node.h"

static json_t *
control_fault_json(const struct fault_rule *r, const struct fault_counters *c)
{
	char	act[32], cmd[24];
	json_t *o = json_object();

	json_object_set_new(o, "name", json_string(r->name));
	json_object_set_new(o, "bmc", json_string(r->bmc));
	json_object_set_new(o, "stage",
	    json_string(
		r->stage == FAULT_STAGE_REQUEST ? "request" : "response"));
	if (r->netfn != FAULT_ANY && r->cmd != FAULT_ANY) {
		snprintf(cmd, sizeof(cmd), "%02x:%02x",
		    (unsigned)(r->netfn & 0xff), (unsigned)(r->cmd & 0xff));
		json_object_set_new(o, "command", json_string(cmd));
	}
	json_object_set_new(
	    o, "action", json_string(fault_action_format(r, act, sizeof(act))));
	json_object_set_new(o, "probability",
	    json_real((double)r->probability_ppm / FAULT_PPM));
	json_object_set_new(o, "count", json_integer(r->count));
	json_object_set_new(o, "disabled", json_boolean(r->disabled));
	json_object_set_new(o, "matches", json_integer((json_int_t)c->matches));
	json_object_set_new(o, "firings", json_integer((json_int_t)c->firings));
	return o;
}

static void
list_faults(struct control_call *c)
{
	struct fault_engine *e = node_faults(
	    instance_node(control_call_bmc(c)));
	const struct fault_rule *r;
	struct fault_counters	 c_;
	json_t			*a = json_array();
	unsigned		 i;

	for (i = 0; e != NULL && (r = fault_rule_at(e, i, &c_)) != NULL; i++)
		json_array_append_new(a, control_fault_json(r, &c_));
	control_call_reply(c, 200, json_pack("{s:o}", "faults", a));
}

static void
add_fault(struct control_call *c)
{
	struct fault_engine *e = node_faults(
	    instance_node(control_call_bmc(c)));
	json_t		     *body = control_call_body(c), *v;
	struct fault_rule     r;
	struct fault_counters zero = {0, 0};
	const char	     *key, *why = NULL;
	char		      num[32];
	int		      rc;

	if (e == NULL) {
		control_call_problem(
		    c, 500, "Out of memory", "no fault engine");
		return;
	}
	if (!json_is_object(body)) {
		control_call_problem(c, 422, "Bad rule",
		    "want a JSON object of [fault NAME] keys, with a name");
		return;
	}
	fault_rule_init(&r);
	json_object_foreach(body, key, v)
	{
		const char *s = json_string_value(v);

		if (json_is_integer(v)) {
			snprintf(num, sizeof(num), "%lld",
			    (long long)json_integer_value(v));
			s = num;
		} else if (json_is_real(v)) {
			snprintf(num, sizeof(num), "%.6f", json_real_value(v));
			s = num;
		} else if (json_is_boolean(v))
			s = json_is_true(v) ? "yes" : "no";
		if (s == NULL) {
			control_call_problem(
			    c, 422, "Bad rule", "%s: expected a string", key);
			return;
		}
		if ((rc = fault_rule_set(&r, key, s, &why)) != 0) {
			control_call_problem(c, 422, "Bad rule", "%s = %s: %s",
			    key, s, why != NULL ? why : "unknown key");
			return;
		}
	}
	if (fault_rule_check(&r, &why) != 0) {
		control_call_problem(c, 422, "Bad rule", "%s", why);
		return;
	}
	if ((rc = fault_add(e, &r)) != 0) {
		control_call_problem(c, rc == ERR_NOSPACE ? 507 : 409,
		    "Not added", "%s",
		    rc == ERR_NOSPACE ? "too many rules"
				      : "a rule of that name exists");
		return;
	}
	control_call_reply(c, 201, control_fault_json(&r, &zero));
}

static void
clear_faults(struct control_call *c)
{
	struct fault_engine *e = node_faults(
	    instance_node(control_call_bmc(c)));

	if (e != NULL)
		fault_clear(e);
	control_call_reply(c, 204, NULL);
}

static void
remove_fault(struct control_call *c)
{
	struct fault_engine *e = node_faults(
	    instance_node(control_call_bmc(c)));
	const char *name = control_call_param(c, "name");

	if (e == NULL || name == NULL || fault_remove(e, name) != 0) {
		control_call_problem(
		    c, 404, "No such rule", "%s", name != NULL ? name : "?");
		return;
	}
	control_call_reply(c, 204, NULL);
}

static void
patch_fault(struct control_call *c)
{
	struct fault_engine *e = node_faults(
	    instance_node(control_call_bmc(c)));
	const char *name = control_call_param(c, "name");
	json_t	   *d = json_object_get(control_call_body(c), "disabled");

	if (!json_is_boolean(d)) {
		control_call_problem(
		    c, 422, "Bad change", "want {\"disabled\": true|false}");
		return;
	}
	if (e == NULL || name == NULL ||
	    fault_set_disabled(e, name, json_is_true(d)) != 0) {
		control_call_problem(
		    c, 404, "No such rule", "%s", name != NULL ? name : "?");
		return;
	}
	control_call_reply(c, 204, NULL);
}

const struct control_route control_fault_routes[] = {
    {"GET", "/v1/bmcs/{bmc}/faults", list_faults},
    {"POST", "/v1/bmcs/{bmc}/faults", add_fault},
    {"DELETE", "/v1/bmcs/{bmc}/faults", clear_faults},
    {"DELETE", "/v1/bmcs/{bmc}/faults/{name}", remove_fault},
    {"PATCH", "/v1/bmcs/{bmc}/faults/{name}", patch_fault},
    {NULL, NULL, NULL},
};
