/*
 * The model's control interface: what a run-time control plane (the
 * control API) and tests do to a simulated BMC from outside IPMI, through
 * the functions the IPMI commands use, so that every rule of the model
 * (restart causes, one-time boot flags, thresholds and their events, SEL
 * full behaviour, sessions closed when a user changes) holds as it does
 * for a request.
 *
 * Every call returns 0 or an ERR_* code (err.h) and changes nothing when
 * it fails.  Changes reach the saved state and the responder as a
 * request's do: bmc_state_generation() and bmc_policy_generation() move,
 * and sessions to close are handed to the session ops in the context.
 */
#ifndef BMCSIM_CONTROL_H
#define BMCSIM_CONTROL_H

#include <stdint.h>

#include "bmc.h"

/* The time of a call and who to tell about sessions to close. */
struct bmc_control_ctx {
	uint64_t now_ms;  /* monotonic */
	uint64_t wall_ms; /* real time, ms since 1970; 0: unknown */
	/* May be NULL: then no session is closed (unit tests). */
	const struct model_session_ops *sessions;
	void			       *sessions_arg;
};

/* The actions of Chassis Control (IPMI 2.0 §28.3, table 28-4). */
enum bmc_control_power {
	BMC_CONTROL_POWER_OFF = 0, /* power down, at once */
	BMC_CONTROL_POWER_ON = 1,
	BMC_CONTROL_POWER_CYCLE = 2, /* off, on after the interval */
	BMC_CONTROL_HARD_RESET = 3,
	BMC_CONTROL_DIAG_INTERRUPT = 4,
	BMC_CONTROL_SOFT_OFF = 5 /* the OS shuts down, then off */
};

/*
 * Does what Chassis Control does, with the same power unit SEL events and
 * restart cause (chassis control, on the LAN channel); the "on" half of a
 * cycle and the end of a soft shutdown happen in bmc_tick().  0,
 * ERR_INVALID_ARG (no such action) or ERR_WRONG_STATE (cycle, reset or
 * diagnostic interrupt with the power off: Chassis Control's D5h).
 */
int bmc_control_power(
    struct bmc *, const struct bmc_control_ctx *, enum bmc_control_power);

/* Boot device selectors (§28.13, parameter 5, data 2 bits 5:2). */
enum bmc_control_boot_device {
	BMC_BOOT_DEVICE_NONE = 0x0,
	BMC_BOOT_DEVICE_PXE = 0x1,
	BMC_BOOT_DEVICE_DISK = 0x2,
	BMC_BOOT_DEVICE_DISK_SAFE = 0x3,
	BMC_BOOT_DEVICE_DIAG = 0x4,
	BMC_BOOT_DEVICE_CDROM = 0x5,
	BMC_BOOT_DEVICE_BIOS = 0x6,
	BMC_BOOT_DEVICE_REMOTE_FLOPPY = 0x7,
	BMC_BOOT_DEVICE_REMOTE_CDROM = 0x8,
	BMC_BOOT_DEVICE_REMOTE_PRIMARY = 0x9,
	BMC_BOOT_DEVICE_REMOTE_DISK = 0xb,
	BMC_BOOT_DEVICE_FLOPPY = 0xf
};

/* The boot flags (parameter 5) as a control plane sees them. */
struct bmc_control_boot {
	uint8_t valid;	    /* the flags are in force */
	uint8_t persistent; /* all future boots, not the next one only */
	uint8_t efi;	    /* EFI boot, not legacy */
	uint8_t device;	    /* enum bmc_control_boot_device */
};

/*
 * Sets the boot flags as Set System Boot Options parameter 5 does: a
 * valid one-time override clears itself after 60 s without a Chassis
 * Control (unless parameter 3 says otherwise) and once the host boots;
 * persistent flags are saved.  valid 0 clears the flags.  0 or
 * ERR_INVALID_ARG (a reserved device selector).
 */
int  bmc_control_boot_set(struct bmc *, const struct bmc_control_ctx *,
     const struct bmc_control_boot *);
void bmc_control_boot_get(const struct bmc *, struct bmc_control_boot *);
/*
 * The selector a device name means ("none", "pxe", "disk", "safe",
 * "diag", "cdrom", "bios", "remote-floppy", "remote-cdrom",
 * "remote-primary", "remote-disk", "floppy"): 0 or ERR_NOT_FOUND.
 * bmc_control_boot_device_name(): the name, or NULL for a reserved one.
 */
int	    bmc_control_boot_device_parse(const char *, uint8_t *device);
const char *bmc_control_boot_device_name(uint8_t device);

