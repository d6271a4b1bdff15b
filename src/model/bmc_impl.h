/*
 * Inside struct bmc: the state the areas share (bmc.c, bmc_state.c,
 * chassis.c, users.c, channel.c, mc.c and the other areas), the area
 * contract and the command row type.  Nothing outside src/model (and
 * its tests) includes this header.
 */
#ifndef BMCSIM_BMC_IMPL_H
#define BMCSIM_BMC_IMPL_H

#include <stdint.h>

#include "bmc.h"
#include "cursor.h"
#include "log.h"
#include "outbox.h"

/* App commands (IPMI 2.0 appendix G). */
#define CMD_APP_GET_DEVICE_ID		  0x01
#define CMD_APP_COLD_RESET		  0x02
#define CMD_APP_WARM_RESET		  0x03
#define CMD_APP_GET_SELF_TEST		  0x04
#define CMD_APP_SET_ACPI_POWER_STATE	  0x06
#define CMD_APP_GET_ACPI_POWER_STATE	  0x07
#define CMD_APP_GET_DEVICE_GUID		  0x08
#define CMD_APP_SEND_MESSAGE		  0x34
#define CMD_APP_GET_SYSTEM_GUID		  0x37
#define CMD_APP_GET_SESSION_INFO	  0x3d
#define CMD_APP_SET_CHANNEL_ACCESS	  0x40
#define CMD_APP_GET_CHANNEL_ACCESS	  0x41
#define CMD_APP_GET_CHANNEL_INFO	  0x42
#define CMD_APP_SET_USER_ACCESS		  0x43
#define CMD_APP_GET_USER_ACCESS		  0x44
#define CMD_APP_SET_USER_NAME		  0x45
#define CMD_APP_GET_USER_NAME		  0x46
#define CMD_APP_SET_USER_PASSWORD	  0x47
#define CMD_APP_GET_CHANNEL_CIPHER_SUITES 0x54

/* Chassis commands. */
#define CMD_CHASSIS_GET_CAPABILITIES  0x00
#define CMD_CHASSIS_GET_STATUS	      0x01
#define CMD_CHASSIS_CONTROL	      0x02
#define CMD_CHASSIS_IDENTIFY	      0x04
#define CMD_CHASSIS_SET_POWER_RESTORE 0x06
#define CMD_CHASSIS_GET_RESTART_CAUSE 0x07
#define CMD_CHASSIS_SET_BOOT_OPTIONS  0x08
#define CMD_CHASSIS_GET_BOOT_OPTIONS  0x09
#define CMD_CHASSIS_GET_POH_COUNTER   0x0f

/* Channel numbers with a meaning of their own (IPMI 2.0 §6.3). */
#define BMC_CHANNEL_IPMB    0x0
#define BMC_CHANNEL_CURRENT 0xe
#define BMC_CHANNEL_SYSTEM  0xf

/* System restart causes (IPMI 2.0 §28.11, table 28-11). */
#define BMC_RESTART_UNKNOWN	    0x0
#define BMC_RESTART_CHASSIS_CONTROL 0x1
#define BMC_RESTART_WATCHDOG	    0x4
#define BMC_RESTART_ALWAYS_RESTORE  0x6
#define BMC_RESTART_RESTORE_PREV    0x7

/* Get Chassis Status byte 2: "power is on" entered via an IPMI command. */
#define BMC_LAST_EVENT_IPMI_ON 0x10

/* ACPI power states (IPMI 2.0 §20.6). */
#define BMC_ACPI_S0	   0x00 /* working */
#define BMC_ACPI_S5	   0x05 /* soft off */
#define BMC_ACPI_D0	   0x00
#define BMC_ACPI_D3	   0x03
#define BMC_ACPI_NO_CHANGE 0x7f

#define BMC_BOOT_MAILBOX_BLOCKS 5
#define BMC_BOOT_BLOCK_LEN	16
#define BMC_BOOT_FLAGS_LEN	5
#define BMC_BOOT_INITIATOR_LEN	9
/* Boot flags byte 1 (IPMI 2.0 §28.13, parameter 5). */
#define BMC_BOOT_FLAG_VALID	 0x80
#define BMC_BOOT_FLAG_PERSISTENT 0x40
/* Parameter 3, bit 3: keep the valid bit past the 60 s timeout. */
#define BMC_BOOT_KEEP_PAST_TIMEOUT 0x08
#define BMC_BOOT_VALID_TIMEOUT_MS  60000

#define BMC_POH_MINUTES_PER_COUNT 60

