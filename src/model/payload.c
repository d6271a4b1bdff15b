/*
 * The payload commands (IPMI 2.0 §24, App netFn 48h-4Fh and 55h): SOL's
 * activation and deactivation, who holds the instance, the users' payload
 * access and what the channel carries.  The console itself is
 * sol_console.c; the rules cited as Rn are shared/reference/sol.md's.
 *
 * Response lengths are exact: FreeIPMI parses every reply against a fixed
 * template and counts a short one as a packet error, and ipmitool insists
 * on 12 bytes for Activate and 4 for Get User Payload Access.
 */
#include <string.h>

#include "bmc_impl.h"
#include "err.h"
#include "sol_console.h"

#define CMD_ACTIVATE_PAYLOAD	    0x48
#define CMD_DEACTIVATE_PAYLOAD	    0x49
#define CMD_GET_PAYLOAD_STATUS	    0x4a
#define CMD_GET_PAYLOAD_INSTANCE    0x4b
#define CMD_SET_USER_PAYLOAD_ACCESS 0x4c
#define CMD_GET_USER_PAYLOAD_ACCESS 0x4d
#define CMD_GET_PAYLOAD_SUPPORT	    0x4e
#define CMD_GET_PAYLOAD_VERSION	    0x4f
#define CMD_SUSPEND_PAYLOAD_ENC	    0x55

#define PAYLOAD_TYPE_IPMI 0x00
#define PAYLOAD_TYPE_SOL  0x01
#define PAYLOAD_TYPE_MASK 0x3f
#define SOL_INSTANCES	  1    /* instance 1 only */
#define SOL_VERSION_1_0	  0x10 /* §24.9: major in 7:4, minor in 3:0 */

/* Activate Payload (§24.1, table 24-2) completion codes. */
#define CC_PAYLOAD_ACTIVE	    0x80 /* on another session */
#define CC_PAYLOAD_DISABLED	    0x81
#define CC_PAYLOAD_LIMIT	    0x82
#define CC_PAYLOAD_NO_ENCRYPTION    0x83 /* cannot activate with it */
#define CC_PAYLOAD_NEEDS_ENCRYPTION 0x84
/* Deactivate Payload (§24.2). */
#define CC_PAYLOAD_NOT_ACTIVE 0x80
/* Get Channel Payload Version (§24.9). */
#define CC_PAYLOAD_TYPE_UNAVAILABLE 0x80
/* Suspend/Resume Payload Encryption (§24.3). */
#define CC_PAYLOAD_OP_UNSUPPORTED 0x80
#define CC_PAYLOAD_INST_INACTIVE  0x83

/* Activate request byte 3 (SOL auxiliary data, table 24-2). */
#define AUX_ENCRYPT	 0x80
#define AUX_AUTHENTICATE 0x40
/* SOL parameter 2 (table 26-5). */
#define SOL_FORCE_ENCRYPT 0x80
#define SOL_FORCE_AUTH	  0x40
#define SOL_PRIV_MASK	  0x0f

/* Type 1 and an instance we have: 0, or the completion code. */
static uint8_t
payload_sol_instance(uint8_t type, uint8_t instance)
{
	if ((type & PAYLOAD_TYPE_MASK) != PAYLOAD_TYPE_SOL)
		return IPMI_CC_INVALID_DATA_FIELD;
	instance &= 0x0f;
	if (instance == 0 || instance > SOL_INSTANCES)
		return IPMI_CC_PARAM_OUT_OF_RANGE;
	return IPMI_CC_OK;
}

/* R1: the checks, in order. */
static uint8_t
payload_activate(struct bmc *b, struct bmc_cmd *ctx)
{
	const struct model_request *rq = ctx->req;
	struct sol_params	    sp;
	uint8_t			    type, instance, aux, cc;
	uint32_t		    owner;

	rd_u8(&ctx->in, &type);
	rd_u8(&ctx->in, &instance);
	rd_u8(&ctx->in, &aux);
	if ((cc = payload_sol_instance(type, instance)) != IPMI_CC_OK)
		return cc;
	/* A payload needs an RMCP+ session to travel in (§13.27.3). */
	if (!rq->in_session || rq->ipmi15)
		return IPMI_CC_INVALID_DATA_FIELD;
	sol_params_get(b, &sp);
	if (!sp.enable)
		return CC_PAYLOAD_DISABLED;
	if (rq->privilege < (sp.auth & SOL_PRIV_MASK))
		return IPMI_CC_INSUFFICIENT_PRIV;
	if (!sol_user_access(b, rq->user_id))
		return CC_PAYLOAD_DISABLED;
	owner = sol_console_owner(b);
	if (owner != 0 && owner != rq->session_id)
		return CC_PAYLOAD_ACTIVE;
	/* §24.1: encryption without authentication is an error. */
	if ((aux & AUX_ENCRYPT) && !(aux & AUX_AUTHENTICATE))
		return CC_PAYLOAD_NO_ENCRYPTION;
	if ((sp.auth & SOL_FORCE_ENCRYPT) && !(aux & AUX_ENCRYPT))
		return CC_PAYLOAD_NEEDS_ENCRYPTION;
	if ((sp.auth & SOL_FORCE_AUTH) && !(aux & AUX_AUTHENTICATE))
		return IPMI_CC_INVALID_DATA_FIELD;
	/*
	 * R1.8: asking for protection the session did not negotiate is
	 * downgraded, not refused (ipmitool sends C6h on suites 0-2 too);
	 * the packets are protected exactly as the session is.
	 */
	if (sol_console_activate(b, rq->now_ms, rq->session_id, rq->user_id) !=
	    0)
		return IPMI_CC_OUT_OF_SPACE;
	wr_u32le(&ctx->out, 0); /* auxiliary response: no test mode */
	wr_u16le(&ctx->out, SOL_CONSOLE_PAYLOAD_SIZE); /* inbound */
	wr_u16le(&ctx->out, SOL_CONSOLE_PAYLOAD_SIZE); /* outbound */
	/* The clients check this against the port they talk to. */
	wr_u16le(&ctx->out, b->port);
	wr_u16le(&ctx->out, 0xffff); /* no VLAN */
	return IPMI_CC_OK;
}

