/*
 * The fault engine: rules, their matching, their deterministic firing
 * and their counters (see fault.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "fault.h"
#include "fnv.h"
#include "hexdump.h"

struct fault_slot {
	struct fault_rule     rule;
	struct fault_counters counters;
	uint64_t	      stream; /* splitmix64 state */
};

struct fault_engine {
	char		  bmc[FAULT_BMC_MAX];
	uint64_t	  seed;
	uint64_t	  start_ms;
	uint64_t	  silent_until;
	unsigned	  n;
	struct fault_slot slots[FAULT_RULES_MAX];
};

/* ---- the streams ---- */

/* splitmix64 (Steele, Lea, Flood 2014): one step of a rule's stream. */
static uint64_t
fault_splitmix64(uint64_t *state)
{
	uint64_t z = (*state += UINT64_C(0x9e3779b97f4a7c15));

	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

static uint64_t
fault_hash(const char *s)
{
	uint32_t h = fnv1a32(FNV1A32_INIT, s, strlen(s));

	/* Both halves: a 32-bit hash spread over the 64-bit seed. */
	return (uint64_t)h << 32 | fnv1a32(h, s, strlen(s));
}

static void
fault_slot_seed(const struct fault_engine *e, struct fault_slot *s)
{
	s->stream = e->seed ^ fault_hash(s->rule.name) ^ fault_hash(e->bmc);
}

/* ---- rules as text ---- */

void
fault_rule_init(struct fault_rule *r)
{
	memset(r, 0, sizeof(*r));
	r->stage = FAULT_STAGE_RESPONSE;
	r->kinds = FAULT_KIND_IPMI;
	r->netfn = FAULT_ANY;
	r->cmd = FAULT_ANY;
	r->action = FAULT_ACTION_DROP;
	r->probability_ppm = FAULT_PPM;
}

static int
fault_parse_u32(const char *v, uint32_t *out)
{
	char	     *end;
	unsigned long n;

	if (*v == '\0' || *v == '-')
		return -1;
	n = strtoul(v, &end, 0);
	if (*end != '\0' || n > UINT32_MAX)
		return -1;
	*out = (uint32_t)n;
	return 0;
}

static int
fault_parse_bool(const char *v, uint8_t *out)
{
	if (strcmp(v, "yes") == 0 || strcmp(v, "true") == 0 ||
	    strcmp(v, "on") == 0 || strcmp(v, "1") == 0)
		*out = 1;
	else if (strcmp(v, "no") == 0 || strcmp(v, "false") == 0 ||
	    strcmp(v, "off") == 0 || strcmp(v, "0") == 0)
		*out = 0;
	else
		return -1;
	return 0;
}

static const struct {
	const char *name;
	uint8_t	    bit;
} fault_kind_names[] = {
    {"asf", FAULT_KIND_ASF},
    {"open", FAULT_KIND_OPEN},
    {"rakp1", FAULT_KIND_RAKP1},
    {"rakp3", FAULT_KIND_RAKP3},
    {"ipmi", FAULT_KIND_IPMI},
    {"sol", FAULT_KIND_SOL},
    {"all", FAULT_KIND_ALL},
};

static int
fault_parse_kinds(const char *v, uint8_t *out)
{
	char	    word[16];
	size_t	    i, n;
	uint8_t	    kinds = 0;
	const char *p = v;

	while (*p != '\0') {
		while (*p == ' ' || *p == ',')
			p++;
		for (n = 0; p[n] != '\0' && p[n] != ' ' && p[n] != ','; n++)
			;
		if (n == 0)
			break;
		if (n >= sizeof(word))
			return -1;
		memcpy(word, p, n);
		word[n] = '\0';
		for (i = 0;
		     i < sizeof(fault_kind_names) / sizeof(fault_kind_names[0]);
		     i++)
			if (strcmp(word, fault_kind_names[i].name) == 0)
				break;
		if (i == sizeof(fault_kind_names) / sizeof(fault_kind_names[0]))
			return -1;
		kinds |= fault_kind_names[i].bit;
		p += n;
	}
	if (kinds == 0)
		return -1;
	*out = kinds;
	return 0;
}

/* action = NAME[:ARG]; the argument's meaning is the action's. */
static const struct {
	const char *name;
	uint8_t	    action;
	uint8_t	    arg; /* 0 none, 1 required */
} fault_action_names[] = {
    {"drop", FAULT_ACTION_DROP, 0},
    {"delay", FAULT_ACTION_DELAY, 1},
    {"duplicate", FAULT_ACTION_DUPLICATE, 0},
    {"corrupt", FAULT_ACTION_CORRUPT, 1},
    {"truncate", FAULT_ACTION_TRUNCATE, 1},
    {"cc", FAULT_ACTION_CC, 1},
    {"cc-exec", FAULT_ACTION_CC, 1},
    {"silence", FAULT_ACTION_SILENCE, 1},
};

static int
fault_parse_action(struct fault_rule *r, const char *v, const char **why)
{
	const char *colon = strchr(v, ':');
	size_t	    n = colon != NULL ? (size_t)(colon - v) : strlen(v), i;
	const char *arg = colon != NULL ? colon + 1 : NULL;
	uint32_t    u;
	long	    off;
	char	   *end;

	for (i = 0;
	     i < sizeof(fault_action_names) / sizeof(fault_action_names[0]);
	     i++)
		if (strlen(fault_action_names[i].name) == n &&
		    strncmp(v, fault_action_names[i].name, n) == 0)
			break;
	if (i == sizeof(fault_action_names) / sizeof(fault_action_names[0])) {
		*why = "expected drop, delay:MS, duplicate, corrupt:OFFSET, "
		       "truncate:LEN, cc:HEX, cc-exec:HEX or silence:MS";
		return ERR_FORMAT;
	}
	if ((arg != NULL) != fault_action_names[i].arg) {
		*why = arg != NULL ? "this action takes no argument"
				   : "this action needs an argument (NAME:ARG)";
		return ERR_FORMAT;
	}
	r->action = fault_action_names[i].action;
	switch (r->action) {
	case FAULT_ACTION_DELAY:
	case FAULT_ACTION_SILENCE:
	case FAULT_ACTION_TRUNCATE:
		if (fault_parse_u32(arg, &u) != 0 ||
		    (r->action == FAULT_ACTION_TRUNCATE && u > UINT16_MAX)) {
			*why = "expected a number after the colon";
			return ERR_FORMAT;
		}
		if (r->action == FAULT_ACTION_DELAY)
			r->delay_ms = u;
		else if (r->action == FAULT_ACTION_SILENCE)
			r->silence_ms = u;
		else
			r->truncate_len = (uint16_t)u;
		break;
	case FAULT_ACTION_CORRUPT:
		off = strtol(arg, &end, 0);
		if (*arg == '\0' || *end != '\0' || off < -1024 || off > 1024) {
			*why = "expected an offset from -1024 to 1024";
			return ERR_FORMAT;
		}
		r->corrupt_offset = (int32_t)off;
		break;
	case FAULT_ACTION_CC:
		/* cc:C0 means C0h: hex, with or without 0x. */
		u = (uint32_t)strtoul(arg, &end, 16);
		if (*arg == '\0' || *arg == '-' || *end != '\0' || u > 0xff) {
			*why = "expected a completion code in hex";
			return ERR_FORMAT;
		}
		r->cc = (uint8_t)u;
		r->cc_execute = strncmp(v, "cc-exec", 7) == 0;
		break;
	default:
		break;
	}
	return 0;
}

static int
fault_parse_peer(const char *v, struct peer_addr *p)
{
	unsigned a, b, c, d, port = 0;
	char	 tail;
	int	 n;

	memset(p, 0, sizeof(*p));
	n = sscanf(v, "%u.%u.%u.%u:%u%c", &a, &b, &c, &d, &port, &tail);
	if ((n != 4 && n != 5) || a > 255 || b > 255 || c > 255 || d > 255 ||
	    port > 65535)
		return -1;
	p->family = 4;
	p->addr[0] = (uint8_t)a;
	p->addr[1] = (uint8_t)b;
	p->addr[2] = (uint8_t)c;
	p->addr[3] = (uint8_t)d;
	p->port = (uint16_t)port;
	return 0;
}

int
fault_rule_set(
    struct fault_rule *r, const char *key, const char *v, const char **why)
{
	uint32_t u;
	unsigned a, b;
	double	 prob;
	char	*end, tail;

	*why = NULL;
	if (strcmp(key, "name") == 0) {
		if (*v == '\0' || strlen(v) >= sizeof(r->name)) {
			*why = "expected a name of 1 to 31 characters";
			return ERR_FORMAT;
		}
		snprintf(r->name, sizeof(r->name), "%s", v);
	} else if (strcmp(key, "bmc") == 0) {
		if (strlen(v) >= sizeof(r->bmc)) {
			*why = "expected a BMC name of at most 63 characters";
			return ERR_FORMAT;
		}
		snprintf(r->bmc, sizeof(r->bmc), "%s", v);
	} else if (strcmp(key, "peer") == 0) {
		if (fault_parse_peer(v, &r->peer) != 0) {
			*why = "expected an IPv4 address, with :PORT or not";
			return ERR_FORMAT;
		}
	} else if (strcmp(key, "session") == 0) {
		u = (uint32_t)strtoul(v, &end, 16);
		if (*v == '\0' || *end != '\0') {
			*why = "expected the BMC's session ID in hex";
			return ERR_FORMAT;
		}
		r->session_id = u;
	} else if (strcmp(key, "user") == 0) {
		if (fault_parse_u32(v, &u) != 0 || u > 63) {
			*why = "expected a user ID from 0 to 63";
			return ERR_FORMAT;
		}
		r->user_id = (uint8_t)u;
	} else if (strcmp(key, "stage") == 0) {
		if (strcmp(v, "request") == 0)
			r->stage = FAULT_STAGE_REQUEST;
		else if (strcmp(v, "response") == 0)
			r->stage = FAULT_STAGE_RESPONSE;
		else {
			*why = "expected request or response";
			return ERR_FORMAT;
		}
	} else if (strcmp(key, "kind") == 0) {
		if (fault_parse_kinds(v, &r->kinds) != 0) {
			*why = "expected a list of asf, open, rakp1, rakp3, "
			       "ipmi, sol or all";
			return ERR_FORMAT;
		}
	} else if (strcmp(key, "netfn") == 0 || strcmp(key, "cmd") == 0) {
		if (fault_parse_u32(v, &u) != 0 || u > 0xff ||
		    (key[0] == 'n' && u > 0x3f)) {
			*why = "expected a number (netFn up to 3Fh, command "
			       "up to FFh)";
			return ERR_FORMAT;
		}
		if (key[0] == 'n')
			r->netfn = (int16_t)(u & ~1u);
		else
			r->cmd = (int16_t)u;
	} else if (strcmp(key, "command") == 0) {
		/* NETFN:CMD in hex, as the journal prints them. */
		if (sscanf(v, "%x:%x%c", &a, &b, &tail) != 2 || a > 0x3f ||
		    b > 0xff) {
			*why = "expected NETFN:CMD in hex, e.g. 00:02";
			return ERR_FORMAT;
		}
		r->netfn = (int16_t)(a & ~1u);
		r->cmd = (int16_t)b;
	} else if (strcmp(key, "data") == 0 || strcmp(key, "mask") == 0) {
		uint8_t *dst = key[0] == 'd' ? r->data : r->mask;
		size_t	 len;

		if (hexdump_parse(v, dst, FAULT_DATA_MAX, &len) != 0) {
			*why = "expected up to 16 bytes in hex";
			return ERR_FORMAT;
		}
		if (key[0] == 'd') {
			r->data_len = (uint8_t)len;
			/* A prefix without a mask must match exactly. */
			memset(r->mask, 0xff, sizeof(r->mask));
		}
	} else if (strcmp(key, "transmission") == 0) {
		if (strcmp(v, "any") == 0)
			r->transmission = 0;
		else if (strcmp(v, "first") == 0)
			r->transmission = 1;
		else if (strcmp(v, "retransmission") == 0)
			r->transmission = 2;
		else {
			*why = "expected any, first or retransmission";
			return ERR_FORMAT;
		}
	} else if (strcmp(key, "action") == 0) {
		return fault_parse_action(r, v, why);
	} else if (strcmp(key, "jitter") == 0) {
		if (fault_parse_u32(v, &r->jitter_ms) != 0) {
			*why = "expected milliseconds";
			return ERR_FORMAT;
		}
	} else if (strcmp(key, "head_of_line") == 0 ||
	    strcmp(key, "disabled") == 0) {
		if (fault_parse_bool(v,
			key[0] == 'h' ? &r->head_of_line : &r->disabled) != 0) {
			*why = "expected yes or no";
			return ERR_FORMAT;
		}
	} else if (strcmp(key, "probability") == 0) {
		prob = strtod(v, &end);
		if (*v == '\0' || *end != '\0' ||
		    !(prob >= 0.0 && prob <= 1.0)) {
			*why = "expected a probability from 0 to 1";
			return ERR_FORMAT;
		}
		r->probability_ppm = (uint32_t)(prob * FAULT_PPM + 0.5);
	} else if (strcmp(key, "count") == 0 || strcmp(key, "skip") == 0 ||
	    strcmp(key, "every") == 0) {
		if (fault_parse_u32(v, &u) != 0) {
			*why = "expected a count";
			return ERR_FORMAT;
		}
		if (key[0] == 'c')
			r->count = u;
		else if (key[0] == 's')
			r->skip = u;
		else
			r->every = u;
	} else if (strcmp(key, "window") == 0) {
		unsigned long long from, to;

		if (sscanf(v, "%llu-%llu%c", &from, &to, &tail) != 2 ||
		    to <= from) {
			*why = "expected FROM-TO in milliseconds, FROM < TO";
			return ERR_FORMAT;
		}
		r->window_from_ms = from;
		r->window_to_ms = to;
	} else
		return ERR_NOT_FOUND;
	return 0;
}

int
fault_rule_check(const struct fault_rule *r, const char **why)
{
	*why = NULL;
	if (r->name[0] == '\0')
		*why = "a rule needs a name";
	else if (r->stage != FAULT_STAGE_REQUEST &&
	    r->stage != FAULT_STAGE_RESPONSE)
		*why = "stage must be request or response";
	else if (r->action >= FAULT_ACTION_COUNT)
		*why = "unknown action";
	else if (r->data_len > 0 && !(r->kinds & FAULT_KIND_IPMI))
		*why = "data matches IPMI requests only (kind ipmi)";
	else if ((r->netfn != FAULT_ANY || r->cmd != FAULT_ANY) &&
	    r->kinds != FAULT_KIND_IPMI)
		*why = "a command matches IPMI requests only (kind ipmi)";
	else if (r->action == FAULT_ACTION_CC &&
	    (r->kinds != FAULT_KIND_IPMI || r->cc == 0))
		*why = "cc:HEX answers IPMI requests, with a code other than 0";
	return *why != NULL ? ERR_CONFIG : 0;
}

const char *
fault_action_format(const struct fault_rule *r, char *buf, size_t cap)
{
	switch (r->action) {
	case FAULT_ACTION_DELAY:
		snprintf(buf, cap, "delay:%u", (unsigned)r->delay_ms);
		break;
	case FAULT_ACTION_DUPLICATE:
		snprintf(buf, cap, "duplicate");
		break;
	case FAULT_ACTION_CORRUPT:
		snprintf(buf, cap, "corrupt:%d", (int)r->corrupt_offset);
		break;
	case FAULT_ACTION_TRUNCATE:
		snprintf(buf, cap, "truncate:%u", (unsigned)r->truncate_len);
		break;
	case FAULT_ACTION_CC:
		snprintf(buf, cap, "%s:%02X", r->cc_execute ? "cc-exec" : "cc",
		    r->cc);
		break;
	case FAULT_ACTION_SILENCE:
		snprintf(buf, cap, "silence:%u", (unsigned)r->silence_ms);
		break;
	default:
		snprintf(buf, cap, "drop");
		break;
	}
	return buf;
}

/* ---- the engine ---- */

struct fault_engine *
fault_engine_new(const char *bmc, uint64_t seed, uint64_t now_ms)
{
	struct fault_engine *e;

	if ((e = calloc(1, sizeof(*e))) == NULL)
		return NULL;
	snprintf(e->bmc, sizeof(e->bmc), "%s", bmc != NULL ? bmc : "");
	e->seed = seed;
	e->start_ms = now_ms;
	return e;
}

void
fault_engine_free(struct fault_engine *e)
{
	free(e);
}

void
fault_engine_reseed(struct fault_engine *e, uint64_t seed)
{
	unsigned i;

	e->seed = seed;
	for (i = 0; i < e->n; i++)
		fault_slot_seed(e, &e->slots[i]);
}

static struct fault_slot *
fault_find(struct fault_engine *e, const char *name)
{
	unsigned i;

	for (i = 0; i < e->n; i++)
		if (strcmp(e->slots[i].rule.name, name) == 0)
			return &e->slots[i];
	return NULL;
}

int
fault_add(struct fault_engine *e, const struct fault_rule *r)
{
	struct fault_slot *s;
	const char	  *why;

	if (fault_rule_check(r, &why) != 0 || fault_find(e, r->name) != NULL)
		return ERR_CONFIG;
	if (e->n == FAULT_RULES_MAX)
		return ERR_NOSPACE;
	s = &e->slots[e->n++];
	memset(s, 0, sizeof(*s));
	s->rule = *r;
	fault_slot_seed(e, s);
	return 0;
}

int
fault_remove(struct fault_engine *e, const char *name)
{
	struct fault_slot *s = fault_find(e, name);
	size_t		   i;

	if (s == NULL)
		return ERR_NOT_FOUND;
	i = (size_t)(s - e->slots);
	memmove(s, s + 1, (e->n - i - 1) * sizeof(*s));
	e->n--;
	return 0;
}

int
fault_set_disabled(struct fault_engine *e, const char *name, int disabled)
{
	struct fault_slot *s = fault_find(e, name);

	if (s == NULL)
		return ERR_NOT_FOUND;
	s->rule.disabled = disabled != 0;
	return 0;
}

void
fault_clear(struct fault_engine *e)
{
	e->n = 0;
	e->silent_until = 0;
}

unsigned
fault_rule_count(const struct fault_engine *e)
{
	return e->n;
}

const struct fault_rule *
fault_rule_at(
    const struct fault_engine *e, unsigned i, struct fault_counters *c)
{
	if (i >= e->n)
		return NULL;
	if (c != NULL)
		*c = e->slots[i].counters;
	return &e->slots[i].rule;
}

static int
fault_in_scope(const struct fault_engine *e, const struct fault_rule *r,
    const struct fault_packet *p)
{
	size_t n = strlen(r->bmc);

	if (n > 0) {
		if (r->bmc[n - 1] == '*') {
			if (strncmp(r->bmc, e->bmc, n - 1) != 0)
				return 0;
		} else if (strcmp(r->bmc, e->bmc) != 0)
			return 0;
	}
	if (r->peer.family != 0) {
		if (p->peer == NULL || p->peer->family != r->peer.family ||
		    memcmp(p->peer->addr, r->peer.addr,
			r->peer.family == 4 ? 4 : 16) != 0 ||
		    (r->peer.port != 0 && r->peer.port != p->peer->port))
			return 0;
	}
	if (r->session_id != 0 && r->session_id != p->session_id)
		return 0;
	if (r->user_id != 0 && r->user_id != p->user_id)
		return 0;
	return 1;
}

static int
fault_matches(const struct fault_rule *r, const struct fault_packet *p)
{
	size_t i;

	if (r->stage != p->stage || !(r->kinds & p->kind))
		return 0;
	if (r->transmission != 0 &&
	    (r->transmission == 2) != (p->retransmission != 0))
		return 0;
	if (r->netfn == FAULT_ANY && r->cmd == FAULT_ANY && r->data_len == 0)
		return 1;
	if (!p->has_msg)
		return 0;
	if (r->netfn != FAULT_ANY && r->netfn != (p->netfn & ~1))
		return 0;
	if (r->cmd != FAULT_ANY && r->cmd != p->cmd)
		return 0;
	if (r->data_len > p->data_len)
		return 0;
	for (i = 0; i < r->data_len; i++)
		if ((p->data[i] & r->mask[i]) != (r->data[i] & r->mask[i]))
			return 0;
	return 1;
}

int
fault_decide(struct fault_engine *e, const struct fault_packet *p,
    struct fault_verdict *v)
{
	unsigned i;
	uint64_t since = p->now_ms - e->start_ms, draw;

	for (i = 0; i < e->n; i++) {
		struct fault_slot *s = &e->slots[i];
		struct fault_rule *r = &s->rule;
		uint64_t	   nth;

		if (r->disabled || !fault_in_scope(e, r, p) ||
		    !fault_matches(r, p))
			continue;
		nth = ++s->counters.matches;
		if (nth <= r->skip)
			continue;
		if (r->every > 1 && (nth - r->skip) % r->every != 0)
			continue;
		if (since < r->window_from_ms ||
		    (r->window_to_ms != 0 && since >= r->window_to_ms))
			continue;
		if (r->count != 0 && s->counters.firings >= r->count)
			continue;
		/* Every match past the filters draws, fired or not, so the
		 * decisions depend on the traffic only. */
		draw = fault_splitmix64(&s->stream);
		if (r->probability_ppm < FAULT_PPM &&
		    draw % FAULT_PPM >= r->probability_ppm)
			continue;
		s->counters.firings++;
		memset(v, 0, sizeof(*v));
		v->action = r->action;
		v->rule = r;
		v->draw = draw;
		v->delay_ms = r->delay_ms;
		if (r->jitter_ms > 0)
			v->delay_ms += (uint32_t)(fault_splitmix64(&s->stream) %
			    ((uint64_t)r->jitter_ms + 1));
		if (r->action == FAULT_ACTION_SILENCE)
			e->silent_until = p->now_ms + r->silence_ms;
		return 1;
	}
	return 0;
}

uint64_t
fault_silent_until(const struct fault_engine *e)
{
	return e->silent_until;
}
