/*
 * Fuzzes one BMC's command table and its saved-state parser.  The first
 * byte chooses: even, an IPMI request (netFn, command, privilege, then
 * the data) through bmc_handle(); odd, the rest as a state file through
 * bmc_state_load().  The reply must respect its buffer, a generic error
 * code carries no data, and nothing may crash or leak.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bmc.h"
#include "config.h"
#include "ipmimsg.h"
#include "log.h"
#include "outbox.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
quiet(void *arg, enum log_level level, const char *origin, const char *func,
    const char *msg)
{
	(void)arg;
	(void)level;
	(void)origin;
	(void)func;
	(void)msg;
}

static struct model	*fz_model;
static struct config_bmc fz_cfg;

/* A sensor like the loader makes: thresholds and off value given. */
static struct model_sensor *
fz_sensor(const char *name, uint8_t type, uint8_t event_type, double nominal)
{
	struct model_sensor *s = &fz_model->sensors[fz_model->nsensors++];
	int		     i;

	s->defined = 1;
	strcpy(s->name, name);
	s->count = 2;
	s->sensor_type = type;
	s->event_type = event_type;
	s->compact = event_type != 0x01;
	s->entity_id = 0x07;
	s->entity_instance = 1;
	s->units = 1;
	s->range_min = 0;
	s->range_max = 127.5;
	s->nominal = nominal;
	s->off = 20;
	s->wave = MODEL_WAVE_WALK;
	s->amplitude = 30;
	s->period_ms = 5000;
	s->settle_ms = 1000;
	for (i = 0; i < MODEL_THRESHOLDS; i++)
		s->threshold[i] = NAN;
	s->thresholds_settable = 1;
	s->events = 1;
	return s;
}

static void
fz_init(void)
{
	struct model_user *u;

	log_set_sink(quiet, NULL);
	fz_model = calloc(1, sizeof(*fz_model));
	if (fz_model == NULL)
		abort();
	model_defaults(fz_model);
	u = &fz_model->users[2];
	u->defined = u->enabled = u->ipmi_messaging = 1;
	u->name_len = 5;
	memcpy(u->name, "admin", 5);
	memcpy(u->password, "password", 8);
	u->priv_limit = IPMI_PRIV_ADMIN;
	/* A machine: sensors whose readings cross thresholds, a discrete
	 * one that follows the power, FRU devices, a small SEL with history. */
	fz_sensor("T{n}", 0x01, 0x01, 50)->threshold[MODEL_UCR] = 60;
	fz_model->sensors[0].threshold[MODEL_LCR] = 30;
	fz_model->sensors[0].hysteresis = 1;
	fz_sensor("PSU{n}", 0x08, 0x6f, 0)->state = 1;
	fz_model->sensors[1].off_state = 8;
	fz_model->sensors[1].has_off_state = 1;
	fz_model->sensors[1].has_number = 1;
	fz_model->sensors[1].number = 0xfe; /* the second goes to LUN 1 */
	fz_model->fru[0].defined = 1;
	strcpy(fz_model->fru[0].board_serial, "SN{index}");
	fz_model->fru[3].defined = 1;
	strcpy(fz_model->fru[3].name, "PSU");
	fz_model->sel.capacity = 16;
	fz_model->sel.overwrite = 1;
	fz_model->sel.events[1].defined = 1;
	fz_model->sel.events[1].ago_s = 60;
	strcpy(fz_cfg.name, "fuzz");
	strcpy(fz_cfg.host, "127.0.0.1");
	fz_cfg.port = 623;
	fz_cfg.model = fz_model;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bmc	    *b;
	struct config_diag   diag;
	struct ipmi_req	     msg;
	struct model_request rq;
	struct model_reply   rp;
	uint8_t		     out[300];
	struct model_outbox  ob;
	struct model_out     o;
	struct ipmi_rsp	     bridged;
	uint64_t	     now = 1000;
	size_t		     i;

	if (fz_model == NULL)
		fz_init();
	if (size < 1)
		return 0;
	b = bmc_new(&fz_cfg, now, 0);
	if (b == NULL)
		abort();
	if (data[0] & 1) {
		memset(&diag, 0, sizeof(diag));
		(void)bmc_state_load(
		    b, (const char *)data + 1, size - 1, "fuzz.state", &diag);
		config_diag_clear(&diag);
		free(bmc_state_save(b, &i));
		bmc_free(b);
		return 0;
	}
	/* Several requests in a row: state carries from one to the next. */
	for (i = 1; i + 3 <= size;) {
		size_t len = data[i + 2] >> 3;

		memset(&msg, 0, sizeof(msg));
		msg.netfn = data[i] & 0x3f;
		msg.rs_lun = data[i] >> 6;
		msg.cmd = data[i + 1];
		msg.data = data + i + 3;
		msg.data_len = len <= size - i - 3 ? len : size - i - 3;
		memset(&rq, 0, sizeof(rq));
		rq.msg = &msg;
		rq.now_ms = now;
		rq.in_session = (data[i + 2] & 7) != 0;
		rq.privilege = data[i + 2] & 7;
		rq.max_privilege = IPMI_PRIV_ADMIN;
		rq.user_id = 2;
		rq.channel = 1;
		memset(&rp, 0, sizeof(rp));
		memset(out, 0xa5, sizeof(out));
		rp.data = out;
		rp.cap = 256;
		outbox_init(&ob);
		rp.outbox = &ob;
		bmc_handle(b, &rq, &rp);
		if (rp.len > rp.cap || out[256] != 0xa5 ||
		    (rp.cc != 0 && (rp.cc < 0x80 || rp.cc > 0xbe) &&
			rp.len != 0))
			abort();
		/* A bridged response is a whole, valid IPMI message. */
		if (outbox_count(&ob) > 1 ||
		    (outbox_take(&ob, &o) == 0 &&
			(rp.cc != 0 || o.kind != MODEL_OUT_SESSION_MESSAGE ||
			    ipmimsg_decode_rsp(o.data, o.len, &bridged) != 0)))
			abort();
		i += 3 + msg.data_len;
		now += 700;
		if (bmc_next_deadline(b) <= now)
			bmc_tick(b, now);
	}
	bmc_free(b);
	return 0;
}
