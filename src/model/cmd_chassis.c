/*
 * Chassis commands (IPMI 2.0 chapter 28): power, identify, restore
 * policy, restart cause, boot options and the power-on hours counter.
 */
#include <string.h>

#include "bmc_impl.h"
#include "log.h"

/* Chassis Control (§28.3, table 28-4). */
#define CONTROL_POWER_DOWN  0x0
#define CONTROL_POWER_UP    0x1
#define CONTROL_POWER_CYCLE 0x2
#define CONTROL_HARD_RESET  0x3
#define CONTROL_DIAG_PULSE  0x4
#define CONTROL_SOFT_OFF    0x5

/* Set Power Restore Policy byte 1 (§28.8). */
#define RESTORE_NO_CHANGE 0x3
#define RESTORE_SUPPORTED 0x07 /* always off, previous, always on */

/* System boot options (§28.13). */
#define BOOT_PARAM_VERSION	     0x01
#define BOOT_PARAM_SET_IN_PROGRESS   0
#define BOOT_PARAM_SERVICE_PARTITION 1
#define BOOT_PARAM_SERVICE_SCAN	     2
#define BOOT_PARAM_VALID_CLEARING    3
#define BOOT_PARAM_INFO_ACK	     4
#define BOOT_PARAM_FLAGS	     5
#define BOOT_PARAM_INITIATOR_INFO    6
#define BOOT_PARAM_MAILBOX	     7
#define BOOT_SET_COMPLETE	     0
#define BOOT_SET_IN_PROGRESS	     1
#define BOOT_COMMIT_WRITE	     2
#define CC_BOOT_PARAM_UNSUPPORTED    0x80
#define CC_BOOT_SET_IN_PROGRESS	     0x81

/* §28.1: every management function lives in the BMC (20h). */
uint8_t
cmd_chassis_get_capabilities(struct bmc *b, struct bmc_cmd *ctx)
{
	wr_u8(&ctx->out, b->model->chassis.capabilities & 0x0f);
	wr_u8(&ctx->out, IPMIMSG_BMC_ADDR); /* FRU info device */
	wr_u8(&ctx->out, IPMIMSG_BMC_ADDR); /* SDR device */
	wr_u8(&ctx->out, IPMIMSG_BMC_ADDR); /* SEL device */
	wr_u8(&ctx->out, IPMIMSG_BMC_ADDR); /* system management device */
	return IPMI_CC_OK;
}

/* §28.2; the optional front panel byte is left out. */
uint8_t
cmd_chassis_get_status(struct bmc *b, struct bmc_cmd *ctx)
{
	wr_u8(&ctx->out,
	    (uint8_t)((b->restore_policy & 0x03) << 5 |
		(b->power_on ? 0x01 : 0x00)));
	wr_u8(&ctx->out, b->last_power_event);
	/* Bit 6: identify state is reported; bits 5:4 the state. */
	wr_u8(&ctx->out, (uint8_t)(0x40 | (b->identify & 0x03) << 4));
	return IPMI_CC_OK;
}

/*
 * §28.3.  Power changes now, except the "on" half of a cycle and a soft
 * shutdown, which bmc_tick() finishes.  A cycle, reset or diagnostic
 * interrupt with the power off is D5h, as the spec recommends.
 */
