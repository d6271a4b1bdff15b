/*
 * The model's control interface (control.h): power, boot flags, sensor
 * readings, the SEL, users and a state snapshot, done through the
 * functions the IPMI commands use (bmc_power_set, bmc_system_boot,
 * bmc_event, the sensors' and the SEL's own, bmc_user_changed), never by
 * writing around them.
 */
#include <string.h>

#include "bmc_impl.h"
#include "control.h"
#include "ct.h"
#include "err.h"
#include "fru_record.h"

/* What every call does first: learn the real time, as a request does. */
static void
control_begin(struct bmc *b, const struct bmc_control_ctx *c)
{
	if (c->wall_ms != 0)
		b->wall_offset_ms = (int64_t)c->wall_ms - (int64_t)c->now_ms;
}

/* ---- power ---- */

/*
 * Chassis Control's effects (IPMI 2.0 §28.3) as chassis_control()
 * has them, logged as the control interface's.  The restart cause is
 * "chassis control command" on the LAN channel: the control plane stands
 * for a remote console.
 */
int
bmc_control_power(
    struct bmc *b, const struct bmc_control_ctx *c, enum bmc_control_power op)
{
	const struct model_chassis *mc = &b->model->chassis;
	uint64_t		    now = c->now_ms;
	uint8_t			    chan = b->channel.number;

	if ((unsigned)op > BMC_CONTROL_SOFT_OFF)
		return ERR_INVALID_ARG;
	/* Chassis Control answers D5h to these with the power off. */
	if (!b->power_on &&
	    (op == BMC_CONTROL_POWER_CYCLE || op == BMC_CONTROL_HARD_RESET ||
		op == BMC_CONTROL_DIAG_INTERRUPT))
		return ERR_WRONG_STATE;
	control_begin(b, c);
	/* §28.13 param 3 bit 3: a Chassis Control restarts the 60 s. */
	if (b->boot.valid_deadline_ms != UINT64_MAX)
		b->boot.valid_deadline_ms = now + BMC_BOOT_VALID_TIMEOUT_MS;
	switch (op) {
	case BMC_CONTROL_POWER_OFF:
		bmc_power_set(b, 0, now, "control");
		break;
	case BMC_CONTROL_POWER_ON:
		if (b->power_on)
			break;
		bmc_power_set(b, 1, now, "control");
		b->last_power_event = BMC_LAST_EVENT_IPMI_ON;
		bmc_system_boot(b, BMC_RESTART_CHASSIS_CONTROL, chan, now);
		break;
	case BMC_CONTROL_POWER_CYCLE:
		bmc_power_set(b, 0, now, "control power cycle");
		b->pending = BMC_PENDING_POWER_ON;
		b->pending_cause = BMC_RESTART_CHASSIS_CONTROL;
		b->pending_deadline_ms = now + mc->power_cycle_interval_ms;
		b->restart_channel = chan;
		break;
	case BMC_CONTROL_HARD_RESET:
		bmc_log(b, "hard reset (control)");
		bmc_system_boot(b, BMC_RESTART_CHASSIS_CONTROL, chan, now);
		break;
	case BMC_CONTROL_DIAG_INTERRUPT:
		bmc_log(b, "diagnostic interrupt (control)");
		break;
	case BMC_CONTROL_SOFT_OFF:
		if (!b->power_on || b->pending == BMC_PENDING_SOFT_OFF)
			break;
		bmc_log(b, "soft shutdown requested (control)");
		b->pending = BMC_PENDING_SOFT_OFF;
		b->pending_deadline_ms = now + mc->soft_off_delay_ms;
		break;
	}
	return 0;
}

/* ---- boot flags ---- */

/* Boot flags byte 1 bit 5 (§28.13, parameter 5): EFI, not legacy. */
#define CONTROL_BOOT_FLAG_EFI 0x20

