/*
 * The device model: what a simulated BMC is made of, read-only once
 * loaded and shared by every instance made from it (a fleet of a thousand
 * BMCs holds one struct model), and the request context through which the
 * server hands the model one IPMI request.
 *
 * The model never includes the session layer: struct model_request and
 * struct model_session_ops are its own view of a session, which the
 * server's glue fills from the responder.
 */
#ifndef BMCSIM_MODEL_H
#define BMCSIM_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "ipmimsg.h"
#include "suite.h"

#define MODEL_USERS_MAX	   63 /* user IDs 1..63 (IPMI 2.0 §22.27) */
#define MODEL_NAME_LEN	   16 /* user names, bytes */
#define MODEL_PASSWORD_LEN 20 /* the 20-byte form (IPMI 2.0 §22.30) */
#define MODEL_GUID_LEN	   16

/* One user as the model defines it (user ID 1 is the null user). */
struct model_user {
	uint8_t defined;  /* 0: an empty slot */
	uint8_t name_len; /* 0 for the null user */
	uint8_t name[MODEL_NAME_LEN];
	uint8_t password[MODEL_PASSWORD_LEN]; /* zero-padded */
	uint8_t password20; /* stored with the 20-byte form of the command */
	uint8_t enabled;
	uint8_t priv_limit;	/* on the LAN channel; 0x0f: no access */
	uint8_t session_limit;	/* 0: only the channel's limit */
	uint8_t ipmi_messaging; /* may log in over LAN at all */
	uint8_t link_auth;
	uint8_t callback_only;
};

/* Get Device ID fields (IPMI 2.0 §20.1). */
struct model_identity {
	uint8_t	 device_id;
	uint8_t	 device_revision; /* 0..15 */
	uint8_t	 provides_sdrs;
	uint8_t	 fw_major;     /* 0..127 */
	uint8_t	 fw_minor_bcd; /* two BCD digits */
	uint8_t	 ipmi_version; /* BCD, minor in the high nibble: 2.0 = 02h */
	uint8_t	 additional_support;
	uint32_t manufacturer_id; /* 20-bit IANA number */
	uint16_t product_id;
	uint8_t	 aux_firmware[4];
	uint8_t	 has_aux_firmware;
	/* Wire order (IPMI 2.0 §20.8: least significant byte first). */
	uint8_t device_guid[MODEL_GUID_LEN];
	uint8_t has_device_guid;
	uint8_t system_guid[MODEL_GUID_LEN];
	uint8_t has_system_guid;
};

/* The LAN channel and its session policy. */
struct model_channel {
	uint8_t	 number;	 /* 1..11 */
	uint32_t enabled_suites; /* bit n: suite n */
	uint8_t	 suite_priv_limit[SUITE_COUNT];
	uint8_t	 priv_limit; /* channel privilege limit */
	uint8_t	 ipmi15_enabled;
	uint8_t	 ipmi20_enabled;
	uint8_t	 auth15_enables[6]; /* per privilege 1..5: bit (1 << type) */
	uint8_t	 per_message_auth;
	uint8_t	 user_level_auth;
	uint8_t	 access_mode; /* 0 disabled .. 3 shared (§22.22) */
	uint8_t	 alerting;
	uint8_t	 kg[20];
	uint8_t	 kg_set;
	uint8_t	 max_sessions; /* active, 1..63 */
	uint8_t	 max_handshakes;
	uint32_t session_timeout_ms;
	uint32_t handshake_timeout_ms;
	uint8_t	 bad_password_threshold; /* 0: never lock out */
	uint32_t lockout_ms;
	uint8_t	 anti_enumeration;
	uint8_t	 max_users; /* user IDs the BMC reports, 1..63 */
};

/* Power restore policies (IPMI 2.0 §28.8). */
#define MODEL_RESTORE_ALWAYS_OFF 0
#define MODEL_RESTORE_PREVIOUS	 1
#define MODEL_RESTORE_ALWAYS_ON	 2

struct model_chassis {
	uint8_t	 power_on; /* at start */
	uint8_t	 restore_policy;
	uint8_t	 capabilities; /* Get Chassis Capabilities byte 1 */
	uint8_t	 identify_default_s;
	uint32_t poh_hours; /* power-on hours at start */
	/* How long a power cycle stays off (§28.3: at least 1 s). */
	uint32_t power_cycle_interval_ms;
	/* How long the simulated OS takes to shut down on a soft off. */
	uint32_t soft_off_delay_ms;
};

