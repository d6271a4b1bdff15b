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

/* A device model, read-only after loading. */
struct model {
	char		     *source; /* file it came from */
	struct model_identity identity;
	struct model_channel  channel;
	struct model_chassis  chassis;
	struct model_lab      lab;
	struct model_user     users[MODEL_USERS_MAX + 1]; /* [0] unused */
	struct model_oem      oem[MODEL_OEM_MAX + 1];	  /* [0] unused */
};

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

/* Where the model writes its answer: cc and up to cap data bytes. */
struct model_reply {
	uint8_t	 cc;
	uint8_t *data;
	size_t	 cap;
	size_t	 len;
};

#endif