/* Indexed by selector; NULL: reserved. */
static const char *const control_boot_devices[16] = {
    [BMC_BOOT_DEVICE_NONE] = "none",
    [BMC_BOOT_DEVICE_PXE] = "pxe",
    [BMC_BOOT_DEVICE_DISK] = "disk",
    [BMC_BOOT_DEVICE_DISK_SAFE] = "safe",
    [BMC_BOOT_DEVICE_DIAG] = "diag",
    [BMC_BOOT_DEVICE_CDROM] = "cdrom",
    [BMC_BOOT_DEVICE_BIOS] = "bios",
    [BMC_BOOT_DEVICE_REMOTE_FLOPPY] = "remote-floppy",
    [BMC_BOOT_DEVICE_REMOTE_CDROM] = "remote-cdrom",
    [BMC_BOOT_DEVICE_REMOTE_PRIMARY] = "remote-primary",
    [BMC_BOOT_DEVICE_REMOTE_DISK] = "remote-disk",
    [BMC_BOOT_DEVICE_FLOPPY] = "floppy",
};

const char *
bmc_control_boot_device_name(uint8_t device)
{
	return device < 16 ? control_boot_devices[device] : NULL;
}

int
bmc_control_boot_device_parse(const char *name, uint8_t *device)
{
	uint8_t i;

	for (i = 0; i < 16; i++)
		if (control_boot_devices[i] != NULL &&
		    strcmp(control_boot_devices[i], name) == 0) {
			*device = i;
			return 0;
		}
	return ERR_NOT_FOUND;
}

/* What Set System Boot Options parameter 5 does with its 5 bytes. */
int
bmc_control_boot_set(struct bmc *b, const struct bmc_control_ctx *c,
    const struct bmc_control_boot *bt)
{
	uint8_t *flags = b->boot.flags;

	if (bmc_control_boot_device_name(bt->device) == NULL)
		return ERR_INVALID_ARG;
	control_begin(b, c);
	memset(flags, 0, BMC_BOOT_FLAGS_LEN);
	if (bt->valid) {
		flags[0] = (uint8_t)(BMC_BOOT_FLAG_VALID |
		    (bt->persistent ? BMC_BOOT_FLAG_PERSISTENT : 0) |
		    (bt->efi ? CONTROL_BOOT_FLAG_EFI : 0));
		flags[1] = (uint8_t)(bt->device << 2);
	}
	/* §28.13 param 3 bit 3: the 60 s timeout of a one-time override. */
	if (bt->valid && !bt->persistent &&
	    !(b->boot.valid_bit_clearing & BMC_BOOT_KEEP_PAST_TIMEOUT))
		b->boot.valid_deadline_ms = c->now_ms +
		    BMC_BOOT_VALID_TIMEOUT_MS;
	else
		b->boot.valid_deadline_ms = UINT64_MAX;
	b->state_generation++;
	if (bt->valid)
		bmc_log(b, "boot device %s (%s, %s; control)",
		    bmc_control_boot_device_name(bt->device),
		    bt->persistent ? "persistent" : "next boot",
		    bt->efi ? "EFI" : "legacy");
	else
		bmc_log(b, "boot flags cleared (control)");
	return 0;
}

void
bmc_control_boot_get(const struct bmc *b, struct bmc_control_boot *bt)
{
	const uint8_t *flags = b->boot.flags;

	bt->valid = (flags[0] & BMC_BOOT_FLAG_VALID) ? 1 : 0;
	bt->persistent = (flags[0] & BMC_BOOT_FLAG_PERSISTENT) ? 1 : 0;
	bt->efi = (flags[0] & CONTROL_BOOT_FLAG_EFI) ? 1 : 0;
	bt->device = (flags[1] >> 2) & 0x0f;
}

/* ---- sensors ---- */

int
bmc_control_sensor_set(struct bmc *b, const struct bmc_control_ctx *c,
    uint8_t lun, uint8_t number, double value)
{
	int rc;

	control_begin(b, c);
	if ((rc = bmc_sensors_override(b, c->now_ms, lun, number, 1, value)) ==
	    0)
		bmc_log(b, "sensor %02xh (LUN %u) held at %g (control)", number,
		    lun, value);
	return rc;
}

int
bmc_control_sensor_set_name(struct bmc *b, const struct bmc_control_ctx *c,
    const char *name, double value)
{
	uint8_t lun, number;

	if (bmc_sensors_find_name(b, name, &lun, &number) != 0)
		return ERR_NOT_FOUND;
	return bmc_control_sensor_set(b, c, lun, number, value);
}