struct model_lab {
	uint64_t rng_seed;
	uint8_t	 rng_seeded; /* 1: deterministic, NOT secure */
	uint8_t	 allow_cipher_0;
	uint8_t	 allow_anonymous;
};

/*
 * Real BMCs' bugs, each on its own switch ([quirks] of bmcsim.ini(5)),
 * named after the FreeIPMI -W workaround that copes with it.  All 0 in a
 * correct BMC.  The session ones become RESPONDER_QUIRK_* in the node.
 */
struct model_quirks {
	uint8_t authcap;
	uint8_t nochecksumcheck;
	uint8_t noauthcodecheck;
	uint8_t idzero;
	uint8_t endianseq;
	uint8_t opensesspriv;
	uint8_t integritycheckvalue;
	uint8_t ignorescanningdisabled;
	uint8_t assumebmcowner;
	uint8_t assumesystemevent;
};

/*
 * A fault rule ([fault NAME] of bmcsim.ini(5)) as written: its keys and
 * values, which the node reads into its fault engine (src/node/fault.h)
 * for the BMCs the rule's scope names.
 */
#define MODEL_FAULTS_MAX      16
#define MODEL_FAULT_KEYS_MAX  24
#define MODEL_FAULT_NAME_MAX  32
#define MODEL_FAULT_VALUE_MAX 64
struct model_fault_key {
	const char *key; /* a name of the section's key table */
	char	    value[MODEL_FAULT_VALUE_MAX];
};
struct model_fault {
	char		       name[MODEL_FAULT_NAME_MAX];
	unsigned	       line;
	unsigned	       nkeys;
	struct model_fault_key keys[MODEL_FAULT_KEYS_MAX];
};

/*
 * A vendor's command answered from the model ([oem N] in bmcsim.ini(5)):
 * requests with this netFn and command whose data starts with the prefix
 * (an OEM netFn's IANA, a sub-command) get this completion code and
 * data.  Commands of the command table come first.
 */
#define MODEL_OEM_MAX	     32
#define MODEL_OEM_PREFIX_MAX 16
#define MODEL_OEM_DATA_MAX   64
struct model_oem {
	uint8_t defined;
	uint8_t netfn; /* request netFn, even */
	uint8_t cmd;
	uint8_t priv; /* minimum privilege; 0: also outside a session */
	uint8_t cc;
	uint8_t prefix_len;
	uint8_t prefix[MODEL_OEM_PREFIX_MAX];
	uint8_t data_len;
	uint8_t data[MODEL_OEM_DATA_MAX];
};

/*
 * Sensors ([sensor N] in bmcsim.ini(5)).  A section describes one sensor,
 * or with count > 1 a row of alike sensors ("DIMM{n} Temp"); the sensors
 * area numbers them and builds their SDRs.  Values are in the sensor's
 * units; NAN means "not given" (no such threshold, or the default).
 */
#define MODEL_SENSORS_MAX      256 /* sections */
#define MODEL_SENSOR_NAME_LEN  16  /* the SDR's ID string */
#define MODEL_SENSOR_COUNT_MAX 64  /* sensors one section makes */

enum model_wave {
	MODEL_WAVE_CONSTANT,
	MODEL_WAVE_RAMP, /* nominal to nominal + amplitude, then again */
	MODEL_WAVE_SINE, /* nominal +- amplitude */
	MODEL_WAVE_WALK	 /* bounded random walk within nominal +- amplitude */
};

/* Threshold indices, in the order of the Get Sensor Thresholds mask. */
enum model_threshold {
	MODEL_LNC,
	MODEL_LCR,
	MODEL_LNR,
	MODEL_UNC,
	MODEL_UCR,
	MODEL_UNR,
	MODEL_THRESHOLDS
};

