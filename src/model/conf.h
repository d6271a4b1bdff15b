/*
 * The sections of bmcsim.ini(5), one INI engine descriptor (ini.h) each,
 * declared by the area they configure in its own <area>_conf.c, and the
 * registry that lists them (conf.c): the loader reads files against it
 * and the "unknown section" message names what it holds.
 */
#ifndef BMCSIM_CONF_H
#define BMCSIM_CONF_H

#include <stdint.h>

#include "config.h"
#include "ini.h"

extern const struct ini_section identity_conf_section;	/* [identity] */
extern const struct ini_section users_conf_section;	/* [user N] */
extern const struct ini_section channel_conf_section;	/* [channel] */
extern const struct ini_section chassis_conf_section;	/* [chassis] */
extern const struct ini_section lab_conf_section;	/* [lab] */
extern const struct ini_section quirks_conf_section;	/* [quirks] */
extern const struct ini_section fault_conf_section;	/* [fault NAME] */
extern const struct ini_section oem_conf_section;	/* [oem N] */
extern const struct ini_section sensors_conf_section;	/* [sensor N] */
extern const struct ini_section sel_conf_section;	/* [sel] */
extern const struct ini_section sel_conf_event_section; /* [sel_event N] */
extern const struct ini_section fru_conf_section;	/* [fru N] */
extern const struct ini_section lan_conf_section;	/* [lan] */
extern const struct ini_section system_conf_section;	/* [system] */
/* Platform Event Filtering and alert destinations (pef_conf.c). */
extern const struct ini_section pef_conf_section;	 /* [pef] */
extern const struct ini_section pef_conf_filter_section; /* [pef_filter N] */
extern const struct ini_section pef_conf_policy_section; /* [pef_policy N] */
extern const struct ini_section
    pef_conf_dest_section; /* [alert_destination N] */
/* The instance sections (instance_conf.c), which config.c expands. */
extern const struct ini_section instance_conf_bmc_section;   /* [bmc NAME] */
extern const struct ini_section instance_conf_fleet_section; /* [fleet NAME] */

/* An instance section, [bmc NAME] or [fleet NAME], as written. */
struct instance_conf {
	uint8_t	 fleet;
	char	 name[CONFIG_NAME_MAX];
	unsigned line;
	char	 host[CONFIG_HOST_MAX];
	uint16_t port;
	uint32_t count;
	uint8_t	 step_address;
	char	*model_path; /* resolved against the including file */
	unsigned model_line;
	size_t	 src; /* index of its file among the loaded ones */
	/* Each GUID followed by its "given" flag, as in model_identity. */
	uint8_t system_guid[MODEL_GUID_LEN];
	uint8_t has_system_guid;
	uint8_t device_guid[MODEL_GUID_LEN];
	uint8_t has_device_guid;
	char	labels[CONFIG_LABELS_MAX]; /* normalised "k=v,k2=v2" */
};

/* The instance sections of a configuration, in the order written. */
struct instance_conf_list {
	struct instance_conf *v;
	size_t		      n, cap;
};

/* What the instance sections need of the file being read (ini_user()). */
struct instance_conf_file {
	struct instance_conf_list *list;
	size_t			   src; /* the file's index */
	int			   main_file;
};

/* A privilege name from k->min to k->max (users_conf.c). */
ini_key_fn users_conf_priv;

/*
 * A GUID derived from an instance section (kind "bmc" or "fleet" and its
 * name), which 0 system or 1 device, in wire order; and n added to its
 * node field (the fleet member's index).  identity_conf.c.
 */
void identity_conf_guid_derive(
    uint8_t wire[16], const char *kind, const char *name, unsigned which);
void identity_conf_guid_add(uint8_t wire[16], uint64_t n);

/* Sensor types and event types by name (sensors_conf.c). */
extern const struct ini_name sensors_conf_type_names[];
extern const struct ini_name sensors_conf_event_type_names[];

/* Every section, NULL-terminated, in the order messages list them. */
extern const struct ini_section *const conf_sections[];

#endif