int
bmc_control_sensor_clear(
    struct bmc *b, const struct bmc_control_ctx *c, uint8_t lun, uint8_t number)
{
	int rc;

	control_begin(b, c);
	if ((rc = bmc_sensors_override(b, c->now_ms, lun, number, 0, 0)) == 0)
		bmc_log(b,
		    "sensor %02xh (LUN %u) follows the model again "
		    "(control)",
		    number, lun);
	return rc;
}

int
bmc_control_sensor_clear_name(
    struct bmc *b, const struct bmc_control_ctx *c, const char *name)
{
	uint8_t lun, number;

	if (bmc_sensors_find_name(b, name, &lun, &number) != 0)
		return ERR_NOT_FOUND;
	return bmc_control_sensor_clear(b, c, lun, number);
}

/* ---- SEL and events ---- */

static void
control_event_of(struct bmc_event *ev, const struct bmc_control_event *e)
{
	memset(ev, 0, sizeof(*ev));
	ev->generator = e->generator;
	ev->sensor_type = e->sensor_type;
	ev->sensor_number = e->sensor_number;
	ev->event_type = e->event_type;
	memcpy(ev->data, e->data, sizeof(ev->data));
}

int
bmc_control_sel_add(struct bmc *b, const struct bmc_control_ctx *c,
    const struct bmc_control_event *e, uint16_t *id)
{
	struct bmc_event ev;
	uint16_t	 got;
	int		 rc;

	control_begin(b, c);
	control_event_of(&ev, e);
	if ((rc = bmc_sel_add_event(b, c->now_ms, &ev, &got)) != 0)
		return rc;
	bmc_log(b, "SEL entry %04xh added (control)", got);
	if (id != NULL)
		*id = got;
	return 0;
}

int
bmc_control_event(struct bmc *b, const struct bmc_control_ctx *c,
    const struct bmc_control_event *e)
{
	struct bmc_event ev;

	control_begin(b, c);
	control_event_of(&ev, e);
	bmc_event(b, c->now_ms, &ev);
	return 0;
}

int
bmc_control_sel_clear(struct bmc *b, const struct bmc_control_ctx *c)
{
	control_begin(b, c);
	bmc_sel_clear(b, c->now_ms);
	return 0;
}

/* ---- users ---- */

void
bmc_control_user_init(struct bmc_control_user *u)
{
	u->name = NULL;
	u->password = NULL;
	u->priv_limit = BMC_CONTROL_UNCHANGED;
	u->enabled = BMC_CONTROL_UNCHANGED;
	u->ipmi_messaging = BMC_CONTROL_UNCHANGED;
}

static int
control_flag_ok(int v)
{
	return v == BMC_CONTROL_UNCHANGED || v == 0 || v == 1;
}

/* Every check first, so that a refused change changes nothing. */
static int
control_user_check(
    const struct bmc *b, uint8_t id, const struct bmc_control_user *u)
{
	struct model_user other;
	uint8_t		  other_id;
	size_t		  n;
	int		  taken;

	if (id < 1 || id > b->channel.max_users || id > MODEL_USERS_MAX)
		return ERR_INVALID_ARG;
	if (u->password != NULL && strlen(u->password) > MODEL_PASSWORD_LEN)
		return ERR_INVALID_ARG;
	if (u->priv_limit != BMC_CONTROL_UNCHANGED &&
	    (u->priv_limit < IPMI_PRIV_CALLBACK ||
		u->priv_limit > IPMI_PRIV_OEM) &&
	    u->priv_limit != IPMI_PRIV_NO_ACCESS)
		return ERR_INVALID_ARG;
	if (!control_flag_ok(u->enabled) || !control_flag_ok(u->ipmi_messaging))
		return ERR_INVALID_ARG;
	if (u->name != NULL) {
		/* §22.28: user 1, the null user, has no name to set. */
		if (id == 1 || (n = strlen(u->name)) > MODEL_NAME_LEN)
			return ERR_INVALID_ARG;
		/* A deletion is only that. */
		if (n == 0 &&
		    (u->password != NULL ||
			u->priv_limit != BMC_CONTROL_UNCHANGED ||
			u->enabled != BMC_CONTROL_UNCHANGED ||
			u->ipmi_messaging != BMC_CONTROL_UNCHANGED))
			return ERR_INVALID_ARG;
		/* Two users of one name: logins would find the first. */
		taken = n > 0 &&
		    bmc_user_by_name(b, (const uint8_t *)u->name, n, &other,
			&other_id) == 0 &&
		    other_id != id;
		ct_wipe(&other, sizeof(other));
		if (taken)
			return ERR_INVALID_ARG;
		if (n == 0 && !b->users[id].defined)
			return ERR_NOT_FOUND;
		return 0;
	}
	/* As Set User Password: a password defines only the null user. */
	if (!b->users[id].defined && !(id == 1 && u->password != NULL))
		return ERR_NOT_FOUND;
	return 0;
}

