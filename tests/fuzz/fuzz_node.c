/*
 * One whole BMC, datagram in to datagrams out: node_input(), node_write()
 * until 0, node_expire() at the node's deadlines.  The input is a
 * sequence of records, each a 2-byte big-endian word: below 8000h, the
 * length of a datagram that follows (then 700 ms pass, as in
 * fuzz_responder, whose corpus this reads too); from 8000h, fake time
 * moves on by the low 15 bits in milliseconds.  The model has sensors
 * that cross thresholds, FRU devices, a SEL, every suite and IPMI 1.5
 * type, user admin/password, and a seeded RNG, so a corpus of real logins
 * reaches the model through a session.
 *
 * Every datagram written must fit and go to the console that sent; the
 * outbox never holds more than it may; nothing may crash or leak.
 *
 * Built with -DFUZZ_NODE_GENERATE, a main writes the seed corpus into the
 * directory named by its argument (logins, requests, a bridged Send
 * Message, a power cycle and an idle timeout under fake time).
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "cursor.h"
#include "hash.h"
#include "ipmimsg.h"
#include "log.h"
#include "node.h"
#include "suite.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define FZ_STEP_MS 700

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

static struct model	     *fz_model;
static struct config_bmc      fz_cfg;
static const struct peer_addr fz_peer = {
    4, {192, 0, 2, 7, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 50007};

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
	unsigned	   p;

	if (crypto_init() != 0)
		abort();
	log_set_sink(quiet, NULL);
	if ((fz_model = calloc(1, sizeof(*fz_model))) == NULL)
		abort();
	model_defaults(fz_model);
	u = &fz_model->users[2];
	u->defined = u->enabled = u->ipmi_messaging = 1;
	u->name_len = 5;
	memcpy(u->name, "admin", 5);
	memcpy(u->password, "password", 8);
	u->priv_limit = IPMI_PRIV_ADMIN;
	fz_model->channel.enabled_suites = suite_implemented_mask();
	for (p = 1; p <= 5; p++)
		fz_model->channel.auth15_enables[p] = 0x17;
	fz_model->lab.allow_cipher_0 = 1;
	fz_model->lab.rng_seeded = 1;
	fz_model->lab.rng_seed = 1;
	fz_sensor("T{n}", 0x01, 0x01, 50)->threshold[MODEL_UCR] = 60;
	fz_model->sensors[0].threshold[MODEL_LCR] = 30;
	fz_model->sensors[0].hysteresis = 1;
	fz_sensor("PSU{n}", 0x08, 0x6f, 0)->state = 1;
	fz_model->sensors[1].off_state = 8;
	fz_model->sensors[1].has_off_state = 1;
	fz_model->fru[0].defined = 1;
	strcpy(fz_model->fru[0].board_serial, "SN{index}");
	fz_model->sel.capacity = 16;
	fz_model->sel.overwrite = 1;
	strcpy(fz_cfg.name, "fuzz");
	strcpy(fz_cfg.host, "127.0.0.1");
	fz_cfg.port = 623;
	fz_cfg.model = fz_model;
}

static struct node *
fz_node(void)
{
	struct node *n;
	char	     why[128];

	if (fz_model == NULL)
		fz_init();
	if ((n = node_new(&fz_cfg, NULL, 1000, 0, why, sizeof(why))) == NULL)
		abort();
	return n;
}

/* Writes out everything queued, checking each; returns how many. */
static unsigned
fz_drain(struct node *n, uint64_t now, uint8_t *last, size_t *lastlen)
{
	struct peer_addr dst;
	uint8_t		 out[RESPONDER_DATAGRAM_MAX + 1];
	unsigned	 count = 0;
	size_t		 len;

	out[RESPONDER_DATAGRAM_MAX] = 0xa5;
	while ((len = node_write(n, now, &dst, out, RESPONDER_DATAGRAM_MAX)) !=
	    0) {
		if (len > RESPONDER_DATAGRAM_MAX ||
		    out[RESPONDER_DATAGRAM_MAX] != 0xa5 ||
		    dst.family != fz_peer.family || dst.port != fz_peer.port ||
		    memcmp(dst.addr, fz_peer.addr, sizeof(dst.addr)) != 0 ||
		    ++count > NODE_OUTBOX_MAX)
			abort();
		if (last != NULL && count == 1) {
			memcpy(last, out, len);
			*lastlen = len;
		}
	}
	return count;
}

