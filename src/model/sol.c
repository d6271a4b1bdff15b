/*
 * Serial over LAN configuration parameters (IPMI 2.0 section 26.2,
 * Transport netFn 0Ch commands 21h and 22h): what ipmitool's "sol info"
 * and "sol set" and FreeIPMI's SOL_Conf section read and change.  The
 * values a BMC keeps in flash (enable, authentication, timing, bit
 * rates) survive a restart; the volatile bit rate starts as the
 * non-volatile one.
 *
 * Built-in values, those of a rack server whose console runs at 115.2
 * kbit/s: SOL enabled for users and above, characters sent after 60 ms
 * or 96 of them, seven retries 500 ms apart, the payload on the LAN
 * channel's own port.
 */
#include <stdlib.h>
#include <string.h>

#include "bmc_impl.h"
#include "confparam.h"
#include "err.h"
#include "sol_console.h"

#define CMD_SOL_SET_CONFIG 0x21
#define CMD_SOL_GET_CONFIG 0x22

#define SOL_REVISION	    0x11
#define SOL_BIT_RATE_9600   0x06
#define SOL_BIT_RATE_115200 0x0a

enum sol_param {
	SOL_SET_IN_PROGRESS = 0,
	SOL_ENABLE = 1,
	SOL_AUTH = 2,
	SOL_ACCUMULATE = 3,
	SOL_RETRY = 4,
	SOL_NV_BIT_RATE = 5,
	SOL_V_BIT_RATE = 6,
	SOL_PAYLOAD_CHANNEL = 7,
	SOL_PAYLOAD_PORT_NUMBER = 8
};

struct bmc_sol {
	uint8_t set_in_progress;
	uint8_t enable;
	uint8_t auth; /* [7] force encryption, [6] force auth, [3:0] priv */
	uint8_t accumulate_5ms;
	uint8_t send_threshold;
	uint8_t retry_count;
	uint8_t retry_10ms;
	uint8_t nv_bit_rate;
	uint8_t v_bit_rate;
	uint8_t changed; /* non-volatile values set over IPMI */
	/* Bit n: user n may not use SOL (Set User Payload Access, 4Ch). */
	uint64_t denied;
};

void
sol_params_get(const struct bmc *b, struct sol_params *p)
{
	const struct bmc_sol *s = b->sol;

	p->enable = s->enable;
	p->auth = s->auth;
	p->accumulate_5ms = s->accumulate_5ms;
	p->send_threshold = s->send_threshold;
	p->retry_count = s->retry_count;
	p->retry_10ms = s->retry_10ms;
}

int
sol_user_access(const struct bmc *b, uint8_t user_id)
{
	return user_id < 64 && !(b->sol->denied & UINT64_C(1) << user_id);
}

void
sol_user_access_set(struct bmc *b, uint8_t user_id, int on)
{
	struct bmc_sol *s = b->sol;
	uint64_t	before = s->denied;

	if (user_id >= 64)
		return;
	if (on)
		s->denied &= ~(UINT64_C(1) << user_id);
	else
		s->denied |= UINT64_C(1) << user_id;
	if (s->denied == before)
		return;
	s->changed = 1;
	b->state_generation++;
	/* R7: the owner losing access loses the console. */
	if (!on && sol_console_owner_user(b) == user_id)
		(void)sol_console_deactivate(b, 1);
}

static struct bmc_sol *
sol_of(const struct bmc *b)
{
	return b->sol;
}

static int
sol_bit_rate_valid(uint8_t v)
{
	return v == 0 || (v >= SOL_BIT_RATE_9600 && v <= SOL_BIT_RATE_115200);
}