static void
control_close_sessions(
    struct bmc *b, const struct bmc_control_ctx *c, uint8_t id)
{
	(void)b;
	if (c->sessions != NULL && c->sessions->close_user_sessions_cb != NULL)
		c->sessions->close_user_sessions_cb(c->sessions_arg, id);
}

int
bmc_control_user_set(struct bmc *b, const struct bmc_control_ctx *c, uint8_t id,
    const struct bmc_control_user *u)
{
	struct model_user *mu;
	size_t		   n;
	int		   rc, was_defined, close = 0;

	if ((rc = control_user_check(b, id, u)) != 0)
		return rc;
	control_begin(b, c);
	mu = &b->users[id];
	was_defined = mu->defined;
	if (u->name != NULL && u->name[0] == '\0') {
		ct_wipe(mu, sizeof(*mu));
		bmc_user_changed(b, id);
		bmc_log(b, "user %u deleted (control)", id);
		control_close_sessions(b, c, id);
		return 0;
	}
	if (!mu->defined) {
		/* As Set User Name makes one: disabled, no access. */
		memset(mu, 0, sizeof(*mu));
		mu->defined = 1;
		mu->priv_limit = IPMI_PRIV_NO_ACCESS;
	}
	if (u->name != NULL) {
		n = strlen(u->name);
		/* A renamed user is another login: old sessions go. */
		if (mu->name_len != n || memcmp(mu->name, u->name, n) != 0)
			close = 1;
		memset(mu->name, 0, sizeof(mu->name));
		memcpy(mu->name, u->name, n);
		mu->name_len = (uint8_t)n;
	}
	if (u->password != NULL) {
		n = strlen(u->password);
		memset(mu->password, 0, sizeof(mu->password));
		memcpy(mu->password, u->password, n);
		mu->password20 = n > 16 ? 1 : 0;
		close = 1;
	}
	if (u->priv_limit != BMC_CONTROL_UNCHANGED)
		mu->priv_limit = (uint8_t)u->priv_limit;
	if (u->ipmi_messaging != BMC_CONTROL_UNCHANGED)
		mu->ipmi_messaging = (uint8_t)u->ipmi_messaging;
	if (u->enabled != BMC_CONTROL_UNCHANGED)
		mu->enabled = (uint8_t)u->enabled;
	/* As Set User Access and Set User Password (disable) do. */
	if (!mu->enabled || !mu->ipmi_messaging ||
	    mu->priv_limit == IPMI_PRIV_NO_ACCESS)
		close = 1;
	bmc_user_changed(b, id);
	bmc_log(b,
	    "user %u \"%.*s\" %s, privilege limit %u, IPMI messaging %s "
	    "(control)",
	    id, (int)mu->name_len, (const char *)mu->name,
	    mu->enabled ? "enabled" : "disabled", mu->priv_limit,
	    mu->ipmi_messaging ? "on" : "off");
	if (close && was_defined)
		control_close_sessions(b, c, id);
	return 0;
}

