/*
 * bmcsim ctl's BMC commands: one table row per subcommand, each a thin
 * mapping of its arguments onto one request of the control API
 * (docs/api.md).
 */
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ctl.h"

#define CTL_PATH_MAX 1024

/* "/v1/bmcs/NAME" + rest, NAME percent-encoded.  -1 if too long. */
static int
bmc_path(char *buf, size_t cap, const char *name, const char *rest)
{
	snprintf(buf, cap, "/v1/bmcs/");
	if (ctl_path_append(buf, cap, name) != 0 ||
	    strlen(buf) + strlen(rest) >= cap) {
		fprintf(stderr, "bmcsim ctl: name too long\n");
		return -1;
	}
	strcat(buf, rest);
	return 0;
}

/* The value of "--opt VALUE" in argv (removed from it), or NULL. */
static const char *
take_opt(int *argc, char **argv, const char *opt)
{
	int i;

	for (i = 1; i + 1 < *argc; i++)
		if (strcmp(argv[i], opt) == 0) {
			const char *v = argv[i + 1];

			memmove(&argv[i], &argv[i + 2],
			    sizeof(char *) * (size_t)(*argc - i - 2));
			*argc -= 2;
			return v;
		}
	return NULL;
}

/* 1 if the flag "--opt" is in argv (removed from it). */
static int
take_flag(int *argc, char **argv, const char *opt)
{
	int i;

	for (i = 1; i < *argc; i++)
		if (strcmp(argv[i], opt) == 0) {
			memmove(&argv[i], &argv[i + 1],
			    sizeof(char *) * (size_t)(*argc - i - 1));
			(*argc)--;
			return 1;
		}
	return 0;
}

static const struct ctl_cmd *ctl_bmc_find(const char *noun, const char *verb);

static int
usage_of(const char *noun, const char *verb)
{
	return ctl_usage(ctl_bmc_find(noun, verb));
}

/* Appends "?k=v" or "&k=v", v percent-encoded. */
static int
add_query(char *buf, size_t cap, const char *k, const char *v)
{
	size_t n = strlen(buf);

	if (v == NULL)
		return 0;
	if (n + strlen(k) + 3 >= cap)
		return -1;
	snprintf(buf + n, cap - n, "%c%s=", strchr(buf, '?') ? '&' : '?', k);
	return ctl_path_append(buf, cap, v);
}

/* ---- bmc ---- */

/* Every page, as one list. */
static int
bmc_list(struct ctl *c, int argc, char **argv)
{
	const char *name = take_opt(&argc, argv, "--name");
	const char *sel = take_opt(&argc, argv, "--selector");
	char	    path[CTL_PATH_MAX], *cursor = NULL;
	json_t	   *all = json_array(), *out;
	int	    rc = 0, status;

	if (argc != 1)
		return usage_of("bmc", "list");
	for (;;) {
		json_t *reply;

		snprintf(path, sizeof(path), "/v1/bmcs?limit=1000");
		if (add_query(path, sizeof(path), "name", name) != 0 ||
		    add_query(path, sizeof(path), "selector", sel) != 0 ||
		    add_query(path, sizeof(path), "cursor", cursor) != 0) {
			fprintf(stderr, "bmcsim ctl: arguments too long\n");
			rc = CTL_EXIT_USAGE;
			break;
		}
		rc = ctl_http(c, "GET", path, NULL, &reply, &status);
		if (rc != 0 || status != 200) {
			free(cursor);
			json_decref(all);
			return ctl_finish(c, rc, status, reply);
		}
		json_array_extend(all, json_object_get(reply, "items"));
		free(cursor);
		cursor = NULL;
		if (json_string_value(json_object_get(reply, "next_cursor")))
			cursor = strdup(json_string_value(
			    json_object_get(reply, "next_cursor")));
		json_decref(reply);
		if (cursor == NULL)
			break;
	}
	free(cursor);
	if (rc != 0) {
		json_decref(all);
		return rc;
	}
	out = json_pack("{s:o}", "items", all);
	ctl_print(c, out);
	json_decref(out);
	return CTL_EXIT_OK;
}

static int
bmc_show(struct ctl *c, int argc, char **argv)
{
	char path[CTL_PATH_MAX];

	if (argc != 2)
		return usage_of("bmc", "show");
	if (bmc_path(path, sizeof(path), argv[1], "") != 0)
		return CTL_EXIT_USAGE;
	return ctl_call(c, "GET", path, NULL);
}

