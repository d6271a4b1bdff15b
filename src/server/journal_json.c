#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "journal_json.h"
#include "names.h"
#include "node.h"
#include "responder.h"

static json_t *
hex_string(const uint8_t *p, size_t n)
{
	static const char digits[] = "0123456789abcdef";
	char		  buf[2 * RESPONDER_DATAGRAM_MAX + 1];
	size_t		  i;

	if (n > RESPONDER_DATAGRAM_MAX)
		n = RESPONDER_DATAGRAM_MAX;
	for (i = 0; i < n; i++) {
		buf[2 * i] = digits[p[i] >> 4];
		buf[2 * i + 1] = digits[p[i] & 0x0f];
	}
	buf[2 * n] = '\0';
	return json_string(buf);
}

json_t *
journal_json_entry(const struct journal_entry *e)
{
	char	    addr[48], name[64], action[JOURNAL_ACTION_MAX], hex[16];
	json_t	   *o;
	const char *power;

	o = json_pack("{s:I, s:I, s:s, s:s, s:s}", "seq", (json_int_t)e->seq,
	    "time_ms", (json_int_t)e->wall_ms, "bmc", e->bmc, "peer",
	    node_peer_format(&e->peer, addr, sizeof(addr)), "outcome",
	    journal_outcome_name(e->outcome));
	if (o == NULL)
		return NULL;
	json_object_set_new(o, "peer_port", json_integer(e->peer.port));
	if (e->outcome == JOURNAL_DROPPED)
		json_object_set_new(
		    o, "drop", json_string(responder_drop_name(e->drop)));
	if (e->in_session) {
		snprintf(hex, sizeof(hex), "%08x", e->bmc_sid);
		json_object_set_new(o, "session",
		    json_pack("{s:s, s:s, s:s, s:s, s:i, s:i, s:I}", "bmc_sid",
			hex, "console_sid", "", "user", e->user, "privilege",
			names_priv(e->privilege), "user_id", e->user_id,
			"suite", e->ipmi15 ? -1 : e->suite_id, "seq",
			(json_int_t)e->session_seq));
		snprintf(hex, sizeof(hex), "%08x", e->console_sid);
		json_object_set_new(json_object_get(o, "session"),
		    "console_sid", json_string(hex));
		if (e->ipmi15)
			json_object_set_new(json_object_get(o, "session"),
			    "suite", json_null());
	} else
		json_object_set_new(o, "session", json_null());
	if (e->has_request) {
		snprintf(hex, sizeof(hex), "%02x:%02x", e->netfn, e->cmd);
		json_object_set_new(o, "command",
		    json_string(journal_command_name(
			e->netfn, e->cmd, name, sizeof(name))));
		json_object_set_new(o, "netfn_cmd", json_string(hex));
		json_object_set_new(
		    o, "name", json_string(names_cmd(e->netfn, e->cmd)));
		json_object_set_new(o, "rq_seq", json_integer(e->rq_seq));
		json_object_set_new(o, "data", hex_string(e->req, e->req_len));
		if (e->redacted)
			json_object_set_new(
			    o, "redacted_from", json_integer(e->redacted - 1));
		journal_action(e, action, sizeof(action));
		if (action[0] != '\0')
			json_object_set_new(o, "action", json_string(action));
	}
	if (e->has_request && e->outcome != JOURNAL_DROPPED) {
		snprintf(hex, sizeof(hex), "%02x", e->cc);
		json_object_set_new(o, "cc", json_string(hex));
		json_object_set_new(o, "cc_name", json_string(names_cc(e->cc)));
		json_object_set_new(
		    o, "response", hex_string(e->rsp, e->rsp_len));
	}
	json_object_set_new(o, "retransmit_of",
	    e->retransmit_of != 0 ? json_integer((json_int_t)e->retransmit_of)
				  : json_null());
	power = journal_power_name(e->power);
	json_object_set_new(o, "change",
	    power != NULL ? json_pack("{s:s}", "power", power) : json_null());
	return o;
}