struct model_sensor {
	uint8_t defined;
	char	name[MODEL_SENSOR_NAME_LEN + 1]; /* "{n}": replica number */
	uint8_t count;				 /* 1..64 */
	uint8_t number; /* first sensor number; 0: next */
	uint8_t has_number;
	uint8_t sensor_type;	 /* IPMI 2.0 table 42-3 */
	uint8_t event_type;	 /* 01h threshold, 6Fh specific... */
	uint8_t compact;	 /* 1: a Compact record (type 02h) */
	uint8_t entity_id;	 /* IPMI 2.0 table 43-13 */
	uint8_t entity_instance; /* of the first; replicas add 1 */
	uint8_t units;		 /* base unit, IPMI 2.0 table 43-15 */
	uint8_t percentage;	 /* 1: the reading is a percentage */
	uint8_t analog_signed;	 /* 1: readings are 2's complement */
	/* Linearisation: y = (M x + B 10^b_exp) 10^r_exp; has_m 0: derived. */
	uint8_t	 has_m;
	int16_t	 m;		       /* -512..511 */
	int16_t	 b;		       /* -512..511 */
	int8_t	 b_exp;		       /* -8..7 */
	int8_t	 r_exp;		       /* -8..7 */
	uint16_t accuracy;	       /* 0..1023, in 1/100 % units */
	uint8_t	 tolerance;	       /* 0..63, half raw counts */
	double	 range_min, range_max; /* what the raw 0..255 covers */
	/* The reading. */
	double		nominal; /* powered on */
	double		off;	 /* powered off (NAN: nominal) */
	enum model_wave wave;
	double		amplitude;
	uint32_t	period_ms;
	uint32_t	settle_ms; /* time constant of a power change */
	double		threshold[MODEL_THRESHOLDS]; /* NAN: none */
	uint8_t		thresholds_settable;	     /* over IPMI */
	double		hysteresis;		     /* both directions */
	/* Discrete sensors: the states asserted, powered on and off. */
	uint16_t state;
	uint16_t off_state;
	uint8_t	 has_off_state;
	/* Event generation. */
	uint8_t	 events;      /* 1: event messages enabled */
	uint16_t assert_mask; /* 0: derived from thresholds / states */
	uint16_t deassert_mask;
};

/*
 * SEL ([sel] and [sel_event N]): the log's size, what a full log does, and
 * the history it starts with.
 */
#define MODEL_SEL_EVENTS_MAX 64
struct model_sel_event {
	uint8_t	 defined;
	uint32_t ago_s;	    /* before the BMC started */
	uint8_t	 generator; /* 20h: the BMC */
	uint8_t	 sensor_type;
	uint8_t	 sensor_number;
	uint8_t	 event_type; /* bit 7: deassertion */
	uint8_t	 data[3];
	uint8_t	 data_len; /* bytes given; the rest FFh */
};

struct model_sel {
	uint16_t capacity;  /* entries, 16..3639 */
	uint8_t	 overwrite; /* 1: a full log drops its oldest entry */
	struct model_sel_event
	    events[MODEL_SEL_EVENTS_MAX + 1]; /* [0] unused */
};

/*
 * FRU devices ([fru N], device ID 0..7): the areas of the Platform
 * Management FRU Information Storage Definition 1.0 generated from these
 * fields, or an image read from a file.  "{index}" and "{name}" in a
 * string are replaced by the instance's index and name.
 */
#define MODEL_FRU_MAX	     8
#define MODEL_FRU_STRING_LEN 63 /* a type/length byte's 6 bits */
#define MODEL_FRU_IMAGE_MAX  4096
#define MODEL_FRU_CUSTOM_MAX 2

struct model_fru {
	uint8_t	 defined;
	char	 name[MODEL_SENSOR_NAME_LEN + 1]; /* the FRU locator's */
	uint16_t size;	    /* the device's size in bytes */
	uint16_t image_len; /* >0: image is the content */
	uint8_t	 image[MODEL_FRU_IMAGE_MAX];
	uint8_t	 chassis_type; /* SMBIOS type, 17h rack mount chassis */
	char	 chassis_part[MODEL_FRU_STRING_LEN + 1];
	char	 chassis_serial[MODEL_FRU_STRING_LEN + 1];
	char	 chassis_custom[MODEL_FRU_CUSTOM_MAX][MODEL_FRU_STRING_LEN + 1];
	uint32_t board_mfg_minutes; /* since 1996-01-01 00:00 UTC; 0: none */
	char	 board_manufacturer[MODEL_FRU_STRING_LEN + 1];
	char	 board_product[MODEL_FRU_STRING_LEN + 1];
	char	 board_serial[MODEL_FRU_STRING_LEN + 1];
	char	 board_part[MODEL_FRU_STRING_LEN + 1];
	char	 board_fru_id[MODEL_FRU_STRING_LEN + 1];
	char	 board_custom[MODEL_FRU_CUSTOM_MAX][MODEL_FRU_STRING_LEN + 1];
	char	 product_manufacturer[MODEL_FRU_STRING_LEN + 1];
	char	 product_name[MODEL_FRU_STRING_LEN + 1];
	char	 product_part[MODEL_FRU_STRING_LEN + 1];
	char	 product_version[MODEL_FRU_STRING_LEN + 1];
	char	 product_serial[MODEL_FRU_STRING_LEN + 1];
	char	 product_asset_tag[MODEL_FRU_STRING_LEN + 1];
	char	 product_fru_id[MODEL_FRU_STRING_LEN + 1];
	char	 product_custom[MODEL_FRU_CUSTOM_MAX][MODEL_FRU_STRING_LEN + 1];
	/* A Power Supply Information multi-record (type 00h); 0: none. */
	uint16_t psu_capacity_w;
	uint16_t psu_peak_va;
};