/*
 * bmc add NAME --listen ADDR:PORT [--model BMC] [--count N]: one BMC, or
 * with --count a range NAME-{i} from port PORT on.
 */
static int
bmc_add(struct ctl *c, int argc, char **argv)
{
	const char *listen = take_opt(&argc, argv, "--listen");
	const char *model = take_opt(&argc, argv, "--model");
	const char *count = take_opt(&argc, argv, "--count");
	const char *labels = take_opt(&argc, argv, "--labels");
	json_t	   *body;
	int	    rc;

	if (argc != 2)
		return usage_of("bmc", "add");
	body = json_pack("{s:s}", "name", argv[1]);
	if (listen != NULL)
		json_object_set_new(body, "listen", json_string(listen));
	if (model != NULL)
		json_object_set_new(body, "model", json_string(model));
	if (labels != NULL)
		json_object_set_new(body, "labels", json_string(labels));
	if (count != NULL)
		json_object_set_new(body, "count", json_integer(atoi(count)));
	rc = ctl_call(c, "POST", "/v1/bmcs", body);
	json_decref(body);
	return rc;
}

static int
bmc_simple(struct ctl *c, int argc, char **argv, const char *method,
    const char *rest, const char *verb)
{
	char path[CTL_PATH_MAX];

	if (argc != 2)
		return usage_of("bmc", verb);
	if (bmc_path(path, sizeof(path), argv[1], rest) != 0)
		return CTL_EXIT_USAGE;
	return ctl_call(c, method, path, NULL);
}

static int
bmc_rm(struct ctl *c, int argc, char **argv)
{
	return bmc_simple(c, argc, argv, "DELETE", "", "rm");
}

static int
bmc_start(struct ctl *c, int argc, char **argv)
{
	return bmc_simple(c, argc, argv, "POST", "/start", "start");
}

static int
bmc_stop(struct ctl *c, int argc, char **argv)
{
	return bmc_simple(c, argc, argv, "POST", "/stop", "stop");
}

static int
bmc_reset(struct ctl *c, int argc, char **argv)
{
	const char *ms = take_opt(&argc, argv, "--ms");
	char	    path[CTL_PATH_MAX];
	json_t	   *body;
	int	    rc;

	if (argc != 2)
		return usage_of("bmc", "bmc-reset");
	if (bmc_path(path, sizeof(path), argv[1], "/bmc-reset") != 0)
		return CTL_EXIT_USAGE;
	body = json_pack("{s:I}", "ms", (json_int_t)(ms ? atol(ms) : 1000));
	rc = ctl_call(c, "POST", path, body);
	json_decref(body);
	return rc;
}

/* ---- power, boot ---- */

static int
power_get(struct ctl *c, int argc, char **argv)
{
	char path[CTL_PATH_MAX];

	if (argc != 2)
		return usage_of("power", "get");
	if (bmc_path(path, sizeof(path), argv[1], "/power") != 0)
		return CTL_EXIT_USAGE;
	return ctl_call(c, "GET", path, NULL);
}

static int
power_set(struct ctl *c, int argc, char **argv)
{
	int	press = take_flag(&argc, argv, "--press");
	char	path[CTL_PATH_MAX];
	json_t *body;
	int	rc;

	if (argc != 3)
		return usage_of("power", "set");
	if (bmc_path(path, sizeof(path), argv[1], "/power") != 0)
		return CTL_EXIT_USAGE;
	body = json_pack("{s:s, s:b}", "state", argv[2], "press", press);
	rc = ctl_call(c, "PUT", path, body);
	json_decref(body);
	return rc;
}

static int
boot_get(struct ctl *c, int argc, char **argv)
{
	char path[CTL_PATH_MAX];

	if (argc != 2)
		return usage_of("boot", "get");
	if (bmc_path(path, sizeof(path), argv[1], "/boot") != 0)
		return CTL_EXIT_USAGE;
	return ctl_call(c, "GET", path, NULL);
}

static int
boot_set(struct ctl *c, int argc, char **argv)
{
	int	persistent = take_flag(&argc, argv, "--persistent");
	int	efi = take_flag(&argc, argv, "--efi");
	char	path[CTL_PATH_MAX];
	json_t *body;
	int	rc;

	if (argc != 3)
		return usage_of("boot", "set");
	if (bmc_path(path, sizeof(path), argv[1], "/boot") != 0)
		return CTL_EXIT_USAGE;
	body = json_pack("{s:s, s:b, s:b}", "device", argv[2], "persistent",
	    persistent, "efi", efi);
	rc = ctl_call(c, "PUT", path, body);
	json_decref(body);
	return rc;
}