/* R5: the owner, or anyone at the SOL privilege, may end it. */
static uint8_t
payload_deactivate(struct bmc *b, struct bmc_cmd *ctx)
{
	const struct model_request *rq = ctx->req;
	struct sol_params	    sp;
	uint8_t			    type, instance, cc;
	uint32_t		    owner;

	rd_u8(&ctx->in, &type);
	rd_u8(&ctx->in, &instance);
	if ((cc = payload_sol_instance(type, instance)) != IPMI_CC_OK)
		return cc;
	if ((owner = sol_console_owner(b)) == 0)
		return CC_PAYLOAD_NOT_ACTIVE;
	sol_params_get(b, &sp);
	if (owner != rq->session_id &&
	    rq->privilege < (sp.auth & SOL_PRIV_MASK))
		return IPMI_CC_INSUFFICIENT_PRIV;
	/* Another session's console is told it lost it. */
	(void)sol_console_deactivate(b, owner != rq->session_id);
	return IPMI_CC_OK;
}

static uint8_t
payload_get_status(struct bmc *b, struct bmc_cmd *ctx)
{
	uint8_t type;

	rd_u8(&ctx->in, &type);
	if ((type & PAYLOAD_TYPE_MASK) != PAYLOAD_TYPE_SOL)
		return IPMI_CC_INVALID_DATA_FIELD;
	/* §24.4: capacity, then instances 1-8 and 9-16 as bitmaps. */
	wr_u8(&ctx->out, SOL_INSTANCES);
	wr_u8(&ctx->out, sol_console_owner(b) != 0 ? 0x01 : 0x00);
	wr_u8(&ctx->out, 0x00);
	return IPMI_CC_OK;
}

static uint8_t
payload_get_instance(struct bmc *b, struct bmc_cmd *ctx)
{
	uint8_t type, instance, cc;

	rd_u8(&ctx->in, &type);
	rd_u8(&ctx->in, &instance);
	if ((cc = payload_sol_instance(type, instance)) != IPMI_CC_OK)
		return cc;
	/* §24.5: the owning session (pyghmi's keepalive compares it). */
	wr_u32le(&ctx->out, sol_console_owner(b));
	wr_u8(&ctx->out, 1); /* the system's serial port 1 */
	wr_fill(&ctx->out, 0, 7);
	return IPMI_CC_OK;
}

/* The user a payload access command names: 0 and *uid, or a code. */
static uint8_t
payload_user(struct bmc *b, struct bmc_cmd *ctx, uint8_t chan, uint8_t uid)
{
	if (bmc_lan_channel(b, ctx->req, chan & 0x0f) < 0)
		return IPMI_CC_INVALID_DATA_FIELD;
	if (uid == 0 || uid > MODEL_USERS_MAX)
		return IPMI_CC_INVALID_DATA_FIELD;
	return IPMI_CC_OK;
}

/* §24.6: byte 2 bits 7:6 the operation, 5:0 the user. */
static uint8_t
payload_set_user_access(struct bmc *b, struct bmc_cmd *ctx)
{
	uint8_t chan, op_user, std, cc;

	rd_u8(&ctx->in, &chan);
	rd_u8(&ctx->in, &op_user);
	rd_u8(&ctx->in, &std);
	if ((cc = payload_user(b, ctx, chan, op_user & 0x3f)) != IPMI_CC_OK)
		return cc;
	if ((op_user >> 6) > 1)
		return IPMI_CC_INVALID_DATA_FIELD;
	/* Only SOL (standard payload 1) can be given or taken. */
	if (std & (1u << PAYLOAD_TYPE_SOL))
		sol_user_access_set(b, op_user & 0x3f, (op_user >> 6) == 0);
	return IPMI_CC_OK;
}