/*
 * The LAN configuration parameters a BMC starts with ([lan]); per-instance
 * MAC and IP addresses derive from the index unless given.
 */
struct model_lan {
	uint8_t	 ip[4];
	uint8_t	 has_ip;
	uint8_t	 ip_source; /* 1 static, 2 DHCP */
	uint8_t	 netmask[4];
	uint8_t	 gateway[4];
	uint8_t	 gateway_mac[6];
	uint8_t	 mac[6];
	uint8_t	 has_mac;
	uint16_t vlan_id; /* 0: no VLAN */
	uint8_t	 vlan_priority;
	char	 community[19]; /* the PET community string, 18 bytes */
	uint8_t	 destinations;	/* alert destinations, 0..15 */
};

/*
 * Platform Event Filtering and alerting a BMC starts with ([pef],
 * [pef_filter N], [pef_policy N], [alert_destination N]; IPMI 2.0 §17,
 * §30, table 23-4 parameters 18-19).  Everything here can be changed over
 * IPMI afterwards and the changes are saved.
 */
#define MODEL_PEF_FILTERS     16 /* event filter table entries */
#define MODEL_PEF_POLICIES    16 /* alert policy table entries */
#define MODEL_PEF_FILTER_LEN  20 /* bytes of an entry (table 30-2) */
#define MODEL_ALERT_DESTS_MAX 15 /* LAN alert destinations 1..15 */
#define MODEL_PEF_STRING_LEN  64

/* An event filter (table 30-2), manufacturer pre-configured. */
struct model_pef_filter {
	uint8_t	 defined;
	uint8_t	 enabled;
	uint8_t	 action;	/* b0 alert, b1 power off, b2 reset, b3 cycle */
	uint8_t	 policy;	/* alert policy set 1..15 */
	uint8_t	 severity;	/* 00h unspecified .. 20h non-recoverable */
	uint8_t	 generator;	/* FFh: any */
	uint8_t	 sensor_type;	/* FFh: any */
	uint8_t	 sensor_number; /* FFh: any */
	uint8_t	 trigger;	/* event/reading type; FFh: any */
	uint16_t offsets;	/* event offset mask; FFFFh: any */
};

/* An alert policy entry (table 30-3). */
struct model_pef_policy {
	uint8_t defined;
	uint8_t enabled;
	uint8_t policy; /* set number 1..15 */
	uint8_t type;	/* 0 always .. 4 next destination type */
	uint8_t channel;
	uint8_t destination;
	uint8_t string; /* byte 3: alert string selector or key */
};

/* A LAN alert destination (parameters 18 and 19). */
struct model_alert_dest {
	uint8_t	 defined;
	uint8_t	 ack;	  /* 1: wait for PET Acknowledge */
	uint8_t	 timeout; /* s, param 18 byte 3 */
	uint8_t	 retries; /* 0..7 */
	uint8_t	 ip[4];
	uint8_t	 mac[6];
	uint16_t port; /* UDP port: 162 unless given (an extension) */
};

struct model_pef {
	uint8_t			enable;		     /* param 1 bit 0 */
	uint8_t			event_messages;	     /* param 1 bit 1 */
	uint8_t			action_control;	     /* param 2 */
	uint8_t			startup_delay;	     /* param 3, s; 0: none */
	uint8_t			alert_startup_delay; /* param 4, s */
	char			string[MODEL_PEF_STRING_LEN + 1]; /* string 1 */
	struct model_pef_filter filters[MODEL_PEF_FILTERS + 1]; /* [0] unused */
	struct model_pef_policy
	    policies[MODEL_PEF_POLICIES + 1]; /* [0] unused */
	struct model_alert_dest
	    dests[MODEL_ALERT_DESTS_MAX + 1]; /* [0] unused */
};

/* Get/Set System Info Parameters ([system]). */
#define MODEL_SYSINFO_LEN 64
struct model_system {
	char firmware_version[MODEL_SYSINFO_LEN + 1];
	char name[MODEL_SYSINFO_LEN + 1];
	char primary_os[MODEL_SYSINFO_LEN + 1];
	char os_name[MODEL_SYSINFO_LEN + 1];
};