int
bmc_control_user_add(struct bmc *b, const struct bmc_control_ctx *c,
    const struct bmc_control_user *u, uint8_t *id)
{
	struct bmc_control_user v = *u;
	unsigned		i;
	int			rc;

	if (u->name == NULL || u->name[0] == '\0')
		return ERR_INVALID_ARG;
	if (v.ipmi_messaging == BMC_CONTROL_UNCHANGED)
		v.ipmi_messaging = 1;
	for (i = 2; i <= b->channel.max_users && i <= MODEL_USERS_MAX; i++)
		if (!b->users[i].defined) {
			if ((rc = bmc_control_user_set(b, c, (uint8_t)i, &v)) !=
			    0)
				return rc;
			if (id != NULL)
				*id = (uint8_t)i;
			return 0;
		}
	return ERR_NOSPACE;
}

/* ---- state ---- */

void
bmc_control_state(
    const struct bmc *b, uint64_t now_ms, struct bmc_control_state *st)
{
	unsigned i;

	memset(st, 0, sizeof(*st));
	st->power_on = b->power_on;
	st->power_pending = b->pending == BMC_PENDING_POWER_ON ? 1
	    : b->pending == BMC_PENDING_SOFT_OFF	       ? 2
							       : 0;
	st->restart_cause = b->restart_cause;
	st->restart_channel = b->restart_channel;
	st->restore_policy = b->restore_policy;
	st->identify = (uint8_t)b->identify;
	st->acpi_system = b->acpi_system;
	st->poh_hours = bmc_poh_hours(b, now_ms);
	bmc_control_boot_get(b, &st->boot);
	st->sel_entries = bmc_sel_count(b);
	st->kg_set = b->channel.kg_set;
	st->max_users = b->channel.max_users;
	for (i = 1; i <= b->channel.max_users && i <= MODEL_USERS_MAX; i++) {
		const struct model_user	      *u = &b->users[i];
		struct bmc_control_user_state *s = &st->users[i];

		if (!u->defined)
			continue;
		st->nusers++;
		s->defined = 1;
		s->enabled = u->enabled;
		s->priv_limit = u->priv_limit;
		s->ipmi_messaging = u->ipmi_messaging;
		memcpy(s->name, u->name, u->name_len);
		s->name[u->name_len] = '\0';
	}
}

/* ---- listings ---- */

unsigned
bmc_control_sensor_count(const struct bmc *b)
{
	return bmc_sensors_count(b);
}

int
bmc_control_sensor_get(const struct bmc *b, uint64_t now_ms, unsigned i,
    struct bmc_control_sensor *out)
{
	return bmc_sensors_info(b, now_ms, i, out);
}

unsigned
bmc_control_sel_count(const struct bmc *b)
{
	return bmc_sel_count(b);
}

int
bmc_control_sel_get(const struct bmc *b, unsigned i, uint8_t rec[16])
{
	return bmc_sel_entry(b, i, rec);
}

/* ---- FRU fields ---- */

/* Field names in each area's order (FRU spec §10-12). */
static const char *const control_fru_fields[BMC_CONTROL_FRU_AREAS][8] = {
    [FRU_RECORD_CHASSIS] = {"part", "serial", NULL},
    [FRU_RECORD_BOARD] = {"manufacturer", "product", "serial", "part", "fru_id",
	NULL},
    [FRU_RECORD_PRODUCT] = {"manufacturer", "name", "part", "version", "serial",
	"asset_tag", "fru_id", NULL},
};

const char *
bmc_control_fru_area_name(unsigned a)
{
	return a < BMC_CONTROL_FRU_AREAS ? fru_record_kind_name((uint8_t)a)
					 : NULL;
}

const char *
bmc_control_fru_field_name(unsigned a, unsigned i)
{
	if (a >= BMC_CONTROL_FRU_AREAS || i >= 8)
		return NULL;
	return control_fru_fields[a][i];
}

int
bmc_control_fru_defined(const struct bmc *b, unsigned id)
{
	return id < MODEL_FRU_MAX && b->model->fru[id].defined;
}

/* The area and field indexes of the names: 0 or ERR_NOT_FOUND. */
static int
control_fru_lookup(
    const char *area, const char *field, unsigned *a, unsigned *f)
{
	unsigned i;

	for (*a = 0; *a < BMC_CONTROL_FRU_AREAS; (*a)++)
		if (strcmp(area, bmc_control_fru_area_name(*a)) == 0)
			break;
	if (*a == BMC_CONTROL_FRU_AREAS)
		return ERR_NOT_FOUND;
	for (i = 0; control_fru_fields[*a][i] != NULL; i++)
		if (strcmp(field, control_fru_fields[*a][i]) == 0) {
			*f = i;
			return 0;
		}
	return ERR_NOT_FOUND;
}