enum bmc_identify {
	BMC_IDENTIFY_OFF = 0,
	BMC_IDENTIFY_TIMED = 1,
	BMC_IDENTIFY_ON = 2 /* until told otherwise */
};

/* What happens at pending_deadline_ms. */
enum bmc_pending {
	BMC_PENDING_NONE,
	BMC_PENDING_POWER_ON, /* the "on" half of a power cycle */
	BMC_PENDING_SOFT_OFF  /* the OS finished shutting down */
};

/* The channel access fields Set Channel Access changes (§22.22). */
struct bmc_channel_access {
	uint8_t access_mode;
	uint8_t priv_limit;
	uint8_t per_message_auth; /* 1: enabled (the wire bit says disabled) */
	uint8_t user_level_auth;
	uint8_t alerting;
};

/* System boot options, parameters 0 to 7 (IPMI 2.0 §28.13). */
struct bmc_boot {
	uint8_t	 set_in_progress; /* param 0, bits 1:0 */
	uint8_t	 service_partition;
	uint8_t	 service_scan;
	uint8_t	 valid_bit_clearing; /* param 3 */
	uint8_t	 ack_data;	     /* param 4, byte 2 */
	uint8_t	 flags[BMC_BOOT_FLAGS_LEN];
	uint8_t	 initiator[BMC_BOOT_INITIATOR_LEN];
	uint8_t	 mailbox[BMC_BOOT_MAILBOX_BLOCKS][BMC_BOOT_BLOCK_LEN];
	uint8_t	 invalid_mask;	    /* bit n: parameter n marked invalid */
	uint64_t valid_deadline_ms; /* the 60 s auto-clear; UINT64_MAX: off */
};

/* Sensor types (IPMI 2.0 table 42-3) the core and the areas name. */
#define BMC_SENSOR_TYPE_TEMPERATURE	  0x01
#define BMC_SENSOR_TYPE_VOLTAGE		  0x02
#define BMC_SENSOR_TYPE_CURRENT		  0x03
#define BMC_SENSOR_TYPE_FAN		  0x04
#define BMC_SENSOR_TYPE_INTRUSION	  0x05
#define BMC_SENSOR_TYPE_PROCESSOR	  0x07
#define BMC_SENSOR_TYPE_POWER_SUPPLY	  0x08
#define BMC_SENSOR_TYPE_POWER_UNIT	  0x09
#define BMC_SENSOR_TYPE_OTHER_UNITS	  0x0b
#define BMC_SENSOR_TYPE_MEMORY		  0x0c
#define BMC_SENSOR_TYPE_DRIVE_SLOT	  0x0d
#define BMC_SENSOR_TYPE_SYSTEM_EVENT	  0x12
#define BMC_SENSOR_TYPE_BUTTON		  0x14
#define BMC_SENSOR_TYPE_EVENT_LOGGING	  0x10
#define BMC_SENSOR_TYPE_WATCHDOG2	  0x23
#define BMC_SENSOR_TYPE_MANAGEMENT_SUBSYS 0x28

/* A platform event, as in a SEL system event record. */
struct bmc_event {
	uint8_t generator;   /* generator ID: 20h, the BMC */
	uint8_t sensor_type; /* IPMI 2.0 table 42-3 */
	uint8_t sensor_number;
	uint8_t event_type; /* event/reading type; bit 7: deassertion */
	uint8_t data[3];
};

/* What a user of the simulator wants to see, under the BMC's name. */
#define bmc_log(b, ...) \
	log_msg(LOG_LEVEL_INFO, (b)->name, __func__, __VA_ARGS__)

/*
 * What bmc_state_load() read, set by the areas for the chassis's power
 * restore and the summary line.
 */
struct bmc_state_found {
	int	 power;	     /* saved power: 1 on, 0 off, -1 not saved */
	unsigned users;	     /* [user N] sections */
	uint8_t	 boot_flags; /* 1: persistent boot flags restored */
};

struct bmc {
	const struct config_bmc *cfg;
	const struct model	*model;
	const char		*name;
	uint8_t			 device_guid[MODEL_GUID_LEN];
	uint8_t			 system_guid[MODEL_GUID_LEN];
	uint64_t		 created_ms; /* the cold start */
	uint16_t		 port;	     /* the UDP port it answers on */