/* ---- FRU ---- */

static int
fru_get(struct ctl *c, int argc, char **argv)
{
	char path[CTL_PATH_MAX];

	if (argc != 2 && argc != 3)
		return usage_of("fru", "get");
	if (bmc_path(path, sizeof(path), argv[1],
		argc == 3 ? "/fru/" : "/fru") != 0 ||
	    (argc == 3 && ctl_path_append(path, sizeof(path), argv[2]) != 0))
		return CTL_EXIT_USAGE;
	return ctl_call(c, "GET", path, NULL);
}

/* fru set NAME [--id N] AREA.FIELD=VALUE...: one PUT with every field. */
static int
fru_set(struct ctl *c, int argc, char **argv)
{
	char	    path[CTL_PATH_MAX], area[16];
	const char *id = "0";
	json_t	   *body;
	int	    i = 2, rc;

	if (argc >= 4 && strcmp(argv[2], "--id") == 0) {
		id = argv[3];
		i = 4;
	}
	if (argc < 2 || i >= argc)
		return usage_of("fru", "set");
	if (bmc_path(path, sizeof(path), argv[1], "/fru/") != 0 ||
	    ctl_path_append(path, sizeof(path), id) != 0)
		return CTL_EXIT_USAGE;
	body = json_object();
	for (; i < argc; i++) {
		const char *dot = strchr(argv[i], '.');
		const char *eq = strchr(argv[i], '=');
		json_t	   *a;
		char	    field[32];

		if (dot == NULL || eq == NULL || eq < dot ||
		    (size_t)(dot - argv[i]) >= sizeof(area) ||
		    (size_t)(eq - dot - 1) >= sizeof(field)) {
			fprintf(stderr,
			    "bmcsim ctl: %s: want AREA.FIELD=VALUE\n", argv[i]);
			json_decref(body);
			return CTL_EXIT_USAGE;
		}
		snprintf(
		    area, sizeof(area), "%.*s", (int)(dot - argv[i]), argv[i]);
		snprintf(
		    field, sizeof(field), "%.*s", (int)(eq - dot - 1), dot + 1);
		if ((a = json_object_get(body, area)) == NULL) {
			a = json_object();
			json_object_set_new(body, area, a);
		}
		json_object_set_new(a, field, json_string(eq + 1));
	}
	rc = ctl_call(c, "PUT", path, body);
	json_decref(body);
	return rc;
}

/* ---- sensors, SEL, users ---- */

static int
sensor_list(struct ctl *c, int argc, char **argv)
{
	char path[CTL_PATH_MAX];

	if (argc != 2)
		return usage_of("sensor", "list");
	if (bmc_path(path, sizeof(path), argv[1], "/sensors") != 0)
		return CTL_EXIT_USAGE;
	return ctl_call(c, "GET", path, NULL);
}

static int
sensor_set(struct ctl *c, int argc, char **argv)
{
	char	path[CTL_PATH_MAX], *end;
	json_t *body;
	double	v;
	int	rc;

	if (argc != 4)
		return usage_of("sensor", "set");
	if (bmc_path(path, sizeof(path), argv[1], "/sensors/") != 0 ||
	    ctl_path_append(path, sizeof(path), argv[2]) != 0)
		return CTL_EXIT_USAGE;
	if (strcmp(argv[3], "clear") == 0)
		body = json_pack("{s:n}", "reading");
	else {
		v = strtod(argv[3], &end);
		if (*end != '\0' || end == argv[3]) {
			fprintf(stderr,
			    "bmcsim ctl: %s: not a number (or "
			    "\"clear\")\n",
			    argv[3]);
			return CTL_EXIT_USAGE;
		}
		body = json_pack("{s:f}", "reading", v);
	}
	rc = ctl_call(c, "PUT", path, body);
	json_decref(body);
	return rc;
}

static int
sel_list(struct ctl *c, int argc, char **argv)
{
	char path[CTL_PATH_MAX];

	if (argc != 2)
		return usage_of("sel", "list");
	if (bmc_path(path, sizeof(path), argv[1], "/sel") != 0)
		return CTL_EXIT_USAGE;
	return ctl_call(c, "GET", path, NULL);
}

