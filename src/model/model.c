/*
 * Device model defaults.  They are documented in bmcsim.ini(5) and match
 * the responder's defaults (responder_config_defaults()), which the model
 * cannot call: the model sits beside the session layer, not above it.
 */
#include <string.h>

#include "err.h"
#include "ipmi15.h"
#include "model.h"

void
model_defaults(struct model *m)
{
	struct model_channel *c = &m->channel;
	unsigned	      i;

	memset(m, 0, sizeof(*m));
	/* A plausible rack server: IPMI 2.0, SDR, SEL, FRU, chassis. */
	m->identity.device_id = 0x20;
	m->identity.device_revision = 1;
	m->identity.provides_sdrs = 1;
	m->identity.fw_major = 1;
	m->identity.fw_minor_bcd = 0x00;
	m->identity.ipmi_version = 0x02;
	m->identity.additional_support = 0xbf;

	c->number = 1;
	c->enabled_suites = 1u << 3 | 1u << 17;
	for (i = 0; i < SUITE_COUNT; i++)
		c->suite_priv_limit[i] = IPMI_PRIV_ADMIN;
	c->priv_limit = IPMI_PRIV_ADMIN;
	c->ipmi15_enabled = 1;
	c->ipmi20_enabled = 1;
	for (i = IPMI_PRIV_CALLBACK; i <= IPMI_PRIV_OEM; i++)
		c->auth15_enables[i] = 1u << IPMI15_AUTHTYPE_MD5;
	c->per_message_auth = 1;
	c->user_level_auth = 1;
	c->access_mode = 2; /* always available */
	c->alerting = 0;
	c->max_sessions = 15;
	c->max_handshakes = 16;
	c->session_timeout_ms = 60000;
	c->handshake_timeout_ms = 3000;
	c->max_users = 16;

	m->chassis.power_on = 1;
	m->chassis.restore_policy = MODEL_RESTORE_PREVIOUS;
	/* IPMI 2.0 §28.1: diagnostic interrupt and power interlock. */
	m->chassis.capabilities = 0x0c;
	m->chassis.identify_default_s = 15;
	m->chassis.power_cycle_interval_ms = 1000;
	m->chassis.soft_off_delay_ms = 1000;

	/* No sensors, SEL history or FRU devices unless the model has them. */
	m->sel.capacity = 512;
	m->sel.overwrite = 0;

	m->lan.ip_source = 1; /* static */
	memcpy(m->lan.netmask, (const uint8_t[]){255, 255, 255, 0}, 4);
	memcpy(m->lan.community, "public", sizeof("public"));
	m->lan.destinations = 4;

	memcpy(m->system.firmware_version, "1.00", sizeof("1.00"));
}

/*
 * Models are zeroed before they are filled, so padding compares equal;
 * were it not, the worst outcome is a BMC rebuilt on reload that could have
 * been kept.
 */
int
model_equal(const struct model *a, const struct model *b)
{
	return memcmp(&a->identity, &b->identity, sizeof(a->identity)) == 0 &&
	    memcmp(&a->channel, &b->channel, sizeof(a->channel)) == 0 &&
	    memcmp(&a->chassis, &b->chassis, sizeof(a->chassis)) == 0 &&
	    memcmp(&a->lab, &b->lab, sizeof(a->lab)) == 0 &&
	    memcmp(a->users, b->users, sizeof(a->users)) == 0 &&
	    memcmp(a->oem, b->oem, sizeof(a->oem)) == 0 &&
	    a->nsensors == b->nsensors &&
	    memcmp(a->sensors, b->sensors,
		a->nsensors * sizeof(a->sensors[0])) == 0 &&
	    memcmp(&a->sel, &b->sel, sizeof(a->sel)) == 0 &&
	    memcmp(a->fru, b->fru, sizeof(a->fru)) == 0 &&
	    memcmp(&a->lan, &b->lan, sizeof(a->lan)) == 0 &&
	    memcmp(&a->pef, &b->pef, sizeof(a->pef)) == 0 &&
	    memcmp(&a->system, &b->system, sizeof(a->system)) == 0;
}

/* The next address: 0 or ERR_NOSPACE past the last LUN. */
static int
sensor_next(struct model_sensor_address *a)
{
	if (a->number < MODEL_SENSOR_NUMBER_MAX) {
		a->number++;
		return 0;
	}
	if (a->lun == 3)
		return ERR_NOSPACE;
	a->lun = a->lun == 0 ? 1 : 3;
	a->number = 1;
	return 0;
}

int
model_sensor_address(const struct model *m, unsigned section, unsigned replica,
    struct model_sensor_address *out)
{
	struct model_sensor_address a = {0, 0};
	unsigned		    i, r;
	int			    rc = 0;

	for (i = 0; i <= section && i < m->nsensors; i++) {
		const struct model_sensor *s = &m->sensors[i];

		if (s->has_number) {
			a.lun = 0;
			a.number = s->number;
		} else if (sensor_next(&a) != 0)
			rc = ERR_NOSPACE;
		for (r = 1; r < s->count; r++) {
			if (i == section && r > replica)
				break;
			if (sensor_next(&a) != 0)
				rc = ERR_NOSPACE;
		}
	}
	*out = a;
	return rc;
}
