/*
 * The chassis (IPMI 2.0 chapter 28): power, identify, restore policy,
 * restart cause, boot options and the power-on hours counter; the power
 * changes other areas ask for (bmc_power_set(), bmc_system_boot()); what
 * happens with time (the "on" half of a power cycle, the end of Chassis
 * Identify, a soft shutdown, the 60 s boot flag timeout).
 */
#include <string.h>

#include "bmc_impl.h"
#include "confparam.h"
#include "log.h"
#include "sol_console.h"

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

/* ---- state changes the other areas share ---- */

uint32_t
bmc_poh_hours(const struct bmc *b, uint64_t now_ms)
{
	uint64_t on_ms = b->poh_ms;

	if (b->power_on && now_ms > b->power_on_since_ms)
		on_ms += now_ms - b->power_on_since_ms;
	return b->model->chassis.poh_hours + (uint32_t)(on_ms / 3600000);
}

/*
 * Power really changes: ACPI state, the POH counter, the saved "last
 * power state" for the restore-previous policy.  Any pending half of a
 * cycle or soft shutdown is overtaken.
 */
/*
 * A power unit event, as real BMCs log it: "Power off/down" (sensor-
 * specific offset 0 of sensor type 09h) asserted when the power goes off,
 * deasserted when it comes back.
 */
static void
bmc_power_event(struct bmc *b, int on, uint64_t now_ms)
{
	struct bmc_sensor_address at = {0, 0xff};
	struct bmc_event	  ev = {
		     .generator = 0x20,
		     .sensor_type = BMC_SENSOR_TYPE_POWER_UNIT,
		     .event_type = 0x6f,
		     .data = {0x00, 0xff, 0xff},
	 };

	(void)bmc_sensor_find_type(b->model, BMC_SENSOR_TYPE_POWER_UNIT, &at);
	ev.sensor_number = at.number;
	if (on)
		ev.event_type |= 0x80; /* deassertion */
	bmc_event(b, now_ms, &ev);
}

void
bmc_power_set(struct bmc *b, int on, uint64_t now_ms, const char *why)
{
	b->pending = BMC_PENDING_NONE;
	b->pending_deadline_ms = UINT64_MAX;
	if (b->power_on == (on ? 1 : 0))
		return;
	if (on) {
		b->created_ms = now_ms;
		b->power_on_since_ms = now_ms;
		b->acpi_system = BMC_ACPI_S0;
		b->acpi_device = BMC_ACPI_D0;
	} else {
		if (now_ms > b->power_on_since_ms)
			b->poh_ms += now_ms - b->power_on_since_ms;
		b->acpi_system = BMC_ACPI_S5;
		b->acpi_device = BMC_ACPI_D3;
	}
	b->power_on = on ? 1 : 0;
	b->power_changed_ms = now_ms;
	if (!on)
		sol_console_host_off(b, now_ms);
	b->state_generation++;
	bmc_log(b, "power %s (%s)", on ? "on" : "off", why);
	bmc_power_event(b, on, now_ms);
}

/*
 * The host starts: the restart cause is recorded and a one-time boot
 * flag is consumed (IPMI 2.0 §28.13: "next boot only" options apply to
 * one boot; real BMCs clear the valid bit once the host has started).
 */
void
bmc_system_boot(struct bmc *b, uint8_t cause, uint8_t channel, uint64_t now_ms)
{
	uint8_t *flags = b->boot.flags;

	/* The serial console shows the boot, from the device asked for. */
	sol_console_host_boot(b, now_ms,
	    (flags[0] & BMC_BOOT_FLAG_VALID) ? (flags[1] >> 2) & 0x0f : 0);
	b->restart_cause = cause;
	b->restart_channel = channel;
	if ((flags[0] & BMC_BOOT_FLAG_VALID) &&
	    !(flags[0] & BMC_BOOT_FLAG_PERSISTENT)) {
		flags[0] &= (uint8_t)~BMC_BOOT_FLAG_VALID;
		b->boot.valid_deadline_ms = UINT64_MAX;
		bmc_log(b, "one-time boot device used, boot flags cleared");
	}
}

/* ---- handlers ---- */

/* §28.1: every management function lives in the BMC (20h). */
static uint8_t
chassis_get_capabilities(struct bmc *b, struct bmc_cmd *ctx)
{
	wr_u8(&ctx->out, b->model->chassis.capabilities & 0x0f);
	wr_u8(&ctx->out, IPMIMSG_BMC_ADDR); /* FRU info device */
	wr_u8(&ctx->out, IPMIMSG_BMC_ADDR); /* SDR device */
	wr_u8(&ctx->out, IPMIMSG_BMC_ADDR); /* SEL device */
	wr_u8(&ctx->out, IPMIMSG_BMC_ADDR); /* system management device */
	return IPMI_CC_OK;
}