/* sel add NAME SENSOR_TYPE SENSOR_NUMBER EVENT_TYPE [DATA1 [D2 [D3]]] */
static int
sel_add(struct ctl *c, int argc, char **argv)
{
	char	path[CTL_PATH_MAX];
	json_t *body, *data;
	int	i, rc;

	if (argc < 5 || argc > 8)
		return usage_of("sel", "add");
	if (bmc_path(path, sizeof(path), argv[1], "/sel") != 0)
		return CTL_EXIT_USAGE;
	data = json_array();
	for (i = 5; i < argc; i++)
		json_array_append_new(
		    data, json_integer(strtol(argv[i], NULL, 0)));
	body = json_pack("{s:I, s:I, s:I, s:o}", "sensor_type",
	    (json_int_t)strtol(argv[2], NULL, 0), "sensor_number",
	    (json_int_t)strtol(argv[3], NULL, 0), "event_type",
	    (json_int_t)strtol(argv[4], NULL, 0), "data", data);
	rc = ctl_call(c, "POST", path, body);
	json_decref(body);
	return rc;
}

static int
sel_clear(struct ctl *c, int argc, char **argv)
{
	char path[CTL_PATH_MAX];

	if (argc != 2)
		return usage_of("sel", "clear");
	if (bmc_path(path, sizeof(path), argv[1], "/sel") != 0)
		return CTL_EXIT_USAGE;
	return ctl_call(c, "DELETE", path, NULL);
}

static int
user_list(struct ctl *c, int argc, char **argv)
{
	char path[CTL_PATH_MAX];

	if (argc != 2)
		return usage_of("user", "list");
	if (bmc_path(path, sizeof(path), argv[1], "/users") != 0)
		return CTL_EXIT_USAGE;
	return ctl_call(c, "GET", path, NULL);
}

/* user set NAME ID [--name N] [--password P] [--priv P] [--enable|--disable] */
static int
user_set(struct ctl *c, int argc, char **argv)
{
	const char *uname = take_opt(&argc, argv, "--name");
	const char *pw = take_opt(&argc, argv, "--password");
	const char *priv = take_opt(&argc, argv, "--priv");
	int	    en = take_flag(&argc, argv, "--enable");
	int	    dis = take_flag(&argc, argv, "--disable");
	char	    path[CTL_PATH_MAX];
	json_t	   *body;
	int	    rc;

	if (argc != 3 || (en && dis))
		return usage_of("user", "set");
	if (bmc_path(path, sizeof(path), argv[1], "/users/") != 0 ||
	    ctl_path_append(path, sizeof(path), argv[2]) != 0)
		return CTL_EXIT_USAGE;
	body = json_object();
	if (uname != NULL)
		json_object_set_new(body, "name", json_string(uname));
	if (pw != NULL)
		json_object_set_new(body, "password", json_string(pw));
	if (priv != NULL)
		json_object_set_new(body, "priv", json_string(priv));
	if (en || dis)
		json_object_set_new(body, "enabled", json_boolean(en));
	rc = ctl_call(c, "PUT", path, body);
	json_decref(body);
	return rc;
}

/* ---- sessions ---- */

static int
session_list(struct ctl *c, int argc, char **argv)
{
	char path[CTL_PATH_MAX];

	if (argc != 2)
		return usage_of("session", "list");
	if (bmc_path(path, sizeof(path), argv[1], "/sessions") != 0)
		return CTL_EXIT_USAGE;
	return ctl_call(c, "GET", path, NULL);
}

/* session kill NAME [HANDLE]: every session, or HANDLE's user's. */
static int
session_kill(struct ctl *c, int argc, char **argv)
{
	char path[CTL_PATH_MAX];

	if (argc != 2 && argc != 3)
		return usage_of("session", "kill");
	if (bmc_path(path, sizeof(path), argv[1], "/sessions") != 0)
		return CTL_EXIT_USAGE;
	if (argc == 3 &&
	    (strlen(path) + 1 >= sizeof(path) || !strcat(path, "/") ||
		ctl_path_append(path, sizeof(path), argv[2]) != 0))
		return CTL_EXIT_USAGE;
	return ctl_call(c, "DELETE", path, NULL);
}

/* ---- fleet-wide ---- */

/* reset [NAME]: back to the INI's state. */
static int
reset(struct ctl *c, int argc, char **argv)
{
	char path[CTL_PATH_MAX];

	if (argc > 2)
		return usage_of("reset", NULL);
	if (argc == 2) {
		if (bmc_path(path, sizeof(path), argv[1], "/reset") != 0)
			return CTL_EXIT_USAGE;
		return ctl_call(c, "POST", path, NULL);
	}
	return ctl_call(c, "POST", "/v1/reset", NULL);
}

