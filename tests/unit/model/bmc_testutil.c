#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bmc_impl.h"
#include "bmc_testutil.h"
#include "err.h"
#include "log.h"
#include "testutil.h"

char	 tb_last_log[256];
char	 tb_all_logs[4096];
unsigned tb_log_count;

/* Keeps the log out of the test output, and the last line for asserts. */
static void
tb_log_sink(void *arg, enum log_level level, const char *origin,
    const char *func, const char *msg)
{
	/* The origin is the BMC's name: assert that too. */
	snprintf(tb_last_log, sizeof(tb_last_log), "%s: %s",
	    origin != NULL ? origin : "-", msg);
	if (strlen(tb_all_logs) + strlen(tb_last_log) + 2 <
	    sizeof(tb_all_logs)) {
		strcat(tb_all_logs, tb_last_log);
		strcat(tb_all_logs, "\n");
	}
	tb_log_count++;
}

void
tb_model_user(struct model *m, uint8_t id, const char *name,
    const char *password, uint8_t priv)
{
	struct model_user *u = &m->users[id];

	memset(u, 0, sizeof(*u));
	u->defined = 1;
	u->name_len = (uint8_t)strlen(name);
	memcpy(u->name, name, u->name_len);
	memcpy(u->password, password, strlen(password));
	u->enabled = 1;
	u->priv_limit = priv;
	u->ipmi_messaging = 1;
}

void
tb_init(struct tb *t)
{
	unsigned i;

	memset(t, 0, sizeof(*t));
	log_set_sink(tb_log_sink, NULL);
	log_set_level(LOG_LEVEL_INFO);
	tb_last_log[0] = '\0';
	tb_all_logs[0] = '\0';
	tb_log_count = 0;
	model_defaults(&t->model);
	t->model.identity.manufacturer_id = 0x1234a;
	t->model.identity.product_id = 0x0b0c;
	tb_model_user(
	    &t->model, TB_ADMIN_ID, "admin", "secret", IPMI_PRIV_ADMIN);
	tb_model_user(
	    &t->model, TB_OPER_ID, "oper", "operpw", IPMI_PRIV_OPERATOR);
	tb_model_user(&t->model, TB_USER_ID, "user", "userpw", IPMI_PRIV_USER);
	strcpy(t->cfg.name, "test");
	t->cfg.index = 0;
	t->cfg.model = &t->model;
	for (i = 0; i < MODEL_GUID_LEN; i++) {
		t->cfg.device_guid[i] = (uint8_t)(0xd0 + i);
		t->cfg.system_guid[i] = (uint8_t)(0x50 + i);
	}
	t->now = 1000000;
	t->wall_offset = (int64_t)TB_WALL_START_MS - (int64_t)t->now;
}

void
tb_start(struct tb *t)
{
	uint64_t wall = t->wall_offset != 0
	    ? (uint64_t)((int64_t)t->now + t->wall_offset)
	    : 0;

	if (t->areas != NULL)
		t->bmc = bmc_new_with(&t->cfg, t->areas, t->now, wall);
	else
		t->bmc = bmc_new(&t->cfg, t->now, wall);
	ck_assert_ptr_nonnull(t->bmc);
}

void
tb_free(struct tb *t)
{
	bmc_free(t->bmc);
	t->bmc = NULL;
}

static unsigned
tb_active_count(void *arg)
{
	struct tb *t = arg;

	return t->nsessions;
}

static int
tb_session_info(void *arg, enum model_session_key key, uint32_t value,
    struct model_session_info *out)
{
	struct tb *t = arg;
	unsigned   i;

	for (i = 0; i < t->nsessions; i++) {
		if ((key == MODEL_SESSION_BY_INDEX && value == i + 1) ||
		    (key == MODEL_SESSION_BY_HANDLE &&
			value == t->sessions[i].handle) ||
		    (key == MODEL_SESSION_BY_ID && value == 0x1000u + i)) {
			*out = t->sessions[i];
			return 0;
		}
	}
	return ERR_NOT_FOUND;
}

static void
tb_close_user(void *arg, uint8_t id)
{
	struct tb *t = arg;

	if (t->nclosed < 8)
		t->closed[t->nclosed] = id;
	t->nclosed++;
}