static uint8_t
sol_get_config(struct bmc *b, struct bmc_cmd *ctx)
{
	const struct bmc_sol *s = sol_of(b);
	uint8_t		      chan, param, set, block;

	rd_u8(&ctx->in, &chan);
	rd_u8(&ctx->in, &param);
	rd_u8(&ctx->in, &set);
	rd_u8(&ctx->in, &block);
	if (bmc_lan_channel(b, ctx->req, chan & 0x0f) < 0)
		return IPMI_CC_INVALID_DATA_FIELD;
	if (confparam_get_revision(&ctx->out, SOL_REVISION, chan))
		return IPMI_CC_OK;
	switch (param) {
	case SOL_SET_IN_PROGRESS:
		wr_u8(&ctx->out, s->set_in_progress);
		break;
	case SOL_ENABLE:
		wr_u8(&ctx->out, s->enable);
		break;
	case SOL_AUTH:
		wr_u8(&ctx->out, s->auth);
		break;
	case SOL_ACCUMULATE:
		wr_u8(&ctx->out, s->accumulate_5ms);
		wr_u8(&ctx->out, s->send_threshold);
		break;
	case SOL_RETRY:
		wr_u8(&ctx->out, s->retry_count);
		wr_u8(&ctx->out, s->retry_10ms);
		break;
	case SOL_NV_BIT_RATE:
		wr_u8(&ctx->out, s->nv_bit_rate);
		break;
	case SOL_V_BIT_RATE:
		wr_u8(&ctx->out, s->v_bit_rate);
		break;
	case SOL_PAYLOAD_CHANNEL:
		wr_u8(&ctx->out, b->channel.number);
		break;
	case SOL_PAYLOAD_PORT_NUMBER:
		/* The payload comes on the BMC's own port, wherever it is. */
		wr_u16le(&ctx->out, b->port);
		break;
	default:
		return CONFPARAM_CC_NOT_SUPPORTED;
	}
	return IPMI_CC_OK;
}

/* What a Set of each parameter carries (IPMI 2.0 table 26-5). */
static const struct confparam_desc sol_params[] = {
    {SOL_SET_IN_PROGRESS, 1, 0},
    {SOL_ENABLE, 1, 0},
    {SOL_AUTH, 1, 0},
    {SOL_ACCUMULATE, 2, 0},
    {SOL_RETRY, 2, 0},
    {SOL_NV_BIT_RATE, 1, 0},
    {SOL_V_BIT_RATE, 1, 0},
    {SOL_PAYLOAD_CHANNEL, 0, 1},
    {SOL_PAYLOAD_PORT_NUMBER, 0, 1},
};

static uint8_t
sol_set_config(struct bmc *b, struct bmc_cmd *ctx)
{
	struct bmc_sol *s = sol_of(b);
	uint8_t		chan, param, cc, v[2] = {0, 0};
	size_t		n;
	struct bmc_sol	before = *s;

	rd_u8(&ctx->in, &chan);
	rd_u8(&ctx->in, &param);
	n = rd_left(&ctx->in);
	if (bmc_lan_channel(b, ctx->req, chan & 0x0f) < 0)
		return IPMI_CC_INVALID_DATA_FIELD;
	cc = confparam_set_check(
	    sol_params, sizeof(sol_params) / sizeof(sol_params[0]), param, n);
	if (cc != IPMI_CC_OK)
		return cc;
	rd_bytes(&ctx->in, v, n);
	switch (param) {
	case SOL_SET_IN_PROGRESS:
		return confparam_set_in_progress(&s->set_in_progress, v[0], 0);
	case SOL_ENABLE:
		s->enable = v[0] & 0x01;
		/* R7: disabling SOL ends the active console, with notice. */
		if (!s->enable)
			(void)sol_console_deactivate(b, 1);
		break;
	case SOL_AUTH:
		if ((v[0] & 0x0f) < IPMI_PRIV_USER ||
		    (v[0] & 0x0f) > IPMI_PRIV_OEM)
			return IPMI_CC_INVALID_DATA_FIELD;
		s->auth = v[0] & 0xcf;
		break;
	case SOL_ACCUMULATE:
		if (v[0] == 0)
			return IPMI_CC_INVALID_DATA_FIELD;
		s->accumulate_5ms = v[0];
		s->send_threshold = v[1];
		break;
	case SOL_RETRY:
		s->retry_count = v[0] & 0x07;
		s->retry_10ms = v[1];
		break;
	case SOL_NV_BIT_RATE:
	case SOL_V_BIT_RATE:
		if (!sol_bit_rate_valid(v[0] & 0x0f))
			return IPMI_CC_INVALID_DATA_FIELD;
		if (param == SOL_NV_BIT_RATE)
			s->nv_bit_rate = v[0] & 0x0f;
		else
			s->v_bit_rate = v[0] & 0x0f;
		break;
	}
	if (param != SOL_V_BIT_RATE && memcmp(&before, s, sizeof(*s)) != 0) {
		s->changed = 1;
		b->state_generation++;
		bmc_log(b, "SOL configuration parameter %u set", param);
	}
	return IPMI_CC_OK;
}

#define TRANSPORT IPMI_NETFN_TRANSPORT

