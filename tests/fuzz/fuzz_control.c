/*
 * The control plane's request path without a socket: control_dispatch()
 * routes a method, a target and a body (segment splitting and URI
 * decoding, the query parser, the body limit, jansson's reader, the
 * unknown-BMC check) to handlers that read the body as the real ones do.
 * The same bytes are also read as an HTTP response by bmcsim ctl's
 * reader (httpmsg).
 *
 * Input: byte 0 picks the method, the target runs to the first '\n', the
 * rest is the body.  Every answer must be a status 200..599 with a JSON
 * or problem+json body that jansson reads back.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "control.h"
#include "httpmsg.h"

static void
walk(json_t *v, int depth)
{
	const char *key;
	json_t	   *m;
	size_t	    i;

	if (depth > 64)
		return;
	if (json_is_object(v)) {
		json_object_foreach(v, key, m)
		{
			(void)key;
			walk(m, depth + 1);
		}
	} else if (json_is_array(v)) {
		json_array_foreach(v, i, m) walk(m, depth + 1);
	}
}

static void
reader(struct control_call *c)
{
	json_t	   *body = control_call_body(c);
	const char *state = json_string_value(json_object_get(body, "state"));

	walk(body, 0);
	control_call_reply(c, 200,
	    json_pack("{s:s, s:s, s:s?}", "bmc",
		control_call_param(c, "bmc") ? control_call_param(c, "bmc")
					     : "",
		"path", control_call_path(c), "state", state));
}

static void
problem(struct control_call *c)
{
	control_call_problem(c, 422, "Bad", "%s", control_call_path(c));
}

static const struct control_route fuzz_routes[] = {
    {"GET", "/v1", reader},
    {"GET", "/v1/bmcs", reader},
    {"POST", "/v1/bmcs", reader},
    {"GET", "/v1/bmcs/{bmc}", reader},
    {"PUT", "/v1/bmcs/{bmc}/power", reader},
    {"PUT", "/v1/bmcs/{bmc}/sensors/{sensor}", reader},
    {"POST", "/v1/bulk", problem},
    {NULL, NULL, NULL},
};
static const struct control_route *const fuzz_tables[] = {
    control_core_routes,
    fuzz_routes,
    NULL,
};

static struct instance *
find(void *arg, const char *name)
{
	return strcmp(name, "bmc") == 0 ? (struct instance *)arg : NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const methods[] = {
	    "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "GET", "PUT"};
	static struct control  *ctl;
	static int		bmc;
	struct httpmsg_response resp;
	const char	       *text, *ctype;
	const uint8_t	       *nl;
	char		       *target;
	size_t			tlen, len;
	int			status;

	if (ctl == NULL) {
		struct control_config cc;
		char		      why[128];

		memset(&cc, 0, sizeof(cc));
		cc.find = find;
		cc.find_arg = &bmc;
		cc.tables = fuzz_tables;
		ctl = control_new(NULL, &cc, why, sizeof(why));
		if (ctl == NULL)
			abort();
	}
	if (httpmsg_parse_response((const char *)data, size, &resp) == 0) {
		if (resp.status < 100 || resp.status > 599 ||
		    strlen(resp.body) > resp.body_len)
			abort();
		httpmsg_response_clear(&resp);
	}
	if (size < 1)
		return 0;
	nl = memchr(data + 1, '\n', size - 1);
	tlen = nl != NULL ? (size_t)(nl - data - 1) : size - 1;
	target = malloc(tlen + 1);
	if (target == NULL)
		return 0;
	memcpy(target, data + 1, tlen);
	target[tlen] = '\0';
	/* A target is a C string on the wire (evhttp stops at NUL too). */
	if (strlen(target) == tlen) {
		const char *body = nl != NULL ? (const char *)nl + 1 : NULL;
		size_t	    blen = nl != NULL ? size - tlen - 2 : 0;

		status = control_dispatch(ctl, methods[data[0] & 7], target,
		    body, blen, &text, &len, &ctype);
		if (status < 200 || status > 599)
			abort();
		if (len > 0) {
			json_t *back = json_loadb(text, len, 0, NULL);

			if (back == NULL)
				abort();
			json_decref(back);
		}
	}
	free(target);
	return 0;
}