static int
state_export(struct ctl *c, int argc, char **argv)
{
	(void)argv;
	if (argc != 1)
		return usage_of("state", "export");
	return ctl_call(c, "GET", "/v1/state", NULL);
}

static int
state_import(struct ctl *c, int argc, char **argv)
{
	json_error_t err;
	json_t	    *body;
	int	     rc;

	if (argc != 2)
		return usage_of("state", "import");
	body = strcmp(argv[1], "-") == 0 ? json_loadf(stdin, 0, &err)
					 : json_load_file(argv[1], 0, &err);
	if (body == NULL) {
		fprintf(stderr, "bmcsim ctl: %s: %s (line %d)\n", argv[1],
		    err.text, err.line);
		return CTL_EXIT_USAGE;
	}
	rc = ctl_call(c, "PUT", "/v1/state", body);
	json_decref(body);
	return rc;
}

static uint64_t
ctl_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* wait-ready [--timeout SECONDS]: polls /readyz (exit 4 on timeout). */
static int
wait_ready(struct ctl *c, int argc, char **argv)
{
	const char *to = take_opt(&argc, argv, "--timeout");
	double	    secs = to != NULL ? strtod(to, NULL) : 30;
	uint64_t    end = ctl_now_ms() + (uint64_t)(secs * 1000);

	if (argc != 1)
		return usage_of("wait-ready", NULL);
	ctl_set_quiet(c, 1);
	for (;;) {
		json_t *reply;
		int	status, rc;

		rc = ctl_http(c, "GET", "/readyz", NULL, &reply, &status);
		json_decref(reply);
		if (rc == CTL_EXIT_USAGE)
			return rc;
		if (rc == 0 && status == 200)
			return CTL_EXIT_OK;
		if (ctl_now_ms() >= end) {
			fprintf(
			    stderr, "bmcsim ctl: not ready after %gs\n", secs);
			return CTL_EXIT_UNREACHABLE;
		}
		poll(NULL, 0, 50);
	}
}

const struct ctl_cmd ctl_bmc_cmds[] = {
    {"bmc", "list", bmc_list, "[--name GLOB] [--selector K=V,...]"},
    {"bmc", "show", bmc_show, "NAME"},
    {"bmc", "add", bmc_add,
	"NAME --listen ADDR:PORT [--model BMC] [--count N] [--labels K=V,...]"},
    {"bmc", "rm", bmc_rm, "NAME"},
    {"bmc", "start", bmc_start, "NAME"},
    {"bmc", "stop", bmc_stop, "NAME"},
    {"bmc", "bmc-reset", bmc_reset, "NAME [--ms N]"},
    {"power", "get", power_get, "NAME"},
    {"power", "set", power_set, "NAME on|off|cycle|reset|soft-off [--press]"},
    {"boot", "get", boot_get, "NAME"},
    {"boot", "set", boot_set, "NAME DEVICE [--persistent] [--efi]"},
    {"sensor", "list", sensor_list, "NAME"},
    {"sensor", "set", sensor_set, "NAME SENSOR VALUE|clear"},
    {"fru", "get", fru_get, "NAME [ID]"},
    {"fru", "set", fru_set, "NAME [--id ID] AREA.FIELD=VALUE..."},
    {"sel", "list", sel_list, "NAME"},
    {"sel", "add", sel_add,
	"NAME SENSOR_TYPE SENSOR_NUMBER EVENT_TYPE [DATA1 [DATA2 [DATA3]]]"},
    {"sel", "clear", sel_clear, "NAME"},
    {"user", "list", user_list, "NAME"},
    {"user", "set", user_set,
	"NAME ID [--name USER] [--password PW] [--priv LEVEL] "
	"[--enable|--disable]"},
    {"session", "list", session_list, "NAME"},
    {"session", "kill", session_kill, "NAME [HANDLE]"},
    {"reset", NULL, reset, "[NAME]"},
    {"state", "export", state_export, ""},
    {"state", "import", state_import, "FILE|-"},
    {"wait-ready", NULL, wait_ready, "[--timeout SECONDS]"},
    {NULL, NULL, NULL, NULL},
};

static const struct ctl_cmd *
ctl_bmc_find(const char *noun, const char *verb)
{
	const struct ctl_cmd *e;

	for (e = ctl_bmc_cmds; e->noun != NULL; e++)
		if (strcmp(e->noun, noun) == 0 &&
		    (verb == NULL
			    ? e->verb == NULL
			    : e->verb != NULL && strcmp(e->verb, verb) == 0))
			return e;
	return &ctl_bmc_cmds[0];
}