/* Privileges of IPMI 2.0 appendix G. */
static const struct cmd_entry sol_cmds[] = {
    {TRANSPORT, CMD_SOL_SET_CONFIG, IPMI_PRIV_ADMIN, 3, 4, 0, sol_set_config,
	"Set SOL Configuration Parameters"},
    {TRANSPORT, CMD_SOL_GET_CONFIG, IPMI_PRIV_USER, 4, 4, 0, sol_get_config,
	"Get SOL Configuration Parameters"},
};

/* ---- life cycle and saved state ---- */

static int
sol_init(struct bmc *b, uint64_t now_ms)
{
	struct bmc_sol *s = calloc(1, sizeof(*s));

	(void)now_ms;
	if (s == NULL)
		return ERR_NOMEM;
	s->enable = 1;
	s->auth = IPMI_PRIV_USER;
	s->accumulate_5ms = 12;
	s->send_threshold = 96;
	s->retry_count = 7;
	s->retry_10ms = 50;
	s->nv_bit_rate = SOL_BIT_RATE_115200;
	s->v_bit_rate = SOL_BIT_RATE_115200;
	b->sol = s;
	return 0;
}

static void
sol_free(struct bmc *b)
{
	sol_console_free(b);
	free(b->sol);
	b->sol = NULL;
}

static void
sol_save(const struct bmc *b, struct bmc_state_out *o)
{
	const struct bmc_sol *s = sol_of(b);

	if (!s->changed)
		return;
	bmc_state_printf(o,
	    "\n[sol]\nenable = %u\nauth = %u\naccumulate_5ms = %u\n"
	    "send_threshold = %u\nretry_count = %u\nretry_10ms = %u\n"
	    "bit_rate = %u\n",
	    s->enable, s->auth, s->accumulate_5ms, s->send_threshold,
	    s->retry_count, s->retry_10ms, s->nv_bit_rate);
	if (s->denied != 0)
		bmc_state_printf(o, "payload_denied = 0x%llx\n",
		    (unsigned long long)s->denied);
}

static int
sol_load(struct bmc *b, const char *section, const char *key, const char *value,
    struct bmc_state_in *in)
{
	struct bmc_sol *s = sol_of(b);
	char	       *end;
	unsigned long	v;

	if (strcmp(section, "sol") != 0)
		return 0;
	if (strcmp(key, "payload_denied") == 0) {
		unsigned long long d = strtoull(value, &end, 0);

		if (*value == '\0' || *end != '\0' || (d & 1) != 0)
			bmc_state_problem(
			    in, "%s = %s: not a user set", key, value);
		else {
			s->denied = d;
			s->changed = 1;
		}
		return 1;
	}
	v = strtoul(value, &end, 10);
	if (*value == '\0' || *end != '\0' || v > 255) {
		bmc_state_problem(in, "%s = %s: not a byte", key, value);
		return 1;
	}
	s->changed = 1;
	if (strcmp(key, "enable") == 0 && v <= 1)
		s->enable = (uint8_t)v;
	else if (strcmp(key, "auth") == 0 && (v & 0x0f) >= IPMI_PRIV_USER &&
	    (v & 0x0f) <= IPMI_PRIV_OEM)
		s->auth = (uint8_t)v;
	else if (strcmp(key, "accumulate_5ms") == 0 && v > 0)
		s->accumulate_5ms = (uint8_t)v;
	else if (strcmp(key, "send_threshold") == 0)
		s->send_threshold = (uint8_t)v;
	else if (strcmp(key, "retry_count") == 0 && v <= 7)
		s->retry_count = (uint8_t)v;
	else if (strcmp(key, "retry_10ms") == 0)
		s->retry_10ms = (uint8_t)v;
	else if (strcmp(key, "bit_rate") == 0 && sol_bit_rate_valid((uint8_t)v))
		s->nv_bit_rate = s->v_bit_rate = (uint8_t)v;
	else
		bmc_state_problem(
		    in, "unknown or out of range: %s in [sol]", key);
	return 1;
}

static void
sol_loaded(struct bmc *b)
{
	if (sol_of(b)->changed)
		bmc_log(b,
		    "SOL configuration set over IPMI restored; it "
		    "overrides the built-in one");
}

const struct bmc_area bmc_area_sol = {
    .name = "sol",
    .cmds = sol_cmds,
    .ncmds = sizeof(sol_cmds) / sizeof(sol_cmds[0]),
    .init_cb = sol_init,
    .free_cb = sol_free,
    .deadline_cb = sol_console_deadline,
    .tick_cb = sol_console_tick,
    .save_cb = sol_save,
    .load_cb = sol_load,
    .loaded_cb = sol_loaded,
};
