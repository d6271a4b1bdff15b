/*
 * The BMC watchdog timer (IPMI 2.0 section 27, App netFn 06h commands
 * 22h, 24h and 25h), counting down in real time.  At the pre-timeout
 * interval before expiry it raises the pre-timeout interrupt (the Get
 * Message Flags bit, and a SEL entry); at expiry it does its action
 * (hard reset, power down, power cycle), sets the expiration flag of the
 * timer's use and logs the Watchdog 2 event, unless told not to log.
 *
 * The timer is volatile, as on real BMCs: it starts stopped and is not
 * kept in the saved state.  With the host powered off there is nothing
 * to watch: a timer that expires then just stops.
 */
#include <stdlib.h>
#include <string.h>

#include "bmc_impl.h"
#include "err.h"

#define CMD_WD_RESET 0x22
#define CMD_WD_SET   0x24
#define CMD_WD_GET   0x25

#define WD_CC_UNINITIALIZED 0x80
#define WD_DONT_LOG	    0x80
#define WD_DONT_STOP	    0x40 /* Set: keep running; Get: running */
#define WD_USE_MASK	    0x07
#define WD_ACTION_MASK	    0x07
#define WD_PRE_SHIFT	    4
#define WD_PRE_MASK	    0x07

/* Timeout actions (byte 2, bits 2:0) and Watchdog 2 event offsets. */
enum wd_action {
	WD_NO_ACTION = 0,
	WD_HARD_RESET = 1,
	WD_POWER_DOWN = 2,
	WD_POWER_CYCLE = 3
};
#define WD_EVENT_TIMER_INTERRUPT 0x08

struct bmc_watchdog {
	uint8_t	 use;	  /* byte 1 as set: don't log, use */
	uint8_t	 actions; /* byte 2: pre-timeout interrupt, action */
	uint8_t	 pre_s;	  /* pre-timeout interval, s */
	uint8_t	 expired; /* expiration flags, bit n: use n */
	uint16_t initial; /* countdown, 100 ms units */
	uint8_t	 set;	  /* Set Watchdog Timer was called */
	uint8_t	 running;
	uint8_t	 pre_done;   /* the pre-timeout interrupt happened */
	uint16_t stopped_at; /* the present countdown while stopped */
	uint64_t expiry_ms;  /* while running */
};

static struct bmc_watchdog *
wd_of(const struct bmc *b)
{
	return b->watchdog;
}

/* Tenths of a second left, rounded up, as Get Watchdog Timer counts. */
static uint16_t
wd_present(const struct bmc_watchdog *w, uint64_t now_ms)
{
	if (!w->running)
		return w->stopped_at;
	if (now_ms >= w->expiry_ms)
		return 0;
	return (uint16_t)((w->expiry_ms - now_ms + 99) / 100);
}

static void
wd_start(struct bmc_watchdog *w, uint64_t now_ms)
{
	w->running = 1;
	w->pre_done = 0;
	w->expiry_ms = now_ms + (uint64_t)w->initial * 100;
}

static void
wd_event(struct bmc *b, uint64_t now_ms, uint8_t offset)
{
	const struct bmc_watchdog *w = wd_of(b);
	struct bmc_sensor_address  at = {0, 0xff};
	struct bmc_event	   ev = {
		      .generator = 0x20,
		      .sensor_type = BMC_SENSOR_TYPE_WATCHDOG2,
		      .event_type = 0x6f,
	  };

	if (w->use & WD_DONT_LOG)
		return;
	(void)bmc_sensor_find_type(b->model, BMC_SENSOR_TYPE_WATCHDOG2, &at);
	ev.sensor_number = at.number;
	/* Data 2 holds the interrupt type and the timer use (table 42-3). */
	ev.data[0] = (uint8_t)(0xc0 | offset);
	ev.data[1] = (uint8_t)(((w->actions >> WD_PRE_SHIFT) & WD_PRE_MASK)
		<< 4 |
	    (w->use & WD_USE_MASK));
	ev.data[2] = 0xff;
	bmc_event(b, now_ms, &ev);
}

static void
wd_expire(struct bmc *b, uint64_t now_ms)
{
	struct bmc_watchdog *w = wd_of(b);
	uint8_t		     action = w->actions & WD_ACTION_MASK;

	w->running = 0;
	w->stopped_at = 0;
	if (!b->power_on) {
		bmc_log(b, "watchdog expired with the host off: stopped");
		return;
	}
	w->expired |= (uint8_t)(1u << (w->use & WD_USE_MASK));
	bmc_log(b, "watchdog expired: %s",
	    action == WD_HARD_RESET	   ? "hard reset"
		: action == WD_POWER_DOWN  ? "power down"
		: action == WD_POWER_CYCLE ? "power cycle"
					   : "no action");
	wd_event(b, now_ms, action <= WD_POWER_CYCLE ? action : WD_NO_ACTION);
	switch (action) {
	case WD_HARD_RESET:
		bmc_system_boot(b, BMC_RESTART_WATCHDOG, 0, now_ms);
		break;
	case WD_POWER_DOWN:
		bmc_power_set(b, 0, now_ms, "watchdog power down");
		break;
	case WD_POWER_CYCLE:
		bmc_power_set(b, 0, now_ms, "watchdog power cycle");
		b->pending = BMC_PENDING_POWER_ON;
		b->pending_cause = BMC_RESTART_WATCHDOG;
		b->pending_deadline_ms = now_ms +
		    b->model->chassis.power_cycle_interval_ms;
		break;
	default:
		break;
	}
}