static void
fz_expire(struct node *n, uint64_t now)
{
	if (node_next_deadline(n) <= now) {
		node_expire(n, now);
		fz_drain(n, now, NULL, NULL);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct node *n = fz_node();
	struct rd    rd, dg;
	uint64_t     now = 1000;
	uint16_t     word;

	rd_init(&rd, data, size);
	while (rd_u16be(&rd, &word) == 0) {
		if (word & 0x8000) {
			now += word & 0x7fff;
			fz_expire(n, now);
			continue;
		}
		if (rd_sub(&rd, &dg,
			word < rd_left(&rd) ? word : rd_left(&rd)) != 0)
			break;
		(void)node_input(n, now, UINT64_C(1767225600000) + now,
		    &fz_peer, rd_pos(&dg), rd_left(&dg));
		fz_drain(n, now, NULL, NULL);
		now += FZ_STEP_MS;
		fz_expire(n, now);
	}
	if (node_stats(n)->outbox_full != 0 || node_stats(n)->write_short != 0)
		abort();
	node_free(n);
	return 0;
}

#ifdef FUZZ_NODE_GENERATE
#include "initiator.h"
#include "ipmi15.h"
#include "rng.h"

/* The generator plays the harness's part and records what it fed. */
struct gen {
	struct node	 *n;
	struct initiator *in;
	uint64_t	  now;
	uint8_t		  rec[8192];
	size_t		  reclen;
	uint8_t		  reply[RESPONDER_DATAGRAM_MAX];
	size_t		  replylen;
};

static void
gen_send(struct gen *g, const uint8_t *p, size_t len)
{
	g->rec[g->reclen++] = (uint8_t)(len >> 8);
	g->rec[g->reclen++] = (uint8_t)len;
	memcpy(g->rec + g->reclen, p, len);
	g->reclen += len;
	g->replylen = 0;
	(void)node_input(
	    g->n, g->now, UINT64_C(1767225600000) + g->now, &fz_peer, p, len);
	fz_drain(g->n, g->now, g->reply, &g->replylen);
	g->now += FZ_STEP_MS;
	fz_expire(g->n, g->now);
}

static void
gen_wait(struct gen *g, unsigned ms)
{
	g->rec[g->reclen++] = (uint8_t)(0x80 | ms >> 8);
	g->rec[g->reclen++] = (uint8_t)ms;
	g->now += ms;
	fz_expire(g->n, g->now);
}

static void
gen_login(struct gen *g, int suite, int ipmi15, struct rng *crng)
{
	struct initiator_config ic;
	struct initiator_event	ev;
	uint8_t			a[RESPONDER_DATAGRAM_MAX];
	size_t			alen;
	int			rc;

	initiator_config_defaults(&ic);
	ic.name_len = 5;
	memcpy(ic.name, "admin", 5);
	memcpy(ic.password, "password", 8);
	if (ipmi15) {
		ic.protocol = INITIATOR_IPMI15;
		ic.authtype15 = IPMI15_AUTHTYPE_MD5;
	} else
		ic.suite_id = (uint8_t)suite;
	g->in = initiator_new(&ic, crng);
	if (initiator_start(g->in, a, sizeof(a), &alen) != 0)
		abort();
	do {
		gen_send(g, a, alen);
		rc = initiator_input(
		    g->in, g->reply, g->replylen, a, sizeof(a), &alen, &ev);
	} while (rc == INITIATOR_SEND);
	if (rc != INITIATOR_DONE)
		abort();
}

static void
gen_call(
    struct gen *g, uint8_t netfn, uint8_t cmd, const char *data, size_t len)
{
	uint8_t a[RESPONDER_DATAGRAM_MAX];
	size_t	alen;

	if (initiator_request(g->in, netfn, cmd, (const uint8_t *)data, len, a,
		sizeof(a), &alen) != 0)
		abort();
	gen_send(g, a, alen);
}

static void
gen_write(const char *dir, const char *name, const struct gen *g)
{
	char  path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((f = fopen(path, "wb")) == NULL ||
	    fwrite(g->rec, 1, g->reclen, f) != g->reclen || fclose(f) != 0)
		abort();
}

static void
gen_one(const char *dir, const char *name, int suite, int ipmi15,
    void (*script)(struct gen *))
{
	struct gen  g;
	struct rng *crng = rng_new_seeded(99);

	memset(&g, 0, sizeof(g));
	g.n = fz_node();
	g.now = 1000;
	gen_login(&g, suite, ipmi15, crng);
	script(&g);
	gen_write(dir, name, &g);
	initiator_free(g.in);
	node_free(g.n);
	rng_free(crng);
}

static void
script_requests(struct gen *g)
{
	gen_call(g, IPMI_NETFN_APP, 0x01, NULL, 0);
	gen_call(g, IPMI_NETFN_SENSOR, 0x2d, "\x01", 1);
	gen_call(g, IPMI_NETFN_STORAGE, 0x40, NULL, 0);
}

static void
script_send_message(struct gen *g)
{
	gen_call(
	    g, IPMI_NETFN_APP, 0x34, "\x40\x20\x18\xc8\x20\x08\x01\xd7", 8);
	gen_call(
	    g, IPMI_NETFN_APP, 0x34, "\x40\x20\x11\xcf\x20\x08\x2d\x02\xa9", 9);
}

static void
script_power_cycle(struct gen *g)
{
	gen_call(g, IPMI_NETFN_CHASSIS, 0x02, "\x02", 1);
	gen_call(g, IPMI_NETFN_CHASSIS, 0x01, NULL, 0);
	gen_wait(g, 1500);
	gen_call(g, IPMI_NETFN_CHASSIS, 0x01, NULL, 0);
	/* A threshold below the reading: a SEL entry at the next tick. */
	gen_call(
	    g, IPMI_NETFN_SENSOR, 0x26, "\x01\x08\x00\x00\x00\x00\x0a\x00", 8);
	gen_wait(g, 2000);
	gen_call(g, IPMI_NETFN_STORAGE, 0x43, "\x00\x00\x00\x00\x00\xff", 6);
}

static void
script_users(struct gen *g)
{
	/* Set User Name 5, password, enable; then disable admin itself. */
	gen_call(
	    g, IPMI_NETFN_APP, 0x45, "\x05guest\0\0\0\0\0\0\0\0\0\0\0", 17);
	gen_call(
	    g, IPMI_NETFN_APP, 0x47, "\x05\x02secret\0\0\0\0\0\0\0\0\0\0", 18);
	gen_call(g, IPMI_NETFN_APP, 0x47, "\x02\x00", 2);
	gen_call(g, IPMI_NETFN_APP, 0x01, NULL, 0);
}

static void
script_idle(struct gen *g)
{
	gen_call(g, IPMI_NETFN_APP, 0x01, NULL, 0);
	gen_wait(g, 30000);
	gen_wait(g, 30000);
	gen_wait(g, 1000);
	gen_call(g, IPMI_NETFN_APP, 0x01, NULL, 0);
}

int
main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: %s CORPUS_DIR\n", argv[0]);
		return 2;
	}
	gen_one(argv[1], "requests_suite_17", 17, 0, script_requests);
	gen_one(argv[1], "requests_suite_3", 3, 0, script_requests);
	gen_one(argv[1], "requests_ipmi15_md5", 0, 1, script_requests);
	gen_one(argv[1], "send_message", 17, 0, script_send_message);
	gen_one(argv[1], "send_message_ipmi15", 0, 1, script_send_message);
	gen_one(argv[1], "power_cycle_sel", 17, 0, script_power_cycle);
	gen_one(argv[1], "users", 3, 0, script_users);
	gen_one(argv[1], "idle_timeout", 17, 0, script_idle);
	return 0;
}
#endif