/* Device id decoded into img (fields point into *bytes). */
static int
control_fru_decode(const struct bmc *b, unsigned id, uint8_t **bytes,
    uint16_t *size, struct fru_record_image *img)
{
	int rc;

	if (id >= MODEL_FRU_MAX)
		return ERR_NOT_FOUND;
	if ((rc = bmc_fru_bytes(b, (uint8_t)id, bytes, size)) != 0)
		return rc;
	memset(img, 0, sizeof(*img));
	return fru_record_decode_image(*bytes, *size, img) == 0 ? 0
								: ERR_FORMAT;
}

int
bmc_control_fru_get(const struct bmc *b, unsigned id, const char *area,
    const char *field, char out[BMC_CONTROL_FRU_VALUE_MAX + 1])
{
	struct fru_record_image	       img;
	const struct fru_record_area  *ar;
	const struct fru_record_field *fl;
	uint8_t			      *bytes;
	uint16_t		       size;
	unsigned		       a, f;
	int			       rc;

	out[0] = '\0';
	if (control_fru_lookup(area, field, &a, &f) != 0)
		return ERR_NOT_FOUND;
	if ((rc = control_fru_decode(b, id, &bytes, &size, &img)) != 0)
		return rc;
	ar = &img.area[a];
	if (!ar->present || f >= ar->nfields)
		return ERR_NOT_FOUND;
	fl = &ar->field[f];
	memcpy(out, fl->data, fl->len); /* len <= 63 by the format */
	out[fl->len] = '\0';
	return 0;
}

int
bmc_control_fru_set(struct bmc *b, const struct bmc_control_ctx *c, unsigned id,
    const char *area, const char *field, const char *value)
{
	struct fru_record_image img;
	struct fru_record_area *ar;
	uint8_t		       *bytes;
	uint8_t			tmp[MODEL_FRU_IMAGE_MAX];
	char			text[BMC_CONTROL_FRU_VALUE_MAX + 2];
	uint16_t		size;
	size_t			n = strlen(value), len, old;
	unsigned		a, f;
	int			rc;

	(void)c;
	if (control_fru_lookup(area, field, &a, &f) != 0)
		return ERR_NOT_FOUND;
	if (n > BMC_CONTROL_FRU_VALUE_MAX)
		return ERR_INVALID_ARG;
	if ((rc = control_fru_decode(b, id, &bytes, &size, &img)) != 0)
		return rc;
	memcpy(text, value, n + 1);
	if (n == 1) { /* not the end marker C1h (FRU spec §13) */
		text[n++] = ' ';
		text[n] = '\0';
	}
	ar = &img.area[a];
	if (!ar->present) {
		ar->kind = (uint8_t)a;
		ar->present = 1;
		ar->version = FRU_RECORD_VERSION;
		if (a == FRU_RECORD_CHASSIS)
			ar->chassis_type = 0x17; /* SMBIOS: rack mount */
		ar->nfields = 0;
	}
	/* Empty fields up to this one, before any custom fields. */
	if (f >= ar->nfields) {
		if (ar->nfields + (f + 1 - ar->nfields) > FRU_RECORD_FIELDS_MAX)
			return ERR_NOSPACE;
		while (ar->nfields <= f) {
			struct fru_record_field *e = &ar->field[ar->nfields++];

			e->type = FRU_RECORD_LATIN1;
			e->len = 0;
			e->data = (const uint8_t *)"";
		}
	}
	ar->field[f].type = FRU_RECORD_LATIN1;
	ar->field[f].len = (uint8_t)n;
	ar->field[f].data = (const uint8_t *)text;
	old = img.used;
	if (fru_record_encode_image(&img, tmp, sizeof(tmp), &len) != 0 ||
	    len > size)
		return ERR_NOSPACE;
	memcpy(bytes, tmp, len);
	if (old > len) /* what the old image held past the new one is free */
		memset(bytes + len, 0, old - len);
	bmc_fru_changed(b, (uint8_t)id);
	return 0;
}