/* ---- handlers ---- */

static uint8_t
wd_reset(struct bmc *b, struct bmc_cmd *ctx)
{
	struct bmc_watchdog *w = wd_of(b);

	if (!w->set)
		return WD_CC_UNINITIALIZED;
	wd_start(w, ctx->req->now_ms);
	return IPMI_CC_OK;
}

static uint8_t
wd_set(struct bmc *b, struct bmc_cmd *ctx)
{
	struct bmc_watchdog *w = wd_of(b);
	uint8_t		     use, actions, pre, clear;
	uint16_t	     initial;

	rd_u8(&ctx->in, &use);
	rd_u8(&ctx->in, &actions);
	rd_u8(&ctx->in, &pre);
	rd_u8(&ctx->in, &clear);
	rd_u16le(&ctx->in, &initial);
	if ((use & WD_USE_MASK) == 0 || (use & WD_USE_MASK) > 5 ||
	    (actions & WD_ACTION_MASK) > WD_POWER_CYCLE ||
	    ((actions >> WD_PRE_SHIFT) & WD_PRE_MASK) > 3)
		return IPMI_CC_INVALID_DATA_FIELD;
	/* The pre-timeout must come before the timeout (27.6). */
	if (((actions >> WD_PRE_SHIFT) & WD_PRE_MASK) != 0 &&
	    (uint32_t)pre * 10 > initial)
		return IPMI_CC_INVALID_DATA_FIELD;
	w->use = use & (WD_DONT_LOG | WD_USE_MASK);
	w->actions = actions & 0x77;
	w->pre_s = pre;
	w->expired &= (uint8_t) ~(clear & 0x3e);
	w->initial = initial;
	w->set = 1;
	/* Set stops the timer, unless told to keep it running (27.7). */
	if ((use & WD_DONT_STOP) && w->running)
		wd_start(w, ctx->req->now_ms);
	else {
		w->running = 0;
		w->stopped_at = initial;
	}
	return IPMI_CC_OK;
}

static uint8_t
wd_get(struct bmc *b, struct bmc_cmd *ctx)
{
	const struct bmc_watchdog *w = wd_of(b);

	wr_u8(&ctx->out, (uint8_t)(w->use | (w->running ? WD_DONT_STOP : 0)));
	wr_u8(&ctx->out, w->actions);
	wr_u8(&ctx->out, w->pre_s);
	wr_u8(&ctx->out, w->expired);
	wr_u16le(&ctx->out, w->initial);
	wr_u16le(&ctx->out, wd_present(w, ctx->req->now_ms));
	return IPMI_CC_OK;
}

#define APP IPMI_NETFN_APP

/* Privileges of IPMI 2.0 appendix G. */
static const struct cmd_entry wd_cmds[] = {
    {APP, CMD_WD_RESET, IPMI_PRIV_OPERATOR, 0, 0, 0, wd_reset,
	"Reset Watchdog Timer"},
    {APP, CMD_WD_SET, IPMI_PRIV_OPERATOR, 6, 6, 0, wd_set,
	"Set Watchdog Timer"},
    {APP, CMD_WD_GET, IPMI_PRIV_USER, 0, 0, 0, wd_get, "Get Watchdog Timer"},
};

/* ---- life cycle ---- */

static uint64_t
wd_deadline(const struct bmc *b)
{
	const struct bmc_watchdog *w = wd_of(b);
	uint64_t		   pre_ms;

	if (!w->running)
		return UINT64_MAX;
	pre_ms = (uint64_t)w->pre_s * 1000;
	if (!w->pre_done && ((w->actions >> WD_PRE_SHIFT) & WD_PRE_MASK) != 0 &&
	    w->expiry_ms > pre_ms)
		return w->expiry_ms - pre_ms;
	return w->expiry_ms;
}

static void
wd_tick(struct bmc *b, uint64_t now_ms)
{
	struct bmc_watchdog *w = wd_of(b);
	uint64_t	     pre_ms = (uint64_t)w->pre_s * 1000;

	if (!w->running)
		return;
	if (!w->pre_done && ((w->actions >> WD_PRE_SHIFT) & WD_PRE_MASK) != 0 &&
	    now_ms + pre_ms >= w->expiry_ms) {
		w->pre_done = 1;
		if (b->power_on) {
			bmc_log(b, "watchdog pre-timeout interrupt");
			bmc_message_flags_set(b, BMC_MESSAGE_FLAG_WATCHDOG_PRE);
			wd_event(b, now_ms, WD_EVENT_TIMER_INTERRUPT);
		}
	}
	if (now_ms >= w->expiry_ms)
		wd_expire(b, now_ms);
}

static int
wd_init(struct bmc *b, uint64_t now_ms)
{
	(void)now_ms;
	if ((b->watchdog = calloc(1, sizeof(*b->watchdog))) == NULL)
		return ERR_NOMEM;
	return 0;
}

static void
wd_free(struct bmc *b)
{
	free(b->watchdog);
	b->watchdog = NULL;
}

const struct bmc_area bmc_area_watchdog = {
    .name = "watchdog",
    .cmds = wd_cmds,
    .ncmds = sizeof(wd_cmds) / sizeof(wd_cmds[0]),
    .init_cb = wd_init,
    .free_cb = wd_free,
    .deadline_cb = wd_deadline,
    .tick_cb = wd_tick,
};