/*
 * Holds a sensor's reading at value, in the sensor's units (for a
 * discrete sensor: the states asserted, bit n offset n, 0..7FFFh), until
 * cleared; thresholds, event messages and SEL entries follow as for the
 * model's own readings (threshold events are looked at only while the
 * host is on and settled, as always).  By LUN and number, or by the SDR's
 * ID string.  0, ERR_NOT_FOUND (no such sensor) or ERR_INVALID_ARG (not a
 * number, or not a state mask for a discrete sensor).
 */
int bmc_control_sensor_set(struct bmc *, const struct bmc_control_ctx *,
    uint8_t lun, uint8_t number, double value);
int bmc_control_sensor_set_name(struct bmc *, const struct bmc_control_ctx *,
    const char *name, double value);
/* Back to the model's reading: 0 or ERR_NOT_FOUND. */
int bmc_control_sensor_clear(
    struct bmc *, const struct bmc_control_ctx *, uint8_t lun, uint8_t number);
int bmc_control_sensor_clear_name(
    struct bmc *, const struct bmc_control_ctx *, const char *name);

/* A sensor as a control plane lists it. */
struct bmc_control_sensor {
	char	 name[17]; /* the SDR ID string (at most 16 bytes) */
	uint8_t	 lun, number;
	uint8_t	 sensor_type; /* table 42-3 */
	uint8_t	 event_type;  /* 01h threshold; else discrete */
	uint8_t	 units;	      /* base unit, table 43-15 */
	uint8_t	 threshold;   /* 1: a threshold sensor */
	uint8_t	 overridden;  /* held by bmc_control_sensor_set() */
	uint16_t asserted;    /* event offsets asserted now */
	double	 value;	      /* units; discrete: the states asserted */
};
/* The number of sensors (SDR order). */
unsigned bmc_control_sensor_count(const struct bmc *);
/* Sensor i at now_ms: 0 or ERR_NOT_FOUND (i out of range). */
int bmc_control_sensor_get(const struct bmc *, uint64_t now_ms, unsigned i,
    struct bmc_control_sensor *);

/* A platform event, the fields of a SEL system event record (§32.1). */
struct bmc_control_event {
	uint8_t generator;   /* generator ID: 20h, the BMC */
	uint8_t sensor_type; /* table 42-3 */
	uint8_t sensor_number;
	uint8_t event_type; /* event/reading type; bit 7: deassertion */
	uint8_t data[3];    /* FFh: not given */
};

/*
 * Adds the event's system event record to the SEL as Add SEL Entry does
 * (timestamped, logged whatever Set BMC Global Enables says): 0 and its
 * record ID in *id (may be NULL), ERR_NOSPACE (the log is full and does
 * not overwrite) or ERR_NOMEM.
 */
int bmc_control_sel_add(struct bmc *, const struct bmc_control_ctx *,
    const struct bmc_control_event *, uint16_t *id);
/*
 * The event as a Platform Event Message brings it (§29.3): handed to
 * every area that listens (the SEL logs it if the global enables let
 * it).  0.
 */
int bmc_control_event(struct bmc *, const struct bmc_control_ctx *,
    const struct bmc_control_event *);
/* Clears the SEL as Clear SEL does (the "log cleared" event first). 0. */
int bmc_control_sel_clear(struct bmc *, const struct bmc_control_ctx *);
/* Entries in the SEL, and entry i (0: the oldest) as its 16 record bytes
 * (§32.1, as Get SEL Entry gives them): 0 or ERR_NOT_FOUND. */
unsigned bmc_control_sel_count(const struct bmc *);
int	 bmc_control_sel_get(const struct bmc *, unsigned i, uint8_t rec[16]);

/*
 * A user change; fields left at their "unchanged" value are kept.  Names
 * are up to 16 bytes, passwords up to 20 (more than 16: the 20-byte
 * form); priv_limit is 1..5 (callback..OEM) or 15 (no access).
 */
#define BMC_CONTROL_UNCHANGED (-1)
struct bmc_control_user {
	const char *name;	    /* NULL: unchanged; "": delete the user */
	const char *password;	    /* NULL: unchanged */
	int	    priv_limit;	    /* BMC_CONTROL_UNCHANGED or as above */
	int	    enabled;	    /* BMC_CONTROL_UNCHANGED, 0 or 1 */
	int	    ipmi_messaging; /* BMC_CONTROL_UNCHANGED, 0 or 1 */
};
/* Fills u with "unchanged" everywhere. */
void bmc_control_user_init(struct bmc_control_user *u);