static uint8_t
payload_get_user_access(struct bmc *b, struct bmc_cmd *ctx)
{
	uint8_t chan, uid, cc;

	rd_u8(&ctx->in, &chan);
	rd_u8(&ctx->in, &uid);
	if ((cc = payload_user(b, ctx, chan, uid & 0x3f)) != IPMI_CC_OK)
		return cc;
	/* §24.7: standard payloads 1-7, reserved, OEM 20h-27h, reserved. */
	wr_u8(&ctx->out,
	    sol_user_access(b, uid & 0x3f) ? 1u << PAYLOAD_TYPE_SOL : 0);
	wr_fill(&ctx->out, 0, 3);
	return IPMI_CC_OK;
}

static uint8_t
payload_get_support(struct bmc *b, struct bmc_cmd *ctx)
{
	uint8_t chan;

	rd_u8(&ctx->in, &chan);
	if (bmc_lan_channel(b, ctx->req, chan & 0x0f) < 0)
		return IPMI_CC_INVALID_DATA_FIELD;
	/*
	 * §24.8: IPMI and SOL; the session setup payloads 10h-15h; no
	 * OEM payloads.
	 */
	wr_u8(&ctx->out, 0x03);
	wr_u8(&ctx->out, 0x00);
	wr_u8(&ctx->out, 0x3f);
	wr_fill(&ctx->out, 0, 5);
	return IPMI_CC_OK;
}

static uint8_t
payload_get_version(struct bmc *b, struct bmc_cmd *ctx)
{
	uint8_t chan, type;

	rd_u8(&ctx->in, &chan);
	rd_u8(&ctx->in, &type);
	if (bmc_lan_channel(b, ctx->req, chan & 0x0f) < 0)
		return IPMI_CC_INVALID_DATA_FIELD;
	if (type != PAYLOAD_TYPE_IPMI && type != PAYLOAD_TYPE_SOL)
		return CC_PAYLOAD_TYPE_UNAVAILABLE;
	wr_u8(&ctx->out, SOL_VERSION_1_0);
	return IPMI_CC_OK;
}

/*
 * §24.3: encryption of an active payload cannot be suspended here; the
 * console is protected as its session is, from activation to the end.
 */
static uint8_t
payload_suspend_encryption(struct bmc *b, struct bmc_cmd *ctx)
{
	uint8_t type, instance, op, cc;

	rd_u8(&ctx->in, &type);
	rd_u8(&ctx->in, &instance);
	rd_u8(&ctx->in, &op);
	if ((cc = payload_sol_instance(type, instance)) != IPMI_CC_OK)
		return cc;
	if (op > 2)
		return IPMI_CC_INVALID_DATA_FIELD;
	if (sol_console_owner(b) == 0)
		return CC_PAYLOAD_INST_INACTIVE;
	return CC_PAYLOAD_OP_UNSUPPORTED;
}

#define APP IPMI_NETFN_APP

/*
 * Privileges of IPMI 2.0 appendix G; 48h and 49h are then held to SOL
 * parameter 2 by their handlers.
 */
static const struct cmd_entry payload_cmds[] = {
    {APP, CMD_ACTIVATE_PAYLOAD, IPMI_PRIV_USER, 6, 6, 0, payload_activate,
	"Activate Payload"},
    {APP, CMD_DEACTIVATE_PAYLOAD, IPMI_PRIV_USER, 6, 6, 0, payload_deactivate,
	"Deactivate Payload"},
    {APP, CMD_GET_PAYLOAD_STATUS, IPMI_PRIV_USER, 1, 1, 0, payload_get_status,
	"Get Payload Activation Status"},
    {APP, CMD_GET_PAYLOAD_INSTANCE, IPMI_PRIV_USER, 2, 2, 0,
	payload_get_instance, "Get Payload Instance Info"},
    {APP, CMD_SET_USER_PAYLOAD_ACCESS, IPMI_PRIV_ADMIN, 6, 6, 0,
	payload_set_user_access, "Set User Payload Access"},
    {APP, CMD_GET_USER_PAYLOAD_ACCESS, IPMI_PRIV_OPERATOR, 2, 2, 0,
	payload_get_user_access, "Get User Payload Access"},
    {APP, CMD_GET_PAYLOAD_SUPPORT, IPMI_PRIV_USER, 1, 1, 0, payload_get_support,
	"Get Channel Payload Support"},
    {APP, CMD_GET_PAYLOAD_VERSION, IPMI_PRIV_USER, 2, 2, 0, payload_get_version,
	"Get Channel Payload Version"},
    {APP, CMD_SUSPEND_PAYLOAD_ENC, IPMI_PRIV_USER, 3, 3, 0,
	payload_suspend_encryption, "Suspend/Resume Payload Encryption"},
};

const struct bmc_area bmc_area_payload = {
    .name = "payload",
    .cmds = payload_cmds,
    .ncmds = sizeof(payload_cmds) / sizeof(payload_cmds[0]),
};