uint8_t
cmd_chassis_control(struct bmc *b, struct bmc_cmd *ctx)
{
	const struct model_chassis *mc = &b->model->chassis;
	uint8_t			    control;
	uint64_t		    now = ctx->req->now_ms;

	if (rd_u8(&ctx->in, &control) != 0)
		return IPMI_CC_REQ_DATA_LEN_INVALID;
	control &= 0x0f;
	if (control > CONTROL_SOFT_OFF)
		return IPMI_CC_INVALID_DATA_FIELD;
	if (!b->power_on &&
	    (control == CONTROL_POWER_CYCLE || control == CONTROL_HARD_RESET ||
		control == CONTROL_DIAG_PULSE))
		return IPMI_CC_NOT_SUPPORTED_NOW;
	/* §28.13 param 3 bit 3: a Chassis Control restarts the 60 s. */
	if (b->boot.valid_deadline_ms != UINT64_MAX)
		b->boot.valid_deadline_ms = now + BMC_BOOT_VALID_TIMEOUT_MS;

	switch (control) {
	case CONTROL_POWER_DOWN:
		bmc_power_set(b, 0, now, "Chassis Control");
		break;
	case CONTROL_POWER_UP:
		if (b->power_on)
			break;
		bmc_power_set(b, 1, now, "Chassis Control");
		b->last_power_event = BMC_LAST_EVENT_IPMI_ON;
		bmc_system_boot(
		    b, BMC_RESTART_CHASSIS_CONTROL, ctx->req->channel, now);
		break;
	case CONTROL_POWER_CYCLE:
		bmc_power_set(b, 0, now, "Chassis Control power cycle");
		b->pending = BMC_PENDING_POWER_ON;
		b->pending_cause = BMC_RESTART_CHASSIS_CONTROL;
		b->pending_deadline_ms = now + mc->power_cycle_interval_ms;
		b->restart_channel = ctx->req->channel;
		break;
	case CONTROL_HARD_RESET:
		bmc_log(b, "hard reset (Chassis Control)");
		bmc_system_boot(
		    b, BMC_RESTART_CHASSIS_CONTROL, ctx->req->channel, now);
		break;
	case CONTROL_DIAG_PULSE:
		bmc_log(b, "diagnostic interrupt (Chassis Control)");
		break;
	case CONTROL_SOFT_OFF:
		if (!b->power_on || b->pending == BMC_PENDING_SOFT_OFF)
			break;
		bmc_log(b, "soft shutdown requested (Chassis Control)");
		b->pending = BMC_PENDING_SOFT_OFF;
		b->pending_deadline_ms = now + mc->soft_off_delay_ms;
		break;
	}
	return IPMI_CC_OK;
}

/*
 * §28.5: interval in seconds (0: off; absent: the model's default),
 * byte 2 bit 0: on until told otherwise.
 */
uint8_t
cmd_chassis_identify(struct bmc *b, struct bmc_cmd *ctx)
{
	uint8_t interval = b->model->chassis.identify_default_s, force = 0;

	if (rd_left(&ctx->in) > 0 && rd_u8(&ctx->in, &interval) != 0)
		return IPMI_CC_REQ_DATA_LEN_INVALID;
	if (rd_left(&ctx->in) > 0 && rd_u8(&ctx->in, &force) != 0)
		return IPMI_CC_REQ_DATA_LEN_INVALID;
	if (force & 0x01) {
		b->identify = BMC_IDENTIFY_ON;
		b->identify_deadline_ms = UINT64_MAX;
		bmc_log(b, "identify on (Chassis Identify)");
	} else if (interval == 0) {
		b->identify = BMC_IDENTIFY_OFF;
		b->identify_deadline_ms = UINT64_MAX;
		bmc_log(b, "identify off (Chassis Identify)");
	} else {
		b->identify = BMC_IDENTIFY_TIMED;
		b->identify_deadline_ms = ctx->req->now_ms + interval * 1000u;
		bmc_log(b, "identify on for %u s (Chassis Identify)", interval);
	}
	return IPMI_CC_OK;
}

static const char *
restore_policy_name(uint8_t policy)
{
	switch (policy) {
	case MODEL_RESTORE_ALWAYS_OFF:
		return "always-off";
	case MODEL_RESTORE_PREVIOUS:
		return "previous";
	case MODEL_RESTORE_ALWAYS_ON:
		return "always-on";
	}
	return "unknown";
}

/* §28.8: answers the policies supported; 03h changes nothing. */
uint8_t
cmd_chassis_set_power_restore(struct bmc *b, struct bmc_cmd *ctx)
{
	uint8_t policy;

	if (rd_u8(&ctx->in, &policy) != 0)
		return IPMI_CC_REQ_DATA_LEN_INVALID;
	policy &= 0x07;
	if (policy > RESTORE_NO_CHANGE)
		return IPMI_CC_INVALID_DATA_FIELD;
	if (policy != RESTORE_NO_CHANGE && policy != b->restore_policy) {
		b->restore_policy = policy;
		b->state_generation++;
		bmc_log(
		    b, "power restore policy %s", restore_policy_name(policy));
	}
	wr_u8(&ctx->out, RESTORE_SUPPORTED);
	return IPMI_CC_OK;
}

/* §28.11. */
uint8_t
cmd_chassis_get_restart_cause(struct bmc *b, struct bmc_cmd *ctx)
{
	wr_u8(&ctx->out, b->restart_cause & 0x0f);
	wr_u8(&ctx->out, b->restart_channel & 0x0f);
	return IPMI_CC_OK;
}