/*
 * Changes user id (1..the channel's maximum) as Set User Name, Set User
 * Password and Set User Access would, in that order: a name for an empty
 * slot makes a user (disabled, no access, unless the change says more), a
 * new name or password or a lost access or enable closes the user's
 * sessions.  0, ERR_INVALID_ARG (an ID out of range, user 1's name, a
 * name or password too long, a privilege out of range, a name another
 * user has) or ERR_NOT_FOUND (the slot is empty and no name is given).
 */
int bmc_control_user_set(struct bmc *, const struct bmc_control_ctx *,
    uint8_t id, const struct bmc_control_user *);
/*
 * Makes a new user in the first empty slot from 2 (u->name required);
 * IPMI messaging is on unless the change says otherwise.  0 and *id,
 * ERR_NOSPACE (no empty slot) or as bmc_control_user_set().
 */
int bmc_control_user_add(struct bmc *, const struct bmc_control_ctx *,
    const struct bmc_control_user *, uint8_t *id);

/* A user in the state snapshot. */
struct bmc_control_user_state {
	uint8_t defined;
	uint8_t enabled;
	uint8_t priv_limit;
	uint8_t ipmi_messaging;
	char	name[MODEL_NAME_LEN + 1]; /* NUL-terminated */
};

/* What a control plane shows of a BMC, read at now_ms. */
struct bmc_control_state {
	uint8_t	 power_on;
	uint8_t	 power_pending; /* 0 none, 1 a cycle's "on", 2 soft off */
	uint8_t	 restart_cause; /* §28.11, table 28-11 */
	uint8_t	 restart_channel;
	uint8_t	 restore_policy; /* MODEL_RESTORE_* */
	uint8_t	 identify;	 /* 0 off, 1 timed, 2 on until told */
	uint8_t	 acpi_system;	 /* §20.6: 00h S0 .. 05h S5 */
	uint32_t poh_hours;
	struct bmc_control_boot boot;
	unsigned		sel_entries;
	uint8_t			kg_set; /* two-key login on the LAN channel */
	unsigned		nusers; /* defined, in users[1..max_users] */
	uint8_t			max_users;
	struct bmc_control_user_state users[MODEL_USERS_MAX + 1]; /* [0] */
};
void bmc_control_state(
    const struct bmc *, uint64_t now_ms, struct bmc_control_state *);

/*
 * FRU info area fields by name (Platform Management FRU Information
 * Storage Definition 1.0, §10-13): areas "chassis", "board", "product";
 * fields, in each area's order: chassis "part", "serial"; board
 * "manufacturer", "product", "serial", "part", "fru_id"; product
 * "manufacturer", "name", "part", "version", "serial", "asset_tag",
 * "fru_id".  Values are text of at most BMC_CONTROL_FRU_VALUE_MAX bytes.
 */
#define BMC_CONTROL_FRU_VALUE_MAX 63
#define BMC_CONTROL_FRU_AREAS	  3
/* Area a's name (0..2), field i's name in it; NULL past the last. */
const char *bmc_control_fru_area_name(unsigned a);
const char *bmc_control_fru_field_name(unsigned a, unsigned i);
/* 1 if the model has FRU device id (0..MODEL_FRU_MAX-1). */
int bmc_control_fru_defined(const struct bmc *, unsigned id);
/*
 * The field's text as Read FRU Data gives it now (trailing spaces kept):
 * 0, ERR_NOT_FOUND (no such device, area or field name, or the image
 * lacks that area or field: then out is ""), ERR_FORMAT (the image does
 * not decode) or ERR_NOMEM.
 */
int bmc_control_fru_get(const struct bmc *, unsigned id, const char *area,
    const char *field, char out[BMC_CONTROL_FRU_VALUE_MAX + 1]);
/*
 * Rewrites the device's image with the field set to value (8-bit ASCII;
 * one byte gets a trailing space, FRU spec §13 forbids C1h), adding the
 * area or empty fields before it where missing, checksums redone; the
 * device counts as written (saved, as after Write FRU Data).  An internal
 * use area is not kept.  0, ERR_NOT_FOUND (no such device, area or
 * field), ERR_INVALID_ARG (value too long), ERR_FORMAT (the image does
 * not decode), ERR_NOSPACE (the new image exceeds the device) or
 * ERR_NOMEM.
 */
int bmc_control_fru_set(struct bmc *, const struct bmc_control_ctx *,
    unsigned id, const char *area, const char *field, const char *value);

#endif
