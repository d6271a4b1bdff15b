/*
 * The management controller itself (IPMI 2.0 chapter 20, §22.20): device
 * identity and GUIDs, resets, self test, ACPI power state, session info.
 */
#include <string.h>

#include "bmc_impl.h"
#include "log.h"

/* §20.1. */
static uint8_t
mc_get_device_id(struct bmc *b, struct bmc_cmd *ctx)
{
	const struct model_identity *id = &b->model->identity;

	wr_u8(&ctx->out, id->device_id);
	wr_u8(&ctx->out,
	    (uint8_t)((id->provides_sdrs ? 0x80 : 0) |
		(id->device_revision & 0x0f)));
	/* Bit 7 clear: normal operation, not updating firmware. */
	wr_u8(&ctx->out, id->fw_major & 0x7f);
	wr_u8(&ctx->out, id->fw_minor_bcd);
	wr_u8(&ctx->out, id->ipmi_version);
	wr_u8(&ctx->out, id->additional_support);
	wr_u8(&ctx->out, (uint8_t)id->manufacturer_id);
	wr_u8(&ctx->out, (uint8_t)(id->manufacturer_id >> 8));
	wr_u8(&ctx->out, (uint8_t)(id->manufacturer_id >> 16) & 0x0f);
	wr_u16le(&ctx->out, id->product_id);
	if (id->has_aux_firmware)
		wr_bytes(&ctx->out, id->aux_firmware, sizeof(id->aux_firmware));
	return IPMI_CC_OK;
}

/*
 * §20.2: the BMC resets.  Sessions survive here (the server owns them);
 * what a reset does to each area's state is what the spec says volatile
 * means, and each area with a reset_cb says what that is.
 */
static uint8_t
mc_cold_reset(struct bmc *b, struct bmc_cmd *ctx)
{
	const struct bmc_area *const *a;

	for (a = b->areas; *a != NULL; a++)
		if ((*a)->reset_cb != NULL)
			(*a)->reset_cb(b, ctx->req);
	bmc_log(b, "cold reset");
	return IPMI_CC_OK;
}

/* §20.3: nothing volatile is lost in a warm reset. */
static uint8_t
mc_warm_reset(struct bmc *b, struct bmc_cmd *ctx)
{
	bmc_log(b, "warm reset");
	return IPMI_CC_OK;
}

/* §20.4: 55h 00h, no error. */
static uint8_t
mc_get_self_test(struct bmc *b, struct bmc_cmd *ctx)
{
	wr_u8(&ctx->out, 0x55);
	wr_u8(&ctx->out, 0x00);
	return IPMI_CC_OK;
}

static int
acpi_system_state_valid(uint8_t s)
{
	/* S0/G0 .. G1, legacy on/off, unknown (§20.6, table 20-5). */
	return s <= 0x0a || s == 0x20 || s == 0x21 || s == 0x2a;
}

static int
acpi_device_state_valid(uint8_t s)
{
	return s <= 0x03 || s == 0x2a;
}

/* §20.6: system software tells the BMC; power is not switched. */
static uint8_t
mc_set_acpi_power_state(struct bmc *b, struct bmc_cmd *ctx)
{
	uint8_t sys, dev, sys_state, dev_state;

	if (rd_u8(&ctx->in, &sys) != 0 || rd_u8(&ctx->in, &dev) != 0)
		return IPMI_CC_REQ_DATA_LEN_INVALID;
	sys_state = sys & 0x7f;
	dev_state = dev & 0x7f;
	if ((sys & 0x80) && sys_state != BMC_ACPI_NO_CHANGE &&
	    !acpi_system_state_valid(sys_state))
		return IPMI_CC_INVALID_DATA_FIELD;
	if ((dev & 0x80) && dev_state != BMC_ACPI_NO_CHANGE &&
	    !acpi_device_state_valid(dev_state))
		return IPMI_CC_INVALID_DATA_FIELD;
	if ((sys & 0x80) && sys_state != BMC_ACPI_NO_CHANGE)
		b->acpi_system = sys_state;
	if ((dev & 0x80) && dev_state != BMC_ACPI_NO_CHANGE)
		b->acpi_device = dev_state;
	return IPMI_CC_OK;
}

/* §20.7. */
static uint8_t
mc_get_acpi_power_state(struct bmc *b, struct bmc_cmd *ctx)
{
	wr_u8(&ctx->out, b->acpi_system);
	wr_u8(&ctx->out, b->acpi_device);
	return IPMI_CC_OK;
}

/* §20.8, least significant byte first, as configured. */
static uint8_t
mc_get_device_guid(struct bmc *b, struct bmc_cmd *ctx)
{
	wr_bytes(&ctx->out, b->device_guid, MODEL_GUID_LEN);
	return IPMI_CC_OK;
}

/* §22.14. */
static uint8_t
mc_get_system_guid(struct bmc *b, struct bmc_cmd *ctx)
{
	wr_bytes(&ctx->out, b->system_guid, MODEL_GUID_LEN);
	return IPMI_CC_OK;
}

/*
 * §22.20: index 0 is the requester's own session, 1..63 the Nth active
 * one, FEh a handle, FFh a session ID.  An index with no session
 * answers the first three bytes only.
 */