static void
tb_channel_changed(void *arg)
{
	struct tb *t = arg;

	t->channel_changes++;
}

static const struct model_session_ops tb_ops = {
    tb_active_count,
    tb_session_info,
    tb_close_user,
    tb_channel_changed,
};

const struct model_session_ops *
tb_session_ops(void)
{
	return &tb_ops;
}

void
tb_restart(struct tb *u, const struct tb *t, const char *text, size_t len,
    struct config_diag *d)
{
	memcpy(u, t, sizeof(*u));
	u->bmc = NULL;
	u->cfg.model = &u->model;
	tb_start(u);
	ck_assert_int_eq(bmc_state_load(u->bmc, text, len, "s", d), 0);
}

uint8_t
tb_call(struct tb *t, uint8_t priv, uint8_t netfn, uint8_t cmd, const char *hex)
{
	uint8_t		     reqdata[255];
	struct ipmi_req	     msg;
	struct model_request req;
	struct model_reply   rep;
	struct model_out     out;

	memset(&msg, 0, sizeof(msg));
	msg.rs_addr = IPMIMSG_BMC_ADDR;
	msg.rq_addr = IPMIMSG_CONSOLE_ADDR;
	msg.netfn = netfn;
	msg.cmd = cmd;
	msg.data_len = tu_hex(hex, reqdata, sizeof(reqdata));
	msg.data = reqdata;
	memset(&req, 0, sizeof(req));
	req.msg = &msg;
	req.now_ms = t->now;
	if (t->wall_offset != 0)
		req.wall_ms = (uint64_t)((int64_t)t->now + t->wall_offset);
	req.in_session = priv != 0;
	req.privilege = priv;
	req.max_privilege = priv;
	req.user_id = priv == 0 ? 0
	    : t->user_id != 0	? t->user_id
				: TB_ADMIN_ID;
	req.channel = 1;
	req.suite_id = 17;
	req.session_handle = priv != 0 ? 1 : 0;
	req.session_id = priv == 0 ? 0
	    : t->session_id != 0   ? t->session_id
				   : 0x1000;
	req.sessions = &tb_ops;
	req.sessions_arg = t;
	memset(t->data, 0xee, sizeof(t->data));
	rep.cc = 0xee;
	rep.data = t->data;
	rep.cap = sizeof(t->data);
	rep.len = 0;
	if (!t->outbox_keep)
		outbox_init(&t->outbox);
	rep.outbox = t->no_outbox ? NULL : &t->outbox;
	bmc_handle(t->bmc, &req, &rep);
	t->cc = rep.cc;
	t->len = rep.len;
	t->followup_len = 0;
	if (!t->outbox_keep && outbox_take(&t->outbox, &out) == 0) {
		ck_assert_int_eq(out.kind, MODEL_OUT_SESSION_MESSAGE);
		ck_assert_uint_le(out.len, sizeof(t->followup));
		memcpy(t->followup, out.data, out.len);
		t->followup_len = out.len;
		/* One request sends one message at most. */
		ck_assert_uint_eq(outbox_count(&t->outbox), 0);
	}
	return rep.cc;
}

void
tb_assert_reply_at(
    const char *file, int line, const struct tb *t, const char *hex)
{
	uint8_t want[255];
	size_t	n = tu_hex(hex, want, sizeof(want));

	tu_assert_bytes_at(file, line, "reply", t->data, t->len, want, n);
}

char *
tb_state_section(const struct bmc *b, const char *head)
{
	size_t	    len;
	char	   *text = bmc_state_save(b, &len), *out;
	const char *p, *end;

	ck_assert_ptr_nonnull(text);
	p = strstr(text, head);
	ck_assert_ptr_nonnull(p);
	end = strstr(p, "\n\n[");
	len = end != NULL ? (size_t)(end - p) + 1 : strlen(p);
	out = strndup(p, len);
	ck_assert_ptr_nonnull(out);
	free(text);
	return out;
}

int
tb_state_load_fresh(struct tb *u, const char *text, struct config_diag *diag)
{
	tb_init(u);
	tb_start(u);
	return bmc_state_load(u->bmc, text, strlen(text), "s", diag);
}