	/* Chassis. */
	uint8_t		  power_on;
	uint8_t		  last_power_event; /* Get Chassis Status byte 2 */
	uint8_t		  restart_cause;
	uint8_t		  restart_channel;
	uint8_t		  restore_policy;
	uint8_t		  acpi_system;
	uint8_t		  acpi_device;
	enum bmc_identify identify;
	uint64_t	  identify_deadline_ms;
	enum bmc_pending  pending;
	uint64_t	  pending_deadline_ms;
	uint8_t		  pending_cause; /* restart cause of a cycle's "on" */
	uint64_t	  poh_ms;	 /* powered-on time before on_since */
	uint64_t	  power_on_since_ms; /* valid while power_on */
	uint64_t	  power_changed_ms;  /* the last on/off change */
	struct bmc_boot	  boot;

	/* Users and the LAN channel, as changed over IPMI. */
	struct model_user	  users[MODEL_USERS_MAX + 1];
	uint64_t		  users_changed; /* bit n: user n */
	struct model_channel	  channel;	 /* in force (volatile) */
	struct bmc_channel_access nonvolatile;

	uint64_t policy_generation;
	uint64_t state_generation;

	/* The areas (struct bmc_area): each owns its pointer. */
	struct bmc_sel	    *sel;
	struct bmc_fru	    *fru;
	struct bmc_sensors  *sensors;
	struct bmc_lan	    *lan;
	struct bmc_watchdog *watchdog;
	struct bmc_dcmi	    *dcmi;
	struct bmc_sol	    *sol;
	struct sol_console  *solc; /* sol_console.c; NULL until used */
	struct bmc_sysinfo  *sysinfo;
	struct bmc_chankeys *chankeys;
	struct bmc_pef	    *pef;
	/* Real time minus monotonic time, from the last request; 0 unknown. */
	int64_t wall_offset_ms;
	/* The areas this BMC is made of (bmc_areas, or a test's). */
	const struct bmc_area *const *areas;
	struct bmc_dispatch	     *dispatch; /* their commands (bmc.c) */
	/* 1 while the saved state is applied: bmc_event() tells nobody. */
	uint8_t events_muted;
	/* What the areas found in the saved state being loaded. */
	struct bmc_state_found state_found;
};

/*
 * What a command handler gets: the request, its data (already within the
 * row's length limits) and where the response data goes.  Data written
 * with a non-zero completion code is discarded.
 */
struct bmc_cmd {
	const struct model_request *req;
	struct rd		    in;	 /* the request data */
	struct wr		    out; /* the response data */
	/* What to send beside the reply; NULL: nothing can be. */
	struct model_outbox *outbox;
};

/* A command handler: returns the completion code. */
typedef uint8_t cmd_handler_fn(struct bmc *, struct bmc_cmd *);

struct cmd_entry {
	uint8_t		netfn;
	uint8_t		cmd;
	uint8_t		min_priv;
	uint8_t		req_min; /* request data bytes after the command */
	uint8_t		req_max;
	uint8_t		sessionless; /* 1: answered outside a session */
	cmd_handler_fn *handler;
	const char     *name;
};

/*
 * Saved state: bmc_state.c holds the text and dispatches; each area
 * writes and reads its own sections through these.
 */
struct bmc_state_out;
struct bmc_state_in;
void bmc_state_printf(struct bmc_state_out *, const char *, ...)
    __attribute__((format(printf, 2, 3)));
void
bmc_state_hex(struct bmc_state_out *, const char *key, const uint8_t *, size_t);
void bmc_state_problem(struct bmc_state_in *, const char *, ...)
    __attribute__((format(printf, 2, 3)));
/* A decimal or 0x number up to max: 0 or ERR_FORMAT. */
int bmc_state_uint(const char *, unsigned long max, unsigned long *out);
/* Hex of at most max bytes into out, *n the count: 0 or ERR_FORMAT. */
int bmc_state_hex_parse(const char *, uint8_t *out, size_t max, size_t *n);
/* A power restore policy as the saved state and the log name it. */
const char *bmc_restore_policy_name(uint8_t policy);

/*
 * An area of the machine (chassis, users, channel, SEL, FRU, sensors, LAN
 * parameters, watchdog...): its commands sit in a table of its own, which
 * the dispatcher finds through an index built once per list of areas;
 * its state hangs off struct bmc by a pointer of its own (the chassis,
 * users and channel, which every area reads, are fields of struct bmc);
 * bmc.c and bmc_state.c call these for every area in the list.  Any
 * callback may be NULL.
 */