/* A device model, read-only after loading. */
struct model {
	char		     *source; /* file it came from */
	struct model_identity identity;
	struct model_channel  channel;
	struct model_chassis  chassis;
	struct model_lab      lab;
	struct model_quirks   quirks;
	struct model_fault    faults[MODEL_FAULTS_MAX];
	unsigned	      nfaults;
	struct model_user     users[MODEL_USERS_MAX + 1]; /* [0] unused */
	struct model_oem      oem[MODEL_OEM_MAX + 1];	  /* [0] unused */
	struct model_sensor   sensors[MODEL_SENSORS_MAX]; /* in order */
	unsigned	      nsensors;
	struct model_sel      sel;
	struct model_fru      fru[MODEL_FRU_MAX];
	struct model_lan      lan;
	struct model_pef      pef;
	struct model_system   system;
};

/*
 * Where the model's sensors sit: the sensors of the [sensor N] sections
 * in order, a section's replicas one after another; a section with a
 * number starts there on LUN 0, the others go on from the sensor before.
 * Numbers run 1..FEh on LUN 0, then on LUN 1 and LUN 3 (LUN 2 is the
 * SMS's): at most MODEL_SENSOR_SLOTS sensors.
 */
#define MODEL_SENSOR_NUMBER_MAX 0xfe
#define MODEL_SENSOR_SLOTS	(3 * MODEL_SENSOR_NUMBER_MAX)
struct model_sensor_address {
	uint8_t lun;
	uint8_t number;
};
/* Replica r of section i; 0, or ERR_NOSPACE past LUN 3's last number. */
int model_sensor_address(const struct model *, unsigned section,
    unsigned replica, struct model_sensor_address *);

/* Sets the documented defaults (bmcsim.ini(5)): no users, suites 3, 17. */
void model_defaults(struct model *);
/* 1 if two models would behave identically. */
int model_equal(const struct model *, const struct model *);

/* A session as the model sees it, for Get Session Info. */
struct model_session_info {
	uint8_t	 handle;
	uint8_t	 user_id;
	uint8_t	 privilege;
	uint8_t	 ipmi15;
	uint8_t	 channel;
	uint8_t	 peer_family; /* 4 or 6; 0 unknown */
	uint8_t	 peer_addr[16];
	uint16_t peer_port;
};

enum model_session_key {
	MODEL_SESSION_BY_INDEX, /* 1-based among active sessions */
	MODEL_SESSION_BY_HANDLE,
	MODEL_SESSION_BY_ID
};

/* What the model may ask of the session layer, through the server. */
struct model_session_ops {
	unsigned (*active_count_cb)(void *);
	/* 0 and fills *info, or ERR_NOT_FOUND. */
	int (*session_info_cb)(void *, enum model_session_key, uint32_t,
	    struct model_session_info *);
	/*
	 * Closes every session of a user once the current reply is sent
	 * (the user was disabled).
	 */
	void (*close_user_sessions_cb)(void *, uint8_t user_id);
	/* The channel policy changed (Set Channel Access): re-read it. */
	void (*channel_changed_cb)(void *);
};

/* One request handed to the model. */
struct model_request {
	const struct ipmi_req *msg;
	uint64_t	       now_ms; /* monotonic */
	uint64_t wall_ms; /* real time, ms since 1970; 0: unknown */
	uint8_t	 in_session;
	uint8_t	 privilege; /* current; 0 sessionless */
	uint8_t	 max_privilege;
	uint8_t	 user_id;
	uint8_t	 channel;
	uint8_t	 ipmi15;
	uint8_t	 suite_id;
	uint8_t	 session_handle;
	uint32_t session_id;
	/* May be NULL (unit tests): session queries then see none. */
	const struct model_session_ops *sessions;
	void			       *sessions_arg;
};

/*
 * Where the model writes its answer: cc and up to cap data bytes.  What
 * the machine sends beside the reply goes to the outbox (outbox.h): a
 * tracked Send Message (IPMI 2.0 §6.12.2) puts the bridged command's
 * response there, a whole IPMI LAN message for the requester's session.
 * outbox NULL: nothing can be sent beside the reply (sessionless, unit
 * tests), and Send Message says so.
 */
struct model_outbox;
struct model_reply {
	uint8_t		     cc;
	uint8_t		    *data;
	size_t		     cap;
	size_t		     len;
	struct model_outbox *outbox;
};

#endif