/* §28.2; the optional front panel byte is left out. */
static uint8_t
chassis_get_status(struct bmc *b, struct bmc_cmd *ctx)
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
static uint8_t
chassis_control(struct bmc *b, struct bmc_cmd *ctx)
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
static uint8_t
chassis_identify(struct bmc *b, struct bmc_cmd *ctx)
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
static uint8_t
chassis_set_power_restore(struct bmc *b, struct bmc_cmd *ctx)
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
static uint8_t
chassis_get_restart_cause(struct bmc *b, struct bmc_cmd *ctx)
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
static uint8_t
chassis_set_boot_options(struct bmc *b, struct bmc_cmd *ctx)
{
	struct bmc_boot *boot = &b->boot;
	uint8_t		 sel, param, v, mask, block;
	size_t		 left;
	uint8_t		 cc = IPMI_CC_OK;

	if (rd_u8(&ctx->in, &sel) != 0)
		return IPMI_CC_REQ_DATA_LEN_INVALID;
	param = sel & 0x7f;
	if (param > BOOT_PARAM_MAILBOX)
		return CONFPARAM_CC_NOT_SUPPORTED;
	left = rd_left(&ctx->in);
	switch (param) {
	case BOOT_PARAM_SET_IN_PROGRESS:
		if (left != 1 || rd_u8(&ctx->in, &v) != 0)
			return IPMI_CC_REQ_DATA_LEN_INVALID;
		/* Writes take effect at once: a commit has nothing to do. */
		cc = confparam_set_in_progress(
		    &boot->set_in_progress, v, CONFPARAM_COMMIT_KEEPS);
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
static uint8_t
chassis_get_boot_options(struct bmc *b, struct bmc_cmd *ctx)
{
	const struct bmc_boot *boot = &b->boot;
	uint8_t		       param, set, block;

	if (rd_u8(&ctx->in, &param) != 0 || rd_u8(&ctx->in, &set) != 0 ||
	    rd_u8(&ctx->in, &block) != 0)
		return IPMI_CC_REQ_DATA_LEN_INVALID;
	param &= 0x7f;
	if (param > BOOT_PARAM_MAILBOX)
		return CONFPARAM_CC_NOT_SUPPORTED;
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
static uint8_t
chassis_get_poh_counter(struct bmc *b, struct bmc_cmd *ctx)
{
	wr_u8(&ctx->out, BMC_POH_MINUTES_PER_COUNT);
	wr_u32le(&ctx->out, bmc_poh_hours(b, ctx->req->now_ms));
	return IPMI_CC_OK;
}

/* ---- life cycle: the cold start, and what happens with time ---- */

static int
chassis_init(struct bmc *b, uint64_t now_ms)
{
	const struct model_chassis *m = &b->model->chassis;

	b->restore_policy = m->restore_policy;
	b->power_on = m->power_on ? 1 : 0;
	b->power_on_since_ms = now_ms;
	b->power_changed_ms = now_ms;
	b->acpi_system = b->power_on ? BMC_ACPI_S0 : BMC_ACPI_S5;
	b->acpi_device = b->power_on ? BMC_ACPI_D0 : BMC_ACPI_D3;
	/* A cold start is AC being applied: the policy powered us on. */
	if (b->power_on && b->restore_policy == MODEL_RESTORE_ALWAYS_ON)
		b->restart_cause = BMC_RESTART_ALWAYS_RESTORE;
	else if (b->power_on && b->restore_policy == MODEL_RESTORE_PREVIOUS)
		b->restart_cause = BMC_RESTART_RESTORE_PREV;
	else
		b->restart_cause = BMC_RESTART_UNKNOWN;
	b->identify = BMC_IDENTIFY_OFF;
	b->identify_deadline_ms = UINT64_MAX;
	b->pending = BMC_PENDING_NONE;
	b->pending_deadline_ms = UINT64_MAX;
	b->boot.valid_deadline_ms = UINT64_MAX;
	return 0;
}

/* Cold Reset: no set of boot options in progress, identify off. */
static void
chassis_reset(struct bmc *b, const struct model_request *req)
{
	(void)req;
	b->boot.set_in_progress = 0;
	b->identify = BMC_IDENTIFY_OFF;
	b->identify_deadline_ms = UINT64_MAX;
}

/*
 * The "on" half of a power cycle, a soft shutdown, the end of Chassis
 * Identify, the 60 s boot flag timeout.
 */
static uint64_t
chassis_deadline(const struct bmc *b)
{
	uint64_t t = UINT64_MAX;

	if (b->pending != BMC_PENDING_NONE && b->pending_deadline_ms < t)
		t = b->pending_deadline_ms;
	if (b->identify == BMC_IDENTIFY_TIMED && b->identify_deadline_ms < t)
		t = b->identify_deadline_ms;
	if (b->boot.valid_deadline_ms < t)
		t = b->boot.valid_deadline_ms;
	return t;
}

static void
chassis_tick(struct bmc *b, uint64_t now_ms)
{
	if (b->pending != BMC_PENDING_NONE &&
	    now_ms >= b->pending_deadline_ms) {
		if (b->pending == BMC_PENDING_POWER_ON) {
			bmc_power_set(b, 1, now_ms, "power cycle");
			b->last_power_event = BMC_LAST_EVENT_IPMI_ON;
			bmc_system_boot(b,
			    b->pending_cause != 0 ? b->pending_cause
						  : BMC_RESTART_CHASSIS_CONTROL,
			    b->restart_channel, now_ms);
		} else
			bmc_power_set(b, 0, now_ms, "soft shutdown");
	}
	if (b->identify == BMC_IDENTIFY_TIMED &&
	    now_ms >= b->identify_deadline_ms) {
		b->identify = BMC_IDENTIFY_OFF;
		b->identify_deadline_ms = UINT64_MAX;
		bmc_log(b, "identify off (interval over)");
	}
	/* IPMI 2.0 §28.13, parameter 3 bit 3: the 60 s timeout. */
	if (now_ms >= b->boot.valid_deadline_ms) {
		b->boot.valid_deadline_ms = UINT64_MAX;
		if (b->boot.flags[0] & BMC_BOOT_FLAG_VALID) {
			b->boot.flags[0] &= (uint8_t)~BMC_BOOT_FLAG_VALID;
			b->state_generation++;
			bmc_log(b,
			    "boot flags cleared (no Chassis "
			    "Control within 60 s)");
		}
	}
}

/* ---- saved state: [chassis] and [boot] ---- */

/* The saved state's names; a policy outside them is saved "previous". */
const char *
bmc_restore_policy_name(uint8_t policy)
{
	switch (policy) {
	case MODEL_RESTORE_ALWAYS_OFF:
		return "always-off";
	case MODEL_RESTORE_ALWAYS_ON:
		return "always-on";
	default:
		return "previous";
	}
}

static void
chassis_save(const struct bmc *b, struct bmc_state_out *t)
{
	bmc_state_printf(t, "[chassis]\npower = %s\nrestore_policy = %s\n",
	    b->power_on ? "on" : "off",
	    bmc_restore_policy_name(b->restore_policy));
	bmc_state_printf(t, "\n[boot]\nvalid_bit_clearing = %u\n",
	    b->boot.valid_bit_clearing);
	/* Only persistent flags outlive the BMC; one-time ones are lost. */
	if (b->boot.flags[0] & BMC_BOOT_FLAG_PERSISTENT)
		bmc_state_hex(t, "flags", b->boot.flags, BMC_BOOT_FLAGS_LEN);
}

static void
chassis_load_chassis(
    struct bmc *b, const char *name, const char *value, struct bmc_state_in *in)
{
	if (strcmp(name, "power") == 0) {
		if (strcmp(value, "on") == 0)
			b->state_found.power = 1;
		else if (strcmp(value, "off") == 0)
			b->state_found.power = 0;
		else
			bmc_state_problem(
			    in, "power must be on or off, not '%s'", value);
	} else if (strcmp(name, "restore_policy") == 0) {
		if (strcmp(value, "always-off") == 0)
			b->restore_policy = MODEL_RESTORE_ALWAYS_OFF;
		else if (strcmp(value, "previous") == 0)
			b->restore_policy = MODEL_RESTORE_PREVIOUS;
		else if (strcmp(value, "always-on") == 0)
			b->restore_policy = MODEL_RESTORE_ALWAYS_ON;
		else
			bmc_state_problem(
			    in, "unknown restore_policy '%s'", value);
	} else
		bmc_state_problem(in, "unknown key '%s' in [chassis]", name);
}

static void
chassis_load_boot(
    struct bmc *b, const char *name, const char *value, struct bmc_state_in *in)
{
	uint8_t	      flags[BMC_BOOT_FLAGS_LEN];
	unsigned long v;
	size_t	      n;

	if (strcmp(name, "valid_bit_clearing") == 0) {
		if (bmc_state_uint(value, 0x1f, &v) != 0)
			bmc_state_problem(
			    in, "valid_bit_clearing must be 0..31");
		else
			b->boot.valid_bit_clearing = (uint8_t)v;
	} else if (strcmp(name, "flags") == 0) {
		if (bmc_state_hex_parse(value, flags, sizeof(flags), &n) != 0 ||
		    n != sizeof(flags))
			bmc_state_problem(in, "flags must be %d bytes of hex",
			    BMC_BOOT_FLAGS_LEN);
		else {
			memcpy(b->boot.flags, flags, sizeof(flags));
			b->state_found.boot_flags = 1;
		}
	} else
		bmc_state_problem(in, "unknown key '%s' in [boot]", name);
}

static int
chassis_load(struct bmc *b, const char *section, const char *key,
    const char *value, struct bmc_state_in *in)
{
	if (strcmp(section, "chassis") == 0)
		chassis_load_chassis(b, key, value, in);
	else if (strcmp(section, "boot") == 0)
		chassis_load_boot(b, key, value, in);
	else
		return 0;
	return 1;
}

/*
 * Power as the restore policy decides after a cold start (§28.8): the
 * saved state counts for "previous" only.  The power the BMC starts in,
 * not a change: the log already holds how it got there, so no event.
 */
static void
chassis_loaded(struct bmc *b)
{
	int on;

	switch (b->restore_policy) {
	case MODEL_RESTORE_ALWAYS_ON:
		on = 1;
		break;
	case MODEL_RESTORE_ALWAYS_OFF:
		on = 0;
		break;
	default:
		if (b->state_found.power < 0)
			return;
		on = b->state_found.power;
	}
	b->events_muted = 1;
	bmc_power_set(b, on, b->created_ms, "power restore policy");
	b->events_muted = 0;
	if (on)
		b->restart_cause = b->restore_policy == MODEL_RESTORE_ALWAYS_ON
		    ? BMC_RESTART_ALWAYS_RESTORE
		    : BMC_RESTART_RESTORE_PREV;
	else
		b->restart_cause = BMC_RESTART_UNKNOWN;
}

#define CHASSIS IPMI_NETFN_CHASSIS
#define USER	IPMI_PRIV_USER
#define OPER	IPMI_PRIV_OPERATOR

/* Privileges of IPMI 2.0 appendix G, table G-1. */
static const struct cmd_entry chassis_cmds[] = {
    /* netfn, cmd, privilege, min, max, sessionless, handler, name */
    {CHASSIS, CMD_CHASSIS_GET_CAPABILITIES, USER, 0, 0, 0,
	chassis_get_capabilities, "Get Chassis Capabilities"},
    {CHASSIS, CMD_CHASSIS_GET_STATUS, USER, 0, 0, 0, chassis_get_status,
	"Get Chassis Status"},
    {CHASSIS, CMD_CHASSIS_CONTROL, OPER, 1, 1, 0, chassis_control,
	"Chassis Control"},
    {CHASSIS, CMD_CHASSIS_IDENTIFY, OPER, 0, 2, 0, chassis_identify,
	"Chassis Identify"},
    {CHASSIS, CMD_CHASSIS_SET_POWER_RESTORE, OPER, 1, 1, 0,
	chassis_set_power_restore, "Set Power Restore Policy"},
    {CHASSIS, CMD_CHASSIS_GET_RESTART_CAUSE, USER, 0, 0, 0,
	chassis_get_restart_cause, "Get System Restart Cause"},
    /* Parameter 7 is the longest: selector, set selector, 16 bytes. */
    {CHASSIS, CMD_CHASSIS_SET_BOOT_OPTIONS, OPER, 1, 18, 0,
	chassis_set_boot_options, "Set System Boot Options"},
    {CHASSIS, CMD_CHASSIS_GET_BOOT_OPTIONS, OPER, 3, 3, 0,
	chassis_get_boot_options, "Get System Boot Options"},
    {CHASSIS, CMD_CHASSIS_GET_POH_COUNTER, USER, 0, 0, 0,
	chassis_get_poh_counter, "Get POH Counter"},
};

/*
 * The power state, restart cause and boot options live in struct bmc
 * (bmc_impl.h); their saved state is the [chassis] and [boot] sections.
 */
const struct bmc_area bmc_area_chassis = {
    .name = "chassis",
    .cmds = chassis_cmds,
    .ncmds = sizeof(chassis_cmds) / sizeof(chassis_cmds[0]),
    .init_cb = chassis_init,
    .deadline_cb = chassis_deadline,
    .tick_cb = chassis_tick,
    .reset_cb = chassis_reset,
    .save_cb = chassis_save,
    .load_cb = chassis_load,
    .loaded_cb = chassis_loaded,
};