struct bmc_area {
	const char	       *name;
	const struct cmd_entry *cmds;
	size_t			ncmds;
	/* Sets up the area's state: 0 or ERR_NOMEM. */
	int (*init_cb)(struct bmc *, uint64_t now_ms);
	void (*free_cb)(struct bmc *);
	uint64_t (*deadline_cb)(const struct bmc *); /* UINT64_MAX: none */
	void (*tick_cb)(struct bmc *, uint64_t now_ms);
	/* Writes the area's sections of the saved state. */
	void (*save_cb)(const struct bmc *, struct bmc_state_out *);
	/*
	 * One key of a saved-state section: 1 if the section is the
	 * area's (problems via bmc_state_problem()), 0 if not.
	 */
	int (*load_cb)(struct bmc *, const char *section, const char *key,
	    const char *value, struct bmc_state_in *);
	/* After the whole saved state is read. */
	void (*loaded_cb)(struct bmc *);
	/* Cold Reset (§20.2): volatile state back to its start. */
	void (*reset_cb)(struct bmc *, const struct model_request *);
	/* An event happened (bmc_event()): the SEL records it. */
	void (*event_cb)(
	    struct bmc *, uint64_t now_ms, const struct bmc_event *);
};

/*
 * An event a real BMC would log in its SEL (IPMI 2.0 §32.1, a system event
 * record): every area with an event_cb hears of it, in registry order.
 */
void bmc_event(struct bmc *, uint64_t now_ms, const struct bmc_event *);

extern const struct bmc_area bmc_area_chassis;
extern const struct bmc_area bmc_area_users;
extern const struct bmc_area bmc_area_channel;
extern const struct bmc_area bmc_area_mc;
extern const struct bmc_area bmc_area_bridge;
extern const struct bmc_area bmc_area_sel;
extern const struct bmc_area bmc_area_sensors;
extern const struct bmc_area bmc_area_dcmi;
extern const struct bmc_area bmc_area_sol;
extern const struct bmc_area bmc_area_payload;
extern const struct bmc_area bmc_area_fru;
extern const struct bmc_area bmc_area_lan;
extern const struct bmc_area bmc_area_watchdog;
extern const struct bmc_area bmc_area_sysinfo;
extern const struct bmc_area bmc_area_chankeys;
extern const struct bmc_area bmc_area_pef;
/* Every area, NULL-terminated (bmc_areas.c). */
extern const struct bmc_area *const bmc_areas[];

/*
 * bmc_new() with another list of areas (NULL-terminated, outliving the
 * BMC), for tests of the area contract.  The saved state still goes
 * through bmc_areas.
 */
struct bmc *bmc_new_with(const struct config_bmc *,
    const struct bmc_area *const *areas, uint64_t now_ms, uint64_t wall_ms);
/*
 * Commands declared by more than one area of the list (the first
 * answers; the registry must have none).
 */
unsigned bmc_areas_duplicates(const struct bmc_area *const *areas);

/*
 * Where the model's sensors sit (model_sensor_address() says how they are
 * numbered): replica r of section i, and the first sensor of a sensor
 * type (0, or ERR_NOT_FOUND).
 */
#define BMC_SENSOR_NUMBER_MAX MODEL_SENSOR_NUMBER_MAX
struct bmc_sensor_address {
	uint8_t lun;
	uint8_t number;
};
void bmc_sensor_address(const struct model *, unsigned section,
    unsigned replica, struct bmc_sensor_address *);
int  bmc_sensor_find_type(
     const struct model *, uint8_t sensor_type, struct bmc_sensor_address *);

/*
 * The BMC global enables (Set BMC Global Enables, sysinfo.c): bit 3 lets
 * the SEL log platform events.  bmc_message_flags_set() raises Get
 * Message Flags bits (bit 3: watchdog pre-timeout interrupt).
 */
#define BMC_GLOBAL_ENABLE_SEL	      0x08
#define BMC_MESSAGE_FLAG_WATCHDOG_PRE 0x08
uint8_t bmc_global_enables(const struct bmc *);
void	bmc_message_flags_set(struct bmc *, uint8_t flags);

/*
 * Readings of the model's threshold sensors at now_ms (sensors.c), for
 * other areas that report the same quantities (DCMI): those of a sensor
 * type and entity ID (0xff: any), with units (0xff: any); up to max of
 * them into values, in sensor order.  The number there are.
 */
unsigned
bmc_sensors_values(const struct bmc *, uint64_t now_ms, uint8_t sensor_type,
    uint8_t entity_id, uint8_t units, double *values, unsigned max);