int
journal_json_hex(const char *s, uint8_t *out, size_t cap)
{
	size_t n = 0;
	int    hi = -1;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		s += 2;
	for (; *s != '\0'; s++) {
		int v;

		if (*s == ' ' || *s == ':' || *s == ',')
			continue;
		if (!isxdigit((unsigned char)*s))
			return -1;
		v = isdigit((unsigned char)*s)
		    ? *s - '0'
		    : tolower((unsigned char)*s) - 'a' + 10;
		if (hi < 0) {
			hi = v;
			continue;
		}
		if (n == cap)
			return -1;
		out[n++] = (uint8_t)(hi << 4 | v);
		hi = -1;
	}
	return hi < 0 ? (int)n : -1;
}

static int
parse_u64(const char *s, uint64_t *v, int base)
{
	char		  *end;
	unsigned long long x;

	if (s == NULL || *s == '\0' || *s == '-')
		return -1;
	errno = 0;
	x = strtoull(s, &end, base);
	if (errno != 0 || *end != '\0')
		return -1;
	*v = x;
	return 0;
}

int
journal_json_filter(struct journal_json_filter *out, const struct journal *j,
    journal_json_param_fn *param, void *arg, char *why, size_t whycap)
{
	struct journal_filter *f = &out->f;
	const char	      *s;
	uint64_t	       v;
	int		       n;

	journal_filter_init(f);
	f->bmc = param(arg, "bmc");
	f->peer = param(arg, "peer");
	f->user = param(arg, "user");
	if ((s = param(arg, "command")) != NULL) {
		if (journal_command_parse(s, &f->netfn, &f->cmd) != 0) {
			snprintf(why, whycap,
			    "command %s: give a name (chassis-control) or "
			    "NETFN:CMD in hex (0:2)",
			    s);
			return -1;
		}
		f->has_command = 1;
	}
	if ((s = param(arg, "data")) != NULL) {
		if ((n = journal_json_hex(s, out->data, sizeof(out->data))) <
		    0) {
			snprintf(why, whycap, "data %s: hex bytes (0200)", s);
			return -1;
		}
		f->data_prefix = out->data;
		f->data_prefix_len = (size_t)n;
	}
	if ((s = param(arg, "cc")) != NULL) {
		if (parse_u64(s, &v, 16) != 0 || v > 0xff) {
			snprintf(why, whycap, "cc %s: a byte in hex (c1)", s);
			return -1;
		}
		f->cc = (int)v;
	}
	if ((s = param(arg, "outcome")) != NULL &&
	    journal_outcome_parse(s, &f->outcome) != 0) {
		snprintf(
		    why, whycap, "outcome %s: answered, cached or dropped", s);
		return -1;
	}
	{
		static const struct {
			const char *name;
			size_t	    off;
		} nums[] = {
		    {"from_seq", offsetof(struct journal_filter, seq_from)},
		    {"to_seq", offsetof(struct journal_filter, seq_to)},
		    {"since_ms", offsetof(struct journal_filter, wall_from)},
		    {"until_ms", offsetof(struct journal_filter, wall_to)},
		};
		size_t i;

		for (i = 0; i < sizeof(nums) / sizeof(nums[0]); i++) {
			if ((s = param(arg, nums[i].name)) == NULL)
				continue;
			if (parse_u64(s, &v, 10) != 0) {
				snprintf(why, whycap, "%s %s: a number",
				    nums[i].name, s);
				return -1;
			}
			memcpy((char *)f + nums[i].off, &v, sizeof(v));
		}
	}
	if ((s = param(arg, "since_mark")) != NULL) {
		if ((v = journal_mark_seq(j, s)) == 0) {
			snprintf(why, whycap, "since_mark %s: no such mark", s);
			return -1;
		}
		if (v > f->seq_from)
			f->seq_from = v;
	}
	if ((s = param(arg, "until_mark")) != NULL) {
		if ((v = journal_mark_seq(j, s)) == 0) {
			snprintf(why, whycap, "until_mark %s: no such mark", s);
			return -1;
		}
		/* The mark is the seq after it: up to the one before. */
		if (v == 1)
			f->seq_from = UINT64_MAX; /* nothing came before */
		else if (f->seq_to == 0 || v - 1 < f->seq_to)
			f->seq_to = v - 1;
	}
	if ((s = param(arg, "originals")) != NULL)
		f->originals_only = strcmp(s, "1") == 0 ||
		    strcmp(s, "true") == 0;
	return 0;
}