static uint8_t
mc_get_session_info(struct bmc *b, struct bmc_cmd *ctx)
{
	const struct model_session_ops *ops = ctx->req->sessions;
	struct model_session_info	info;
	enum model_session_key		key;
	uint32_t			value, active;
	uint8_t				index, handle;
	int				found;

	if (rd_u8(&ctx->in, &index) != 0)
		return IPMI_CC_REQ_DATA_LEN_INVALID;
	if (index == 0xfe) {
		if (rd_u8(&ctx->in, &handle) != 0 || rd_end(&ctx->in) != 0)
			return IPMI_CC_REQ_DATA_LEN_INVALID;
		key = MODEL_SESSION_BY_HANDLE;
		value = handle;
	} else if (index == 0xff) {
		if (rd_u32le(&ctx->in, &value) != 0 || rd_end(&ctx->in) != 0)
			return IPMI_CC_REQ_DATA_LEN_INVALID;
		key = MODEL_SESSION_BY_ID;
	} else if (rd_end(&ctx->in) != 0) {
		return IPMI_CC_REQ_DATA_LEN_INVALID;
	} else if (index == 0) {
		key = MODEL_SESSION_BY_HANDLE;
		value = ctx->req->session_handle;
	} else if (index <= 63) {
		key = MODEL_SESSION_BY_INDEX;
		value = index;
	} else
		return IPMI_CC_INVALID_DATA_FIELD;

	memset(&info, 0, sizeof(info));
	if (ops != NULL && ops->session_info_cb != NULL)
		found = ops->session_info_cb(
			    ctx->req->sessions_arg, key, value, &info) == 0;
	else if (index == 0 && ctx->req->in_session) {
		/* No session layer to ask: what the request says. */
		info.handle = ctx->req->session_handle;
		info.user_id = ctx->req->user_id;
		info.privilege = ctx->req->privilege;
		info.ipmi15 = ctx->req->ipmi15;
		info.channel = ctx->req->channel;
		found = 1;
	} else
		found = 0;
	if (!found && (index == 0xfe || index == 0xff))
		return IPMI_CC_INVALID_DATA_FIELD;

	if (ops != NULL && ops->active_count_cb != NULL)
		active = ops->active_count_cb(ctx->req->sessions_arg);
	else
		active = ctx->req->in_session ? 1 : 0;
	wr_u8(&ctx->out, found ? info.handle : 0);
	wr_u8(&ctx->out, b->channel.max_sessions & 0x3f);
	wr_u8(&ctx->out, (uint8_t)(active & 0x3f));
	if (!found)
		return IPMI_CC_OK;
	wr_u8(&ctx->out, info.user_id & 0x3f);
	wr_u8(&ctx->out, info.privilege & 0x0f);
	wr_u8(&ctx->out,
	    (uint8_t)((info.ipmi15 ? 0x00 : 0x10) | (info.channel & 0x0f)));
	/* 802.3 LAN: console IP (MS byte first), MAC, port (LS first). */
	if (info.peer_family == 4)
		wr_bytes(&ctx->out, info.peer_addr, 4);
	else
		wr_fill(&ctx->out, 0, 4);
	wr_fill(&ctx->out, 0, 6);
	wr_u16le(&ctx->out, info.peer_port);
	return IPMI_CC_OK;
}

#define APP   IPMI_NETFN_APP
#define CB    IPMI_PRIV_CALLBACK
#define USER  IPMI_PRIV_USER
#define ADMIN IPMI_PRIV_ADMIN

/* Privileges of IPMI 2.0 appendix G, table G-1. */
static const struct cmd_entry mc_cmds[] = {
    /* netfn, cmd, privilege, min, max, sessionless, handler, name */
    {APP, CMD_APP_GET_DEVICE_ID, USER, 0, 0, 0, mc_get_device_id,
	"Get Device ID"},
    {APP, CMD_APP_COLD_RESET, ADMIN, 0, 0, 0, mc_cold_reset, "Cold Reset"},
    {APP, CMD_APP_WARM_RESET, ADMIN, 0, 0, 0, mc_warm_reset, "Warm Reset"},
    {APP, CMD_APP_GET_SELF_TEST, USER, 0, 0, 0, mc_get_self_test,
	"Get Self Test Results"},
    {APP, CMD_APP_SET_ACPI_POWER_STATE, ADMIN, 2, 2, 0, mc_set_acpi_power_state,
	"Set ACPI Power State"},
    {APP, CMD_APP_GET_ACPI_POWER_STATE, USER, 0, 0, 0, mc_get_acpi_power_state,
	"Get ACPI Power State"},
    {APP, CMD_APP_GET_DEVICE_GUID, USER, 0, 0, 0, mc_get_device_guid,
	"Get Device GUID"},
    /* Appendix G: Get System GUID needs no session. */
    {APP, CMD_APP_GET_SYSTEM_GUID, CB, 0, 0, 1, mc_get_system_guid,
	"Get System GUID"},
    /* Index, then a handle (FEh) or a session ID (FFh). */
    {APP, CMD_APP_GET_SESSION_INFO, USER, 1, 5, 0, mc_get_session_info,
	"Get Session Info"},
};

const struct bmc_area bmc_area_mc = {
    .name = "mc",
    .cmds = mc_cmds,
    .ncmds = sizeof(mc_cmds) / sizeof(mc_cmds[0]),
};