/*
 * The control interface's hold on a sensor (sensors.c): its reading set
 * to value (units; a discrete sensor's state bits, 0..7FFFh), on 0: back
 * to the model's.  Events follow as for any reading.  0, ERR_NOT_FOUND
 * or ERR_INVALID_ARG.  bmc_sensors_find_name() finds a sensor by its
 * SDR ID string: 0 or ERR_NOT_FOUND.
 */
int bmc_sensors_override(struct bmc *, uint64_t now_ms, uint8_t lun,
    uint8_t number, int on, double value);
int bmc_sensors_find_name(
    const struct bmc *, const char *name, uint8_t *lun, uint8_t *number);
/*
 * Sensor i (0..bmc_sensors_count()-1, in SDR order) as the control
 * interface shows it at now_ms: 0 or ERR_NOT_FOUND.
 */
struct bmc_control_sensor;
unsigned bmc_sensors_count(const struct bmc *);
int	 bmc_sensors_info(const struct bmc *, uint64_t now_ms, unsigned i,
	 struct bmc_control_sensor *);

/*
 * The SEL (sel.c) for the control interface: an event's system event
 * record added as Add SEL Entry adds one (whatever the global enables;
 * 0, ERR_NOSPACE when full without overwrite, ERR_NOMEM; *id its record
 * ID, may be NULL), the log cleared as Clear SEL clears it, the number of
 * entries.
 */
int bmc_sel_add_event(
    struct bmc *, uint64_t now_ms, const struct bmc_event *, uint16_t *id);
void	 bmc_sel_clear(struct bmc *, uint64_t now_ms);
unsigned bmc_sel_count(const struct bmc *);
/* Entry i (0: the oldest), its 16 bytes: 0 or ERR_NOT_FOUND. */
int bmc_sel_entry(const struct bmc *, unsigned i, uint8_t rec[16]);
/*
 * FRU device id's bytes (made on first use) and size for the control
 * plane: 0, ERR_NOT_FOUND (no such device) or ERR_NOMEM.  After changing
 * them, bmc_fru_changed() marks the device written (kept in the saved
 * state, as after Write FRU Data).
 */
int
bmc_fru_bytes(const struct bmc *, uint8_t id, uint8_t **bytes, uint16_t *size);
void bmc_fru_changed(struct bmc *, uint8_t id);

/* Real time in ms for an event now_ms (monotonic); 0 when not known. */
uint64_t bmc_wall_ms(const struct bmc *, uint64_t now_ms);

/*
 * A LAN alert destination (lan.c; IPMI 2.0 table 23-4, parameters 18 and
 * 19) for the PEF area: 0 and *out, or ERR_NOT_FOUND when selector is
 * past the destinations the channel has (param 17).  Destination 0 is the
 * volatile one Alert Immediate uses.
 */
#define BMC_COMMUNITY_LEN 18
struct bmc_alert_dest {
	uint8_t	 type; /* 0 PET, 6 OEM1, 7 OEM2 */
	uint8_t	 ack;
	uint8_t	 timeout_s;
	uint8_t	 retries;
	uint8_t	 format; /* param 19 address format: 0 IPv4 */
	uint8_t	 ip[4];
	uint16_t port; /* 162, or the model's */
};
int bmc_lan_alert_dest(
    const struct bmc *, uint8_t selector, struct bmc_alert_dest *out);
/* The BMC's IPv4 address (param 3) and community (param 16, NUL-ended). */
void bmc_lan_alert_source(
    const struct bmc *, uint8_t ip[4], char community[BMC_COMMUNITY_LEN + 1]);

/*
 * The SEL for the PEF area (sel.c): the record ID the last bmc_event()
 * was logged under (0000h: not logged), and the time of the most recent
 * addition with the ID of the last record (FFFFh: the SEL is empty).
 */
uint16_t bmc_sel_event_id(const struct bmc *);
void	 bmc_sel_last_added(const struct bmc *, uint32_t *when, uint16_t *id);

/* State changes the areas share (chassis.c, users.c, channel.c). */
void bmc_power_set(struct bmc *, int on, uint64_t now_ms, const char *why);
/* The host (re)boots: restart cause, one-time boot flags consumed. */
void
bmc_system_boot(struct bmc *, uint8_t cause, uint8_t channel, uint64_t now_ms);
void bmc_user_changed(struct bmc *, uint8_t user_id);
void bmc_channel_changed(struct bmc *, const struct model_request *);
/* The POH counter's hours now. */
uint32_t bmc_poh_hours(const struct bmc *, uint64_t now_ms);
/* The LAN channel number a request names (Eh: the current one), or -1. */
int bmc_lan_channel(
    const struct bmc *, const struct model_request *, uint8_t channel);

#endif