static const char *
boot_device_name(uint8_t selector)
{
	static const char *const names[16] = {"no override", "PXE",
	    "default hard disk", "default hard disk, safe mode",
	    "diagnostic partition", "CD/DVD", "BIOS setup",
	    "remote floppy/removable", "remote CD/DVD", "primary remote media",
	    "reserved (10)", "remote hard disk", "reserved (12)",
	    "reserved (13)", "reserved (14)", "floppy/removable"};

	return names[selector & 0x0f];
}

static uint8_t
boot_set_flags(struct bmc *b, const struct model_request *req, struct rd *in)
{
	uint8_t *flags = b->boot.flags;

	if (rd_bytes(in, flags, BMC_BOOT_FLAGS_LEN) != 0)
		return IPMI_CC_REQ_DATA_LEN_INVALID;
	/*
	 * §28.13 param 3 bit 3: unless told otherwise, the valid bit clears
	 * itself if no Chassis Control follows within 60 s.  Persistent
	 * flags are kept, as real BMCs keep them.
	 */
	if ((flags[0] & BMC_BOOT_FLAG_VALID) &&
	    !(flags[0] & BMC_BOOT_FLAG_PERSISTENT) &&
	    !(b->boot.valid_bit_clearing & BMC_BOOT_KEEP_PAST_TIMEOUT))
		b->boot.valid_deadline_ms = req->now_ms +
		    BMC_BOOT_VALID_TIMEOUT_MS;
	else
		b->boot.valid_deadline_ms = UINT64_MAX;
	b->state_generation++;
	if (flags[0] & BMC_BOOT_FLAG_VALID)
		bmc_log(b, "boot device %s (%s, %s)",
		    boot_device_name((uint8_t)(flags[1] >> 2)),
		    (flags[0] & BMC_BOOT_FLAG_PERSISTENT) ? "persistent"
							  : "next boot",
		    (flags[0] & 0x20) ? "EFI" : "legacy");
	else
		bmc_log(b, "boot flags cleared (Set System Boot Options)");
	return IPMI_CC_OK;
}

/*
 * §28.12.  Byte 1: bit 7 marks the parameter invalid (locked), bits 6:0
 * select it; the data that follows has the parameter's exact length.
 */
uint8_t
cmd_chassis_set_boot_options(struct bmc *b, struct bmc_cmd *ctx)
{
	struct bmc_boot *boot = &b->boot;
	uint8_t		 sel, param, v, mask, block;
	size_t		 left;
	uint8_t		 cc = IPMI_CC_OK;

	if (rd_u8(&ctx->in, &sel) != 0)
		return IPMI_CC_REQ_DATA_LEN_INVALID;
	param = sel & 0x7f;
	if (param > BOOT_PARAM_MAILBOX)
		return CC_BOOT_PARAM_UNSUPPORTED;
	left = rd_left(&ctx->in);
	switch (param) {
	case BOOT_PARAM_SET_IN_PROGRESS:
		if (left != 1 || rd_u8(&ctx->in, &v) != 0)
			return IPMI_CC_REQ_DATA_LEN_INVALID;
		v &= 0x03;
		if (v == 3)
			return IPMI_CC_INVALID_DATA_FIELD;
		if (v == BOOT_SET_IN_PROGRESS &&
		    boot->set_in_progress == BOOT_SET_IN_PROGRESS)
			return CC_BOOT_SET_IN_PROGRESS;
		/* Writes take effect at once: a commit has nothing to do. */
		if (v != BOOT_COMMIT_WRITE)
			boot->set_in_progress = v;
		break;
	case BOOT_PARAM_SERVICE_PARTITION:
		if (left != 1 || rd_u8(&ctx->in, &boot->service_partition) != 0)
			return IPMI_CC_REQ_DATA_LEN_INVALID;
		break;
	case BOOT_PARAM_SERVICE_SCAN:
		if (left != 1 || rd_u8(&ctx->in, &v) != 0)
			return IPMI_CC_REQ_DATA_LEN_INVALID;
		boot->service_scan = v & 0x03;
		break;
	case BOOT_PARAM_VALID_CLEARING:
		if (left != 1 || rd_u8(&ctx->in, &v) != 0)
			return IPMI_CC_REQ_DATA_LEN_INVALID;
		boot->valid_bit_clearing = v & 0x1f;
		if (v & BMC_BOOT_KEEP_PAST_TIMEOUT)
			boot->valid_deadline_ms = UINT64_MAX;
		b->state_generation++;
		break;
	case BOOT_PARAM_INFO_ACK:
		/* Byte 1 is a write mask over byte 2. */
		if (left != 2 || rd_u8(&ctx->in, &mask) != 0 ||
		    rd_u8(&ctx->in, &v) != 0)
			return IPMI_CC_REQ_DATA_LEN_INVALID;
		boot->ack_data = (uint8_t)((boot->ack_data & ~mask) |
		    (v & mask));
		break;
	case BOOT_PARAM_FLAGS:
		if (left != BMC_BOOT_FLAGS_LEN)
			return IPMI_CC_REQ_DATA_LEN_INVALID;
		cc = boot_set_flags(b, ctx->req, &ctx->in);
		break;
	case BOOT_PARAM_INITIATOR_INFO:
		if (left != BMC_BOOT_INITIATOR_LEN ||
		    rd_bytes(
			&ctx->in, boot->initiator, BMC_BOOT_INITIATOR_LEN) != 0)
			return IPMI_CC_REQ_DATA_LEN_INVALID;
		break;
	case BOOT_PARAM_MAILBOX:
		/* Set selector (the block), then 1..16 bytes of it. */
		if (left < 2 || left > 1 + BMC_BOOT_BLOCK_LEN ||
		    rd_u8(&ctx->in, &block) != 0)
			return IPMI_CC_REQ_DATA_LEN_INVALID;
		if (block >= BMC_BOOT_MAILBOX_BLOCKS)
			return IPMI_CC_PARAM_OUT_OF_RANGE;
		if (rd_bytes(&ctx->in, boot->mailbox[block], left - 1) != 0)
			return IPMI_CC_REQ_DATA_LEN_INVALID;
		break;
	}
	if (cc != IPMI_CC_OK)
		return cc;
	if (sel & 0x80)
		boot->invalid_mask |= (uint8_t)(1u << param);
	else
		boot->invalid_mask &= (uint8_t) ~(1u << param);
	return IPMI_CC_OK;
}

/* §28.13: parameter version 1, the selector, the data. */
uint8_t
cmd_chassis_get_boot_options(struct bmc *b, struct bmc_cmd *ctx)
{
	const struct bmc_boot *boot = &b->boot;
	uint8_t		       param, set, block;

	if (rd_u8(&ctx->in, &param) != 0 || rd_u8(&ctx->in, &set) != 0 ||
	    rd_u8(&ctx->in, &block) != 0)
		return IPMI_CC_REQ_DATA_LEN_INVALID;
	param &= 0x7f;
	if (param > BOOT_PARAM_MAILBOX)
		return CC_BOOT_PARAM_UNSUPPORTED;
	if (param == BOOT_PARAM_MAILBOX && set >= BMC_BOOT_MAILBOX_BLOCKS)
		return IPMI_CC_PARAM_OUT_OF_RANGE;
	wr_u8(&ctx->out, BOOT_PARAM_VERSION);
	wr_u8(&ctx->out,
	    (uint8_t)(param |
		((boot->invalid_mask & (1u << param)) ? 0x80 : 0)));
	switch (param) {
	case BOOT_PARAM_SET_IN_PROGRESS:
		wr_u8(&ctx->out, boot->set_in_progress);
		break;
	case BOOT_PARAM_SERVICE_PARTITION:
		wr_u8(&ctx->out, boot->service_partition);
		break;
	case BOOT_PARAM_SERVICE_SCAN:
		wr_u8(&ctx->out, boot->service_scan);
		break;
	case BOOT_PARAM_VALID_CLEARING:
		wr_u8(&ctx->out, boot->valid_bit_clearing);
		break;
	case BOOT_PARAM_INFO_ACK:
		wr_u8(&ctx->out, 0x00); /* the write mask reads as 0 */
		wr_u8(&ctx->out, boot->ack_data);
		break;
	case BOOT_PARAM_FLAGS:
		wr_bytes(&ctx->out, boot->flags, BMC_BOOT_FLAGS_LEN);
		break;
	case BOOT_PARAM_INITIATOR_INFO:
		wr_bytes(&ctx->out, boot->initiator, BMC_BOOT_INITIATOR_LEN);
		break;
	case BOOT_PARAM_MAILBOX:
		wr_u8(&ctx->out, set);
		wr_bytes(&ctx->out, boot->mailbox[set], BMC_BOOT_BLOCK_LEN);
		break;
	}
	return IPMI_CC_OK;
}

/* §28.14: one count per hour powered on. */
uint8_t
cmd_chassis_get_poh_counter(struct bmc *b, struct bmc_cmd *ctx)
{
	wr_u8(&ctx->out, BMC_POH_MINUTES_PER_COUNT);
	wr_u32le(&ctx->out, bmc_poh_hours(b, ctx->req->now_ms));
	return IPMI_CC_OK;
}
